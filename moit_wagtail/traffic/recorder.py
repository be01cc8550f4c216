"""From a request and its response to a queued traffic-log row, and the bulk insert.

Building a row costs no query: the user is read only when the request already has it
(the admin and anything else that evaluated ``request.user``) or carries a session cookie
(a signed-in visitor; anonymous visitors, the ones the page cache serves, have none).
"""

import datetime
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils.functional import empty

from moit_wagtail.clients import client_address

from .buffer import WriteBehindBuffer
from .masking import mask_path, mask_query
from .models import TrafficLogEntry

PATH_MAX = TrafficLogEntry._meta.get_field("path").max_length
AGENT_MAX = TrafficLogEntry._meta.get_field("user_agent").max_length
HOST_MAX = TrafficLogEntry._meta.get_field("host").max_length
INSERT_BATCH = 500


def flush_seconds():
    return getattr(settings, "MOIT_TRAFFIC_FLUSH_SECONDS", 5)


def clean(text, limit):
    """Capped, and without NUL characters (PostgreSQL refuses them in text)."""
    return text[:limit].replace("\x00", "%00")


def is_static(path):
    static_url = settings.STATIC_URL or ""
    return bool(static_url) and static_url.startswith("/") and path.startswith(static_url)


def response_bytes(response):
    """Body size when known: streamed bodies only through their Content-Length."""
    if not response.streaming:
        return len(response.content)
    length = response.get("Content-Length")
    return int(length) if length and length.isdigit() else None


def request_user(request):
    user = getattr(request, "user", None)
    if user is None:
        return None
    loaded = getattr(user, "_wrapped", user) is not empty
    if not loaded and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None  # anonymous: no session to look up
    try:
        return user if user.is_authenticated else None
    except DatabaseError:
        # Database down (bench/fault_bench.py pg-restart): the session cannot be
        # read; log the request without its user rather than not at all.
        return None


def row_for(request, response, started):
    """The tuple to queue for one request (kept small: it waits in memory until a flush).

    The path and query string are masked before anything is kept (``masking.py``): no
    secret waits in memory, reaches the database or an export.
    """
    path = mask_path(request.path)
    query = request.META.get("QUERY_STRING", "")
    if query:
        path = f"{path}?{mask_query(query)}"
    user = request_user(request)
    meta = request.META
    return (
        started,
        clean(client_address(request), 64),
        clean(meta.get("HTTP_HOST") or meta.get("SERVER_NAME", ""), HOST_MAX),
        clean(request.method or "", 16),
        clean(path, PATH_MAX),
        response.status_code,
        response_bytes(response),
        user.pk if user is not None else None,
        clean(user.get_username(), 150) if user is not None else "",
        clean(meta.get("HTTP_USER_AGENT", ""), AGENT_MAX),
    )


def write(rows):
    entries = [
        TrafficLogEntry(
            at=datetime.datetime.fromtimestamp(row[0], datetime.UTC),
            client=row[1],
            host=row[2],
            method=row[3],
            path=row[4],
            status=row[5],
            bytes=row[6],
            user_id=row[7],
            username=row[8],
            user_agent=row[9],
        )
        for row in rows
    ]
    with transaction.atomic():  # a savepoint when called inside a request's transaction
        TrafficLogEntry.objects.bulk_create(entries, batch_size=INSERT_BATCH)


buffer = WriteBehindBuffer("traffic log", write, flush_seconds)


def record(request, response, started=None):
    buffer.add(row_for(request, response, started or time.time()))
