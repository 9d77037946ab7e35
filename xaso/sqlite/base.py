"""Django's SQLite backend, with write transactions taken in turn inside each server process."""
"""SQLite lets one writer in at a time and makes the others poll with growing sleeps; under many concurrent
reporters a few pollers starve past the busy timeout and fail with "database is locked" (bench/load_bench.py
showed 2 in 2,400 saves). Here a writer first takes its turn: the threads of a process queue on a lock, the
processes on an exclusive lock of a file beside the database (filelock: flock on Linux, LockFileEx on Windows,
both freed by the system if the holder dies; a waiter retries every few milliseconds), and only then BEGIN
IMMEDIATE, which finds the database free."""

import threading

from django.db import OperationalError
from django.db.backends.sqlite3 import base
from filelock import FileLock, Timeout

_THREAD_TURN = threading.Lock()
_FILE_TURNS: dict[str, FileLock] = {}  # one per database file, used only by the thread holding _THREAD_TURN
WAIT_SECONDS = 60
POLL_SECONDS = 0.005


def file_turn(database: str) -> FileLock:
    """The lock that processes writing `database` take in turn (a file beside it, readable by its owner only)."""
    if database not in _FILE_TURNS:
        _FILE_TURNS[database] = FileLock(f"{database}-writer.lock", mode=0o600, thread_local=False)
    return _FILE_TURNS[database]


class DatabaseWrapper(base.DatabaseWrapper):
    _file_turn = None
    _holds_turn = False

    def _start_transaction_under_autocommit(self):
        if not _THREAD_TURN.acquire(timeout=WAIT_SECONDS):
            raise OperationalError("database is locked")
        try:
            if not self.is_in_memory_db():
                turn = file_turn(self.settings_dict["NAME"])
                try:
                    turn.acquire(timeout=WAIT_SECONDS, poll_interval=POLL_SECONDS)
                except Timeout:
                    raise OperationalError("database is locked") from None
                self._file_turn = turn
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_turn(locked=True)
            raise
        self._holds_turn = True

    def _release_turn(self, locked=False):
        if not (self._holds_turn or locked):
            return
        self._holds_turn = False
        if self._file_turn is not None:
            self._file_turn.release()
            self._file_turn = None
        _THREAD_TURN.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_turn()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_turn()

    def _set_autocommit(self, autocommit):
        super()._set_autocommit(autocommit)
        if autocommit:
            self._release_turn()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_turn()
