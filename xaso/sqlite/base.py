"""SQLite lets one writer in at a time and makes the others poll with growing sleeps; under many concurrent
reporters a few pollers starve past the busy timeout and fail with "database is locked" (bench/load_bench.py
showed 2 in 2,400 saves). Here the threads of one process queue on a lock before BEGIN IMMEDIATE, so SQLite
only arbitrates between processes and nobody starves."""

import threading

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_WRITE_TURN = threading.Lock()
WAIT_SECONDS = 60


class DatabaseWrapper(base.DatabaseWrapper):
    _holds_turn = False

    def _start_transaction_under_autocommit(self):
        if not _WRITE_TURN.acquire(timeout=WAIT_SECONDS):
            raise OperationalError("database is locked")
        self._holds_turn = True
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_turn()
            raise

    def _release_turn(self):
        if self._holds_turn:
            self._holds_turn = False
            _WRITE_TURN.release()

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
