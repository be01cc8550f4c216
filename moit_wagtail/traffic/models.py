"""Traffic data the Computer Crime Act B.E. 2560 s.26 asks a service provider to keep.

One row per HTTP request: when, from which address, what was asked (host, method, path with
its query string, their secrets masked by ``masking.py``), the answer (status, bytes) and
who, if signed in. The user is stored as an id and a username snapshot, not a foreign key:
deleting an account must neither delete nor block its traffic history. Rows are written in
bulk (``recorder.py``) and pruned after the retention period (``retention.py``); nobody
edits them, so the model has no add, change or delete permission, only
``export_trafficlog``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from moit_wagtail.dates import format_date


class TrafficLogEntry(models.Model):
    at = models.DateTimeField(_("time"), db_index=True)
    client = models.CharField(_("client address"), max_length=64)
    host = models.CharField(_("host"), max_length=255, blank=True)
    method = models.CharField(_("method"), max_length=16)
    path = models.CharField(_("path"), max_length=2000)
    status = models.PositiveSmallIntegerField(_("status"))
    bytes = models.PositiveBigIntegerField(_("bytes"), null=True, blank=True)
    user_id = models.BigIntegerField(_("user id"), null=True, blank=True)
    username = models.CharField(_("username"), max_length=150, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=512, blank=True)

    class Meta:
        verbose_name = _("traffic log entry")
        verbose_name_plural = _("traffic log entries")
        default_permissions = ()
        permissions = [("export_trafficlog", _("Can export the traffic log"))]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.client} {self.method} {self.path}"


class TrafficExport(models.Model):
    """Who exported which part of the traffic log, and when (also in Wagtail's audit log)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("exported at"), auto_now_add=True)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    filters = models.JSONField(_("filters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("traffic log export")
        verbose_name_plural = _("traffic log exports")
        default_permissions = ()

    def __str__(self):
        return _("Traffic log %(from)s to %(to)s") % {
            "from": format_date(self.date_from),
            "to": format_date(self.date_to),
        }
