"""A read that spends CPU, reporting three pages or not (the sandbox imports it by name in its child)."""

import time


def burn(seconds, reports, progress=None):
    if reports:
        progress(1, 3)
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    if reports:
        progress(3, 3)
    return "xong"


from xaso.checks.reading import _read_and_check as _real_read  # noqa: E402  (the real one, before any test patches it)


def reads_four_pages(data, name, limits, as_plan, progress=None):
    """The real read, after reporting four pages as a scan's OCR would."""
    for page in range(1, 5):
        progress(page, 4)
    return _real_read(data, name, limits, as_plan)
