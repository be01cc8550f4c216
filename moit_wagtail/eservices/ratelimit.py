"""Per-client limits kept in the shared cache (fixed windows; no IP address is stored).

A client is identified by a keyed hash of its address (``REMOTE_ADDR``, or the header
named in ``MOIT_CLIENT_IP_HEADER`` behind a trusted proxy such as ``HTTP_X_REAL_IP``).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from moit_wagtail.clients import client_address

# (requests allowed, window in seconds); override in settings.
DEFAULT_LIMITS = {
    "submit": (10, 60 * 60),
    "track": (60, 10 * 60),
}


def limit_for(action):
    return getattr(settings, "MOIT_ESERVICE_RATE_LIMITS", {}).get(action, DEFAULT_LIMITS[action])


def client_id(request):
    address = client_address(request)
    address = address.split(",")[0].strip()
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def _key(action, request):
    return f"moit:eservices:rate:{action}:{client_id(request)}"


def is_limited(action, request):
    """True if the client has used up the action's allowance in the current window."""
    allowed, _window = limit_for(action)
    return (cache.get(_key(action, request)) or 0) >= allowed


def hit(action, request):
    """Count one use; returns True if this use went over the limit."""
    allowed, window = limit_for(action)
    key = _key(action, request)
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        used = 1
    return used > allowed


def window_minutes(action):
    return max(1, limit_for(action)[1] // 60)
