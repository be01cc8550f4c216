"""Logs every request and its response for the Computer Crime Act, without slowing pages.

Place it FIRST in MIDDLEWARE: it then wraps everything the application answers, the
HTTPS redirects of SecurityMiddleware, static files from WhiteNoise (kept only with
MOIT_TRAFFIC_LOG_STATIC), pages from the anonymous page cache (last in MIDDLEWARE), admin
views and the 500 pages of failed requests. Per request it only queues a tuple; rows are
written in bulk off the request path (``recorder.py``), and logging never fails a request.
"""

import logging
import time

from django.conf import settings

from .recorder import is_static, record

logger = logging.getLogger(__name__)


class TrafficLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.time()
        response = self.get_response(request)
        try:
            if getattr(settings, "MOIT_TRAFFIC_LOG_STATIC", False) or not is_static(request.path):
                record(request, response, started)
        except Exception:  # the log must never cost a visitor their page
            logger.exception("traffic log: could not record a request")
        return response
