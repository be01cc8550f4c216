"""Per-client limits for public forms, kept only in Django's cache (shared by all workers).

One rule for every form: a fixed window that starts at the client's first use, a count and
the window's end stored together (some cache backends reset an entry's timeout on ``incr``,
which would let a steady trickle never expire). The client is a keyed hash of its address
(``moit_wagtail.clients.client_address``), so neither the cache nor the database ever holds
the address itself. With Redis as the cache, every server shares the same counters.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache

from moit_wagtail.clients import client_address


def client_digest(request):
    """A stable, non-reversible name for the client: HMAC of its address with SECRET_KEY."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()[:40]


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
    def _current(key):
        """(count, window end) of the client's current window, or (0, None)."""
        value = cache.get(key)
        if not isinstance(value, tuple) or value[1] <= time.time():
            return 0, None
        return value

    def is_limited(self, request, *scope):
        """True if the client has used up its allowance in the current window."""
        return self._current(self.key(request, *scope))[0] >= self.allowed

    def hit(self, request, *scope):
        """Count one use; True if this use went over the limit."""
        key = self.key(request, *scope)
        count, ends_at = self._current(key)
        if ends_at is None:
            ends_at = time.time() + self.window
        cache.set(key, (count + 1, ends_at), max(1, int(ends_at - time.time()) + 1))
        return count + 1 > self.allowed

    def window_minutes(self):
        return max(1, self.window // 60)
