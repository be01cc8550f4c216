"""The e-services' per-client limits: submissions and tracking look-ups.

Defaults are 10 submissions per hour and 60 look-ups per 10 minutes; override with
``MOIT_ESERVICE_RATE_LIMITS = {"submit": (n, seconds), "track": (n, seconds)}``. The rule
itself (fixed window, hashed client, cache only) is ``moit_wagtail.ratelimit``.
"""

from django.conf import settings

from moit_wagtail.ratelimit import FixedWindowLimit

DEFAULT_LIMITS = {
    "submit": (10, 60 * 60),
    "track": (60, 10 * 60),
}


def limit_for(action):
    allowed, window = getattr(settings, "MOIT_ESERVICE_RATE_LIMITS", {}).get(
        action, DEFAULT_LIMITS[action]
    )
    return FixedWindowLimit(f"eservices-{action}", allowed, window)


def is_limited(action, request):
    """True if the client has used up the action's allowance in the current window."""
    return limit_for(action).is_limited(request)


def hit(action, request):
    """Count one use; returns True if this use went over the limit."""
    return limit_for(action).hit(request)


def window_minutes(action):
    return limit_for(action).window_minutes()
