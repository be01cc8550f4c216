"""Per-client limits for public forms, kept only in Django's cache (shared by all workers).

One rule for every form: a fixed window that starts at the client's first use. Each use is
one atomic increment, so parallel requests can never get more than the allowance between
them; callers count a use *before* they store anything and store only if it was allowed.

The window's start is its own entry (``add``: the first use wins it and it expires with the
window); the count lives under a key that embeds that start. Some backends reset an
entry's timeout on ``incr``: the count's key changes with every window, so that cannot
keep a steady trickle counting forever. ``incr`` is atomic on Redis and the in-memory
cache; the file cache (one machine, several workers) gets a file lock around it here.

The client is a keyed hash of its address (``moit_wagtail.clients.client_address``), so
neither the cache nor the database ever holds the address itself. With Redis as the cache,
every server shares the same counters. When the cache cannot be reached the limit does
not apply (fail open): a citizen's complaint matters more than a flood during an outage,
which ``moit_wagtail.cache_backend`` logs.
"""

import contextlib
import fcntl
import hashlib
import hmac
import os
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache

from moit_wagtail.clients import client_address

ATTEMPTS = 3  # an entry may expire between two steps; after that, give up and fail open


def client_digest(request):
    """A stable, non-reversible name for the client: HMAC of its address with SECRET_KEY."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()[:40]


@contextlib.contextmanager
def _atomic_on_this_backend():
    """Serialise increments where the backend's own ``add``/``incr`` are get-then-set."""
    backend = caches["default"]
    if not isinstance(backend, FileBasedCache):
        yield
        return
    os.makedirs(backend._dir, exist_ok=True)
    with open(os.path.join(backend._dir, "moit-ratelimit.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class FixedWindowLimit:
    """``allowed`` uses per ``window`` seconds per client (and per ``scope`` parts)."""

    def __init__(self, name, allowed, window):
        self.name = name
        self.allowed = allowed
        self.window = window

    def key(self, request, *scope):
        parts = ":".join(str(part) for part in scope)
        return f"moit:rate:{self.name}:{parts}:{client_digest(request)}"

    @staticmethod
    def _window_start(key):
        """When the client's current window started (its entry expires with the window)."""
        return cache.get(f"{key}:start")

    def _count_key(self, key, started):
        return f"{key}:{started!r}"

    def is_limited(self, request, *scope):
        """True if the client has used up its allowance in the current window."""
        key = self.key(request, *scope)
        started = self._window_start(key)
        if started is None:
            return False
        return (cache.get(self._count_key(key, started)) or 0) >= self.allowed

    def _increment(self, key):
        """This use's number in the client's window (atomic), or None if the cache failed."""
        for _attempt in range(ATTEMPTS):
            cache.add(f"{key}:start", time.time(), self.window)  # the first use wins
            started = self._window_start(key)
            if started is None:
                continue
            count_key = self._count_key(key, started)
            # The count outlives its window a little: it must never vanish mid-window.
            cache.add(count_key, 0, self.window + 60)
            try:
                return cache.incr(count_key)
            except ValueError:
                continue
        return None

    def hit(self, request, *scope):
        """Count one use, atomically; True if this use went over the limit (refuse it)."""
        with _atomic_on_this_backend():
            count = self._increment(self.key(request, *scope))
        return count is not None and count > self.allowed

    def window_minutes(self):
        return max(1, self.window // 60)
