"""The survey's per-client limit: 3 answers per 10 minutes per survey by default.

Set ``MOIT_SURVEY_RATE_LIMIT = (answers, seconds)`` to change it. The rule itself (fixed
window, hashed client, cache only) is ``moit_wagtail.ratelimit``.
"""

from django.conf import settings

from moit_wagtail.ratelimit import FixedWindowLimit

DEFAULT_LIMIT = (3, 600)


def _limit():
    allowed, window = getattr(settings, "MOIT_SURVEY_RATE_LIMIT", DEFAULT_LIMIT)
    return FixedWindowLimit("survey", allowed, window)


def is_limited(request, survey_id):
    return _limit().is_limited(request, survey_id)


def record(request, survey_id):
    """Count one answer (before it is stored); True if it may be stored."""
    return not _limit().hit(request, survey_id)


def window_minutes():
    return _limit().window_minutes()
