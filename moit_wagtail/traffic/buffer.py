"""A per-process write-behind buffer: requests append, a background thread writes in bulk.

Generic on purpose (nothing here knows about traffic): a request pays for one list append
under a lock; every ``flush_seconds`` (0 writes at once) a daemon thread of the worker
process hands the queued items to ``write`` in one call, and the process writes what is
left when it exits. A database error while writing is logged and the items are kept for the
next attempt (at most ``max_kept``), never raised into a request. The visitor statistics
recorder follows the same design and could be moved onto this class.

A worker that is killed hard (SIGKILL, OOM) loses at most ``flush_seconds`` of items.
"""

import atexit
import contextlib
import logging
import os
import threading

from django.db import DatabaseError, close_old_connections

logger = logging.getLogger(__name__)


class WriteBehindBuffer:
    def __init__(self, name, write, flush_seconds, max_pending=5000, max_kept=100_000):
        self.name = name
        self.write = write  # callable(list of items); may raise DatabaseError
        self.flush_seconds = flush_seconds  # callable returning seconds, read on each use
        self.max_pending = max_pending
        self.max_kept = max_kept
        self.pending = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pid = None
        atexit.register(self._flush_at_exit)

    def add(self, item):
        """Queue one item: a list append, no I/O (unless flush_seconds is 0)."""
        immediate = self.flush_seconds() <= 0
        with self._lock:
            self.pending.append(item)
            full = len(self.pending) >= self.max_pending
            start = not immediate and self._pid != os.getpid()
            if start:  # first item in this (possibly forked) worker process
                self._pid = os.getpid()
        if immediate:
            self.flush()
            return
        if start:
            self.start_flusher()
        if full:
            self._wake.set()

    def start_flusher(self):
        threading.Thread(target=self._loop, name=f"{self.name}-flush", daemon=True).start()

    def _loop(self):
        while True:
            self._wake.wait(max(self.flush_seconds(), 0.1))
            self._wake.clear()
            close_old_connections()
            self.flush()

    def flush(self):
        """Write every queued item; returns how many were written. Never raises."""
        with self._lock:
            items = self.pending[:]
            self.pending.clear()
        if not items:
            return 0
        try:
            self.write(items)
        except DatabaseError:
            logger.warning("%s: could not write %s items, will retry", self.name, len(items))
            with self._lock:
                kept = (items + self.pending)[-self.max_kept :]
                self.pending[:] = kept
            return 0
        except Exception:  # a bug must not lose the worker its requests either
            logger.exception(
                "%s: dropped %s items after an unexpected error", self.name, len(items)
            )
            return 0
        return len(items)

    def _flush_at_exit(self):
        with contextlib.suppress(Exception):  # the interpreter is going away
            self.flush()
