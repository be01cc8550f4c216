"""A short Thai 503 page with ``Retry-After`` when the database or the upload disk fails.

When PostgreSQL restarts (an upgrade, a failover) every request that needs it fails for a
few seconds with ``OperationalError``/``InterfaceError``; Django's ``CONN_HEALTH_CHECKS``
reconnects on the next request once it is back, so nothing needs restarting. Visitors
should meanwhile see "try again in a moment" (503, which proxies and monitors read as
temporary), not a 500 that looks like a bug. A full upload disk (``ENOSPC``) is the same
kind of failure: nothing was saved, retry later. Every other exception stays a 500.

Two entry points render the same page: the middleware's ``process_exception`` (errors
raised by views, i.e. nearly all database work) and ``server_error`` as ``handler500``
(errors raised in middleware, e.g. saving the session). The page is rendered without a
request context and without the site's base template: both would query the database.
"""

import errno
import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

TEMPLATE = "moit_wagtail/unavailable.html"
DATABASE, STORAGE = "database", "storage"
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def retry_after_seconds():
    return int(getattr(settings, "MOIT_UNAVAILABLE_RETRY_AFTER", 30))


def reason_for(exception):
    """``DATABASE``, ``STORAGE`` or None (an ordinary error: let it be a 500)."""
    if isinstance(exception, OperationalError | InterfaceError):
        return DATABASE
    if isinstance(exception, OSError) and exception.errno in DISK_FULL:
        return STORAGE
    return None


def unavailable_response(request, exception, reason):
    logger.error(
        "503 %s unavailable: %s %s (%s: %s)",
        reason,
        request.method,
        request.path,
        type(exception).__name__,
        str(exception).strip().splitlines()[0] if str(exception).strip() else "",
    )
    html = render_to_string(TEMPLATE, {"reason": reason, "retry_after": retry_after_seconds()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(retry_after_seconds())
    add_never_cache_headers(response)
    return response


class ServiceUnavailableMiddleware:
    """Turns database and disk-full errors raised by views into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        reason = reason_for(exception)
        if reason is None:
            return None
        return unavailable_response(request, exception, reason)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """``handler500``: the 503 page for the same errors raised outside views, else Django's."""
    exception = sys.exc_info()[1]
    reason = reason_for(exception)
    if reason is None:
        return defaults.server_error(request, template_name)
    return unavailable_response(request, exception, reason)
