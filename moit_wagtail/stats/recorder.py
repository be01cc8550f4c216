"""Writing counts: hits are buffered per process and written in one short transaction.

Per request the middleware only appends a hit to a list. Every MOIT_STATS_FLUSH_SECONDS
(default 10; 0 writes at once) one request writes the buffer, and the process writes what
is left when it exits. Writing is safe with many worker processes:

* one upsert of the visitor marks (INSERT ... ON CONFLICT DO UPDATE ... RETURNING) lets the
  database decide which hits are new rather than a reload within 30 minutes, so a reload
  that lands on another worker is still counted once;
* counters are bumped with UPDATE ... SET n = n + k (the row is created on first use and
  the update retried on IntegrityError), so concurrent writers never lose a count.

Rows are locked in sorted order so two concurrent flushes cannot deadlock.
"""

import atexit
import contextlib
import hashlib
import logging
import os
import random
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import (
    DatabaseError,
    IntegrityError,
    close_old_connections,
    connection,
    transaction,
)
from django.db.models import F
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models.sites import get_site_for_hostname

from .models import DailyCount, DocumentCount, PageCount, VisitorMark

logger = logging.getLogger(__name__)

RELOAD_WINDOW = 30 * 60  # seconds: the same visitor on the same target counts once
ONLINE_WINDOW = 5 * 60  # seconds: "online now"
MAX_PENDING = 5000  # write early when this many hits wait (MOIT_STATS_MAX_PENDING)
MAX_KEPT = 50_000  # hits kept for a retry after a database error
UPSERT_CHUNK = 150  # rows per INSERT (6 parameters each, under SQLite's old 999 limit)

_lock = threading.Lock()
_pending = []
_wake = threading.Event()
_flusher = {"pid": None}


def flush_seconds():
    return getattr(settings, "MOIT_STATS_FLUSH_SECONDS", 10)


def record(hit):
    """Queue one hit: microseconds. A thread of this process writes the queue every
    ``flush_seconds`` (or sooner when it is long); with 0 the hit is written at once."""
    if flush_seconds() <= 0:
        with _lock:
            _pending.append(hit)
        flush()
        return
    with _lock:
        _pending.append(hit)
        full = len(_pending) >= getattr(settings, "MOIT_STATS_MAX_PENDING", MAX_PENDING)
        if _flusher["pid"] != os.getpid():  # first hit in this (possibly forked) process
            _flusher["pid"] = os.getpid()
            threading.Thread(target=_flush_loop, name="moit-stats-flush", daemon=True).start()
    if full:
        _wake.set()


def _flush_loop():
    """Writes off the request path, so no visitor waits for the database."""
    while True:
        _wake.wait(flush_seconds())
        _wake.clear()
        try:
            close_old_connections()
            flush()
        except Exception:  # keep counting after an unexpected error
            logger.exception("visitor statistics: flush failed")


def flush():
    """Write every queued hit; returns how many marks were counted. Never raises."""
    with _lock:
        hits = _pending[:]
        _pending.clear()
    if not hits:
        return 0
    try:
        return write(hits)
    except DatabaseError:
        logger.warning("visitor statistics: could not write %s hits, will retry", len(hits))
        with _lock:
            _pending[:0] = hits[-MAX_KEPT:]
        return 0


@atexit.register
def _flush_at_exit():
    with contextlib.suppress(Exception):  # the interpreter is going away
        flush()


def _site_ids(hits):
    found = {}
    for hit in hits:
        if hit.site_id is None and (hit.hostname, hit.port) not in found:
            try:
                site = get_site_for_hostname(hit.hostname, hit.port)
            except Exception:
                site = None
            found[(hit.hostname, hit.port)] = site and site.pk
    return found


def _key(visitor, site_id, kind, target):
    text = f"{visitor}|{site_id}|{kind}|{target}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def collect_marks(hits):
    """key -> [site_id, kind, target, first_seen, last_seen, day] for a batch of hits."""
    sites = _site_ids(hits)
    marks = {}
    days = {}
    for hit in hits:
        site_id = hit.site_id or sites.get((hit.hostname, hit.port))
        if not site_id:
            continue
        seconds = int(hit.at.timestamp())
        day = days.get(seconds)
        if day is None:
            day = days[seconds] = timezone.localdate(hit.at)
        for kind, target in (("v", ""), (hit.kind, hit.target)):
            key = _key(hit.visitor, site_id, kind, target)
            mark = marks.get(key)
            if mark is None:
                marks[key] = [site_id, kind, target, seconds, seconds, day]
            else:
                mark[3], mark[4] = min(mark[3], seconds), max(mark[4], seconds)
    return marks


def upsert_marks(marks, token):
    """Keys of the marks this flush counted (new, or last counted over 30 minutes ago)."""
    table = connection.ops.quote_name(VisitorMark._meta.db_table)
    key = connection.ops.quote_name("key")
    counted = set()
    keys = sorted(marks)
    for start in range(0, len(keys), UPSERT_CHUNK):
        chunk = keys[start : start + UPSERT_CHUNK]
        params = []
        for name in chunk:
            site_id, kind, _target, first, last, _day = marks[name]
            params += [name, site_id, kind, first, last, token]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
        stale = f"{table}.counted_at <= excluded.counted_at - {RELOAD_WINDOW}"
        sql = (
            f"INSERT INTO {table} ({key}, site_id, kind, counted_at, seen_at, token) "
            f"VALUES {values} ON CONFLICT ({key}) DO UPDATE SET "
            f"counted_at = CASE WHEN {stale} THEN excluded.counted_at "
            f"ELSE {table}.counted_at END, "
            f"token = CASE WHEN {stale} THEN excluded.token ELSE {table}.token END, "
            f"seen_at = CASE WHEN {table}.seen_at < excluded.seen_at THEN excluded.seen_at "
            f"ELSE {table}.seen_at END "
            f"RETURNING {key}, token"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counted.update(name for name, row_token in cursor.fetchall() if row_token == token)
    return counted


def bump(model, lookup, amounts):
    """Add ``amounts`` to the row found by ``lookup``, creating it; safe under concurrency."""
    changes = {field: F(field) + amount for field, amount in amounts.items()}
    if model.objects.filter(**lookup).update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**lookup, **amounts)
    except IntegrityError:  # another writer created it first: add to theirs
        model.objects.filter(**lookup).update(**changes)


_purged = [0]


def write(hits):
    marks = collect_marks(hits)
    if not marks:
        return 0
    documents = {int(m[2]) for m in marks.values() if m[1] == "d" and m[2].isdigit()}
    if documents:
        documents = set(
            get_document_model().objects.filter(pk__in=documents).values_list("pk", flat=True)
        )
    token = random.getrandbits(62)
    daily, pages, downloads = Counter(), Counter(), Counter()
    with transaction.atomic():
        counted = upsert_marks(marks, token)
        for name in counted:
            site_id, kind, target, _first, _last, day = marks[name]
            month = day.replace(day=1)
            if kind == "v":
                daily[(site_id, day, "visits")] += 1
            elif kind == "p":
                daily[(site_id, day, "views")] += 1
                pages[(site_id, month, target)] += 1
            elif target.isdigit() and int(target) in documents:
                daily[(site_id, day, "downloads")] += 1
                downloads[(site_id, month, int(target))] += 1
        per_day = {}
        for (site_id, day, field), amount in daily.items():
            per_day.setdefault((site_id, day), {})[field] = amount
        for (site_id, day), amounts in sorted(per_day.items()):
            bump(DailyCount, {"site_id": site_id, "day": day}, amounts)
        for (site_id, month, path), amount in sorted(pages.items()):
            bump(PageCount, {"site_id": site_id, "month": month, "path": path}, {"views": amount})
        for (site_id, month, document_id), amount in sorted(downloads.items()):
            lookup = {"site_id": site_id, "month": month, "document_id": document_id}
            bump(DocumentCount, lookup, {"downloads": amount})
        now = int(time.time())
        if now - _purged[0] >= 60:
            VisitorMark.objects.filter(seen_at__lt=now - RELOAD_WINDOW).delete()
            _purged[0] = now
    return len(counted)
