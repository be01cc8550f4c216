"""Django's Redis cache, made to survive Redis being down: the site then runs uncached.

Everything on the public path uses the cache (the anonymous page cache, menus and footer
links, visitor counters, Wagtail's site lookup, the forms' rate limits). With plain
``RedisCache`` one unreachable Redis turns every public page into an error. Here a failed
call is a miss instead: reads find nothing, writes are dropped, ``add`` adds nothing and
``incr`` raises ``CacheUnavailable`` (a ``ValueError``, as for a missing key, so callers
that start a missing counter afresh degrade the same way). Pages are then rendered from
the database; rate limits do not apply (see ``moit_wagtail.ratelimit``). Sessions are in
the database, so staff stay signed in and the admin keeps working.

After a failure Redis is left alone for ``RETRY_SECONDS`` (no connect timeout per
request) and one warning is logged per interval, not one per request.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_SECONDS = 10
# Short socket timeouts: a Redis that does not answer must not hold a request for minutes.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


class CacheUnavailable(ValueError):
    """The cache could not be reached; raised by ``incr`` (nothing to count on)."""


class _Outages:
    """Per Redis location, until when it is left alone (shared by every thread)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._down_until = {}

    def is_down(self, location):
        return self._down_until.get(location, 0) > time.monotonic()

    def failed(self, location, error):
        with self._lock:
            if self.is_down(location):
                return
            self._down_until[location] = time.monotonic() + RETRY_SECONDS
        logger.warning(
            "Cache (Redis) unreachable, serving uncached for the next %s s: %s",
            RETRY_SECONDS,
            error,
        )

    def reset(self):
        with self._lock:
            self._down_until.clear()


outages = _Outages()


def _on_outage(fallback):
    """Run the Redis call; on a connection failure return ``fallback(...)`` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            import redis

            location = self._location
            if not outages.is_down(location):
                try:
                    return method(self, *args, **kwargs)
                except (redis.ConnectionError, redis.TimeoutError) as error:
                    outages.failed(location, error)
            return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _unavailable(*args, **kwargs):
    raise CacheUnavailable("the cache is unreachable")


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **{**DEFAULT_OPTIONS, **options})
        self._location = ",".join(servers)

    add = _on_outage(_false)(RedisCacheClient.add)
    get = _on_outage(lambda key, default: default)(RedisCacheClient.get)
    set = _on_outage(_nothing)(RedisCacheClient.set)
    touch = _on_outage(_false)(RedisCacheClient.touch)
    delete = _on_outage(_false)(RedisCacheClient.delete)
    get_many = _on_outage(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _on_outage(_false)(RedisCacheClient.has_key)
    incr = _on_outage(_unavailable)(RedisCacheClient.incr)
    set_many = _on_outage(_nothing)(RedisCacheClient.set_many)
    delete_many = _on_outage(_nothing)(RedisCacheClient.delete_many)
    clear = _on_outage(_false)(RedisCacheClient.clear)


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose outages read as misses (``CACHES["default"]["BACKEND"]``)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
