"""Per-client submission limit for the public survey, kept only in Django's cache.

A counter per survey and client lives for a fixed window from the client's first
submission (3 per 10 minutes by default: ``MOIT_SURVEY_RATE_LIMIT = (3, 600)``). The client
is a salted SHA-256 of its IP address, so neither the cache nor the database ever holds
the address itself. Behind a reverse proxy, set ``MOIT_CLIENT_IP_HEADER`` (e.g.
``"HTTP_X_REAL_IP"``) to the header the proxy sets, or every visitor shares one counter.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from moit_wagtail.clients import client_address

DEFAULT_LIMIT = (3, 600)


def limit():
    """(submissions, window in seconds)."""
    return tuple(getattr(settings, "MOIT_SURVEY_RATE_LIMIT", DEFAULT_LIMIT))


def client_key(request, survey_id):
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}|survey|{client_address(request)}".encode()
    ).hexdigest()[:40]
    return f"moit:survey:rate:{survey_id}:{digest}"


def _current(key):
    """(count, window end) of the client's current window, or (0, None)."""
    value = cache.get(key)
    if not value or value[1] <= time.time():
        return 0, None
    return value


def is_limited(request, survey_id):
    allowed, _window = limit()
    return _current(client_key(request, survey_id))[0] >= allowed


def record(request, survey_id):
    """Count one submission; the window starts at the client's first one.

    The window's end is stored with the count (and each write keeps the remaining
    time), because some cache backends reset an entry's timeout on ``incr``.
    """
    key = client_key(request, survey_id)
    count, ends_at = _current(key)
    if ends_at is None:
        ends_at = time.time() + limit()[1]
    cache.set(key, (count + 1, ends_at), max(1, int(ends_at - time.time()) + 1))


def window_minutes():
    return max(1, limit()[1] // 60)
