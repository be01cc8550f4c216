"""Pruning the traffic log after its retention period, in short batches.

Each batch deletes at most ``batch_size`` of the expired rows, in its own short
transaction, so no statement holds locks on the table for long while the site keeps
writing. Batches are idempotent: several servers running the command at the same time
delete each row once between them; a run whose batch another server has just deleted
stops and leaves the rest to that one (or to the next run).
"""

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import TrafficLogEntry

MINIMUM_DAYS = 90  # Computer Crime Act B.E. 2560 s.26
DEFAULT_BATCH = 5000


def retention_days():
    return int(getattr(settings, "MOIT_TRAFFIC_LOG_RETENTION_DAYS", MINIMUM_DAYS))


def cutoff(days=None, now=None):
    """Rows strictly older than this moment are past retention."""
    days = retention_days() if days is None else days
    return (now or timezone.now()) - datetime.timedelta(days=days)


def expired(before):
    return TrafficLogEntry.objects.filter(at__lt=before)


def prune(before, batch_size=DEFAULT_BATCH):
    """Delete every row older than ``before``; yields the size of each batch deleted.

    One plain DELETE per batch (no model signals: nothing listens to traffic rows, and
    Django would otherwise load each batch into memory to send them).
    """
    table = connection.ops.quote_name(TrafficLogEntry._meta.db_table)
    batch = expired(before).order_by("pk").values("pk")[:batch_size]
    select, params = batch.query.sql_with_params()  # Django adapts the datetime
    sql = f"DELETE FROM {table} WHERE id IN ({select})"
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            deleted = cursor.rowcount
        if deleted <= 0:  # nothing left, or another server just took this batch
            return
        yield deleted
