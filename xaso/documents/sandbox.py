"""Run a function in a child process under a CPU-time and memory budget, and get its result or a refusal.

The readers' own limits (limits.py) stop a document that is big in what it holds; a document can still be small in
rows and paragraphs and costly to read (a PDF drawn in millions of strokes, a table nested a hundred deep). The
anonymous check page and the import therefore read, extract and check in a child process that the kernel stops
past `cpu_seconds` of CPU time (RLIMIT_CPU) or `memory_mb` of address space (RLIMIT_AS); the web process answers a
refusal and keeps serving.

Children are forked from a `forkserver`: a clean process started once (not a fork of the web process, which holds
database connections and threads), with the readers imported already, so each child starts in milliseconds.

On Windows (no `resource`, no forkserver) the function runs in the calling process with the readers' limits only:
the demo on a commune laptop works the same, without the kernel's budget.

As with any multiprocessing child, the program's main script is imported (not run) in the child: `python -m xaso`,
the `xaso` and `gunicorn` scripts and pytest keep their work under `if __name__ == "__main__"`.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import DocumentError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Budget:
    cpu_seconds: int = 30
    memory_mb: int = 1024
    # A read that reports pages as it goes (a scan's OCR) gets this much more CPU per page once it has said how many
    # pages there are, up to `max_pages` of them: a 15-page scan is not refused for taking 15 times one page.
    cpu_seconds_per_page: int = 0
    max_pages: int = 0

    def for_pages(self, pages: int) -> int:
        """The CPU seconds of a read of `pages` pages (the soft limit; never past the hard one). A read done in one
        step (every reader but OCR says "1 of 1" when it ends) keeps the budget of one document."""
        if pages <= 1:
            return self.cpu_seconds
        return self.cpu_seconds + self.cpu_seconds_per_page * min(pages, self.max_pages)

    @property
    def ceiling(self) -> int:
        return self.for_pages(self.max_pages)


@dataclass(frozen=True)
class Usage:
    """What the child spent: CPU seconds (user + system) and its peak resident memory (MB)."""

    cpu_seconds: float
    peak_mb: float
    isolated: bool  # False: ran in this process (Windows), without the kernel's budget


class OverBudget(DocumentError):
    def __init__(self, name: str, reason: str):
        super().__init__(
            f"Văn bản “{name}” quá lớn hoặc quá phức tạp để xử lý ({reason}). Hãy bỏ phần không thuộc kế hoạch "
            "(trang thừa, bảng trống, hình vẽ) hoặc tách thành nhiều tệp nhỏ hơn rồi thử lại.", "over_budget")


def isolated() -> bool:
    """Whether children can be budgeted here: POSIX `resource` and a fork server."""
    try:
        import resource  # noqa: F401  (POSIX only: imported here so that Windows can start)
    except ImportError:
        return False
    return "forkserver" in multiprocessing.get_all_start_methods()


Progress = Callable[[int, int], None]


def run(function: Callable[..., Any], *args: Any, name: str, budget: Budget,
        progress: Progress | None = None) -> tuple[Any, Usage]:
    """`function(*args)` in a budgeted child: its result and what it spent. A DocumentError the function raises is
    raised here (with its code); a budget exceeded raises OverBudget. `function` must be importable by name: the
    fork server imports its module when it starts (the first call), so every child has it loaded already.

    With `progress`, the function is called with `progress=` a callable of its own (done, total) that sends each
    step through the pipe; `progress` is called with them here, in the calling process, as they come."""
    if not isolated():
        return _in_process(function, args, progress)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([function.__module__])
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, budget, progress is not None), daemon=True)
    try:
        child.start()
    except OSError as error:  # no fork server (no room for its socket, no processes left): read as on Windows
        log.error("reading %s: no worker process (%s); reading in this process", name, error)
        receiver.close()
        sender.close()
        return _in_process(function, args)
    sender.close()
    outcome = ("killed", None, None)
    allowed = budget.cpu_seconds  # raised as the child reports how many pages it reads
    deadline = time.monotonic() + allowed * 3 + 10
    try:
        # A child asleep or blocked uses no CPU: the wall clock stops it too.
        while receiver.poll(max(0.0, deadline - time.monotonic())):
            message = receiver.recv()
            if message[0] != "progress":
                outcome = message
                break
            done, total = message[1], message[2]
            if budget.for_pages(total) > allowed:
                deadline += (budget.for_pages(total) - allowed) * 3
                allowed = budget.for_pages(total)
            if progress:
                progress(done, total)
    except EOFError:  # ended by the kernel: SIGXCPU past the CPU budget (or SIGKILL)
        pass
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
        exitcode = child.exitcode
        child.close()
    kind, value, usage = outcome
    if kind == "killed":
        log.warning("reading %s: worker stopped (exit code %s) past %d s of CPU", name, exitcode, budget.cpu_seconds)
        raise OverBudget(name, "quá thời gian xử lý")
    if kind == "ok":
        return value, usage
    if kind == "refused":
        error = DocumentError(*value)
        error.usage = usage  # what the reader spent before refusing (the bomb tests print it)
        raise error
    if kind == "memory":
        log.warning("reading %s: worker ran out of its %d MB", name, budget.memory_mb)
        raise OverBudget(name, "quá bộ nhớ cho phép")
    log.error("reading %s: worker failed: %s", name, value)
    raise RuntimeError(value)


def _in_process(function: Callable[..., Any], args: tuple, progress: Progress | None) -> tuple[Any, Usage]:
    started = time.process_time()
    result = function(*args, progress=progress) if progress else function(*args)
    return result, Usage(time.process_time() - started, 0.0, isolated=False)


def _child(sender, function, args, budget: Budget, reports: bool) -> None:
    import resource

    limit = budget.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # SIGXCPU at the soft limit (its default action ends the process), SIGKILL one second past the hard one. The soft
    # limit starts at the budget of one document and rises with the pages the read reports, never past the ceiling.
    resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu_seconds, budget.ceiling + 1))
    allowed = [budget.cpu_seconds]

    def progress(done: int, total: int) -> None:
        wanted = budget.for_pages(total)
        if wanted > allowed[0]:
            resource.setrlimit(resource.RLIMIT_CPU, (wanted, budget.ceiling + 1))
            allowed[0] = wanted
        sender.send(("progress", int(done), int(total)))

    try:
        outcome = ("ok", function(*args, progress=progress) if reports else function(*args))
    except DocumentError as error:
        outcome = ("refused", (error.message, error.code))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as error:  # a bug, not a bad document: the parent logs it and answers 500 as for any bug
        outcome = ("failed", f"{type(error).__name__}: {error}")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    try:
        sender.send((*outcome, Usage(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, isolated=True)))
    except MemoryError:
        sender.send(("memory", None, None))
    except Exception as error:  # a result that cannot be sent back (pickled)
        sender.send(("failed", f"{type(error).__name__}: {error}", None))
    finally:
        sender.close()
