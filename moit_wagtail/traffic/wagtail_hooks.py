"""Wiring only: the export screen's URL and menu item, and the export's audit-log label."""

import datetime

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from moit_wagtail.dates import format_date

from . import views


@hooks.register("register_admin_urls")
def register_traffic_urls():
    return [path("moit/traffic/", views.TrafficExportView.as_view(), name="moit_traffic_export")]


class TrafficMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_traffic_menu_item():
    return TrafficMenuItem(
        _("Traffic log (Computer Crime Act)"), reverse("moit_traffic_export"),
        icon_name="download", order=760,
    )  # fmt: skip


@hooks.register("register_log_actions")
def register_traffic_log_actions(actions):
    @actions.register_action(views.EXPORT_ACTION)
    class TrafficExportFormatter(LogFormatter):
        label = _("Export traffic log")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            try:
                start = datetime.date.fromisoformat(data["date_from"])
                end = datetime.date.fromisoformat(data["date_to"])
            except (KeyError, TypeError, ValueError):
                return self.label
            return _("Exported the traffic log from %(from)s to %(to)s") % {
                "from": format_date(start),
                "to": format_date(end),
            }


@hooks.register("register_moit_unit_permissions")
def traffic_unit_permissions():
    # The provincial office runs the installation: it answers an officer's request for
    # traffic data (Computer Crime Act s.26).
    return [("provincial", "moit_traffic.export_trafficlog")]


@hooks.register("register_permissions")
def register_traffic_permissions():
    return Permission.objects.filter(
        content_type__app_label="moit_traffic", codename="export_trafficlog"
    )
