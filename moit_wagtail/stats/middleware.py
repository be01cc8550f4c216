"""Counts visits without slowing pages: placed before the page cache, so cached pages count.

The response is never changed and counting never fails a request.
"""

import logging

from .recorder import record
from .rules import hit_for

logger = logging.getLogger(__name__)


class VisitorCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        try:
            hit = hit_for(request, response)
            if hit is not None:
                record(hit)
        except Exception:  # statistics must never cost a visitor their page
            logger.exception("visitor statistics: could not count a request")
        return response
