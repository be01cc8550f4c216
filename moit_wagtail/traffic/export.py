"""The traffic log of a date range as CSV, streamed row by row.

Ninety days of a busy site are millions of rows: the query is read with ``.iterator()`` (a
server-side cursor on PostgreSQL) and each row is written as it comes, so memory stays flat
whatever the range. UTF-8 with a byte-order mark, so Excel shows Thai paths and names, and
every cell through ``spreadsheets.escape_cell``: the User-Agent and Host of a request are
whatever the visitor sent, and must not run as a formula in the officer's Excel.
Times are Asia/Bangkok (the site's TIME_ZONE) in ISO 8601 with their offset.
"""

import csv
import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from moit_wagtail.spreadsheets import escape_row

from .models import TrafficLogEntry

BOM = "\ufeff"
CHUNK = 2000
COLUMNS = (
    ("at", _("Date and time")),
    ("client", _("Client address")),
    ("host", _("Host")),
    ("method", _("Method")),
    ("path", _("Path")),
    ("status", _("Status")),
    ("bytes", _("Bytes")),
    ("user_id", _("User id")),
    ("username", _("Username")),
    ("user_agent", _("User agent")),
)


def day_bounds(date_from, date_to):
    """[start, end) in the current time zone: both days included, whole days."""
    start = timezone.make_aware(datetime.datetime.combine(date_from, datetime.time.min))
    end_day = date_to + datetime.timedelta(days=1)
    end = timezone.make_aware(datetime.datetime.combine(end_day, datetime.time.min))
    return start, end


def entries(date_from, date_to, client="", path="", user=""):
    start, end = day_bounds(date_from, date_to)
    rows = TrafficLogEntry.objects.filter(at__gte=start, at__lt=end)
    if client:
        rows = rows.filter(client=client)
    if path:
        rows = rows.filter(path__icontains=path)
    if user:
        by_id = user.isdigit() and len(user) < 19  # fits a bigint
        rows = rows.filter(user_id=int(user)) if by_id else rows.filter(username=user)
    return rows.order_by("at", "pk")


class _Line:
    def write(self, value):
        return value


def csv_lines(queryset):
    """Yields the BOM and header, then one CSV line per row, never holding the result set."""
    writer = csv.writer(_Line())
    names = [name for name, _label in COLUMNS]
    zone = timezone.get_current_timezone()
    yield BOM + writer.writerow([str(label) for _name, label in COLUMNS])
    for values in queryset.values_list(*names).iterator(chunk_size=CHUNK):
        at = values[0].astimezone(zone).isoformat(timespec="seconds")
        yield writer.writerow(escape_row([at, *("" if v is None else v for v in values[1:])]))
