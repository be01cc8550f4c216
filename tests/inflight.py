"""Requests the live server is still handling, so a browser test ends only when they end.

A browser test's last click can leave a request running on the live server's thread (an
autosave or Wagtail's editing-session ping fired just before the tab closed). The
transactional test then empties every table while that request still writes; SQLite's
shared-cache test database locks per table, so the flush commits with a dangling foreign
key ("FOREIGN KEY constraint failed" at teardown, and every later browser test on that
worker fails on the missing root page). The ``page`` fixture waits here after closing
the tab. Test settings only.
"""

import threading
import time

_lock = threading.Condition()
_running = 0


class InFlightRequestsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        global _running
        with _lock:
            _running += 1
        try:
            return self.get_response(request)
        finally:
            with _lock:
                _running -= 1
                _lock.notify_all()


def wait_until_idle(timeout=15.0):
    """Block until no request is being handled; ``False`` if one still runs after ``timeout``."""
    deadline = time.monotonic() + timeout
    with _lock:
        while _running:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            _lock.wait(left)
    return True
