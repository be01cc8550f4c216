"""Full-page cache for anonymous visitors, dropped whenever published content changes.

Public pages of an agency site are read far more often than they change, and a Wagtail
page costs a dozen queries and a template render. Cached copies live in Django's cache
(shared between worker processes when the cache backend is: file, Redis, memcached) under
a "generation" number; every publish, unpublish, move, delete or change to a site setting,
document or image bumps the generation, so no visitor is shown a page that was taken down.

Only cookie-less GETs of Wagtail pages without view restrictions are cached, and only
responses that set no cookie: editors, previews and forms always get a fresh page.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

GENERATION_KEY = "moit:page-cache:generation"
CACHEABLE_FLAG = "_moit_page_cacheable"
HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary")


def cache_seconds():
    return getattr(settings, "MOIT_PAGE_CACHE_SECONDS", 300)


def page_cache():
    return caches[getattr(settings, "MOIT_PAGE_CACHE_ALIAS", "default")]


def current_generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh number (not 1) so entries from before an eviction can never match.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def invalidate(**kwargs):
    """Signal receiver: forget every cached page (cheap: one counter increment)."""
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def mark_cacheable(page, request, serve_args, serve_kwargs):
    """``before_serve_page`` hook: only unrestricted pages may be shared between visitors."""
    if AnonymousPageCacheMiddleware.is_eligible(request) and not (
        page.get_view_restrictions().exists()
    ):
        setattr(request, CACHEABLE_FLAG, True)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_eligible(request):
            return self.get_response(request)
        cache = page_cache()
        key = self.cache_key(request, current_generation(cache))
        cached = cache.get(key)
        if cached is not None:
            return self.rebuild(cached)
        response = self.get_response(request)
        if self.is_storable(request, response):
            headers = {name: response[name] for name in HEADERS_KEPT if response.has_header(name)}
            cache.set(key, (response.status_code, headers, response.content), cache_seconds())
        return response

    @staticmethod
    def is_eligible(request):
        return (
            request.method == "GET"
            and cache_seconds() > 0
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def is_storable(request, response):
        return (
            getattr(request, CACHEABLE_FLAG, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def cache_key(request, generation):
        digest = hashlib.sha256(
            f"{request.get_host()}|{request.get_full_path()}".encode()
        ).hexdigest()
        return f"moit:page:{generation}:{digest}"

    @staticmethod
    def rebuild(cached):
        status, headers, content = cached
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
