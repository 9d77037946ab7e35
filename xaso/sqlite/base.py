"""SQLite lets one writer in at a time and makes the others poll with growing sleeps; under many concurrent
reporters a few pollers starve past the busy timeout and fail with "database is locked" (bench/load_bench.py
showed 2 in 2,400 saves). Here a writer first takes its turn: the threads of a process queue on a lock, the
processes on an exclusive lock of a file beside the database (the kernel wakes the next waiter when it is
released, and frees it if its holder dies), and only then BEGIN IMMEDIATE, which finds the database free."""

import fcntl
import os
import threading

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_THREAD_TURN = threading.Lock()
WAIT_SECONDS = 60


class DatabaseWrapper(base.DatabaseWrapper):
    _turn_file = None
    _holds_turn = False

    def _start_transaction_under_autocommit(self):
        if not _THREAD_TURN.acquire(timeout=WAIT_SECONDS):
            raise OperationalError("database is locked")
        try:
            if not self.is_in_memory_db():
                self._turn_file = os.open(f"{self.settings_dict['NAME']}-writer.lock", os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._turn_file, fcntl.LOCK_EX)
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_turn(locked=True)
            raise
        self._holds_turn = True

    def _release_turn(self, locked=False):
        if not (self._holds_turn or locked):
            return
        self._holds_turn = False
        if self._turn_file is not None:
            os.close(self._turn_file)  # closing drops the file lock
            self._turn_file = None
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
