"""A worker whose reads are slow and report their steps, for the tests that kill a worker mid-job and watch a page's
progress bar move. Test code only: nothing in xaso/ reads these variables, so production cannot be slowed.

    python -m tests.slow_reading worker [options]     (XASO_TEST_SLOW_STEPS steps of XASO_TEST_SLOW_SECONDS each)

Each step sleeps in the budgeted child process (xaso.documents.sandbox) and reports `progress(step, steps)`
through its pipe, as a scan's OCR reports its pages; then the real read runs."""

import os
import sys
import time


def slow_read_and_check(data, name, limits, as_plan, progress=None):
    from xaso.checks import reading

    steps = int(os.environ.get("XASO_TEST_SLOW_STEPS", "6"))
    seconds = float(os.environ.get("XASO_TEST_SLOW_SECONDS", "1"))
    for step in range(steps):
        if progress:
            progress(step, steps)
        time.sleep(seconds)
    # In the fork server's child `reading` is freshly imported (the real function); in-process, the patch below kept it.
    real = getattr(reading, "_real_read_and_check", reading._read_and_check)
    return real(data, name, limits, as_plan, progress)


def main(argv: list[str]) -> int:
    from xaso import cli
    from xaso.checks import reading

    reading._real_read_and_check = reading._read_and_check
    reading._read_and_check = slow_read_and_check  # the sandbox pickles it by its name in this module
    return cli.main(argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
