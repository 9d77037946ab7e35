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


def run(function: Callable[..., Any], *args: Any, name: str, budget: Budget) -> tuple[Any, Usage]:
    """`function(*args)` in a budgeted child: its result and what it spent. A DocumentError the function raises is
    raised here (with its code); a budget exceeded raises OverBudget. `function` must be importable by name: the
    fork server imports its module when it starts (the first call), so every child has it loaded already."""
    if not isolated():
        return _in_process(function, args)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([function.__module__])
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args, budget), daemon=True)
    try:
        child.start()
    except OSError as error:  # no fork server (no room for its socket, no processes left): read as on Windows
        log.error("reading %s: no worker process (%s); reading in this process", name, error)
        receiver.close()
        sender.close()
        return _in_process(function, args)
    sender.close()
    outcome = ("killed", None, None)
    try:
        # A child asleep or blocked uses no CPU: the wall clock stops it too.
        if receiver.poll(budget.cpu_seconds * 3 + 10):
            outcome = receiver.recv()
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


def _in_process(function: Callable[..., Any], args: tuple) -> tuple[Any, Usage]:
    started = time.process_time()
    result = function(*args)
    return result, Usage(time.process_time() - started, 0.0, isolated=False)


def _child(sender, function, args, budget: Budget) -> None:
    import resource

    limit = budget.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # SIGXCPU at the soft limit (its default action ends the process), SIGKILL one second later.
    resource.setrlimit(resource.RLIMIT_CPU, (budget.cpu_seconds, budget.cpu_seconds + 1))
    try:
        outcome = ("ok", function(*args))
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
