"""Admin screen for an officer's request: the traffic log of a date range as CSV.

Only users with ``moit_traffic.export_trafficlog`` reach it (checked here, on the server;
superusers have it, roles grant it explicitly). Every download is recorded as a
``TrafficExport`` and in Wagtail's audit log (action ``moit.traffic_export``): who
exported which range with which filters. The audit log itself is exported with Wagtail's
own Site history report, linked from this screen.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.log_actions import log

from moit_wagtail.admin_views import AdminScreen
from moit_wagtail.date_inputs import AdminDateField
from moit_wagtail.dates import format_date

from .export import csv_lines, entries
from .models import TrafficExport, TrafficLogEntry
from .retention import retention_days

PERMISSION = "moit_traffic.export_trafficlog"
EXPORT_ACTION = "moit.traffic_export"
FILTERS = ("client", "path", "user")


class TrafficExportForm(forms.Form):
    date_from = AdminDateField(label=_("From"))
    date_to = AdminDateField(label=_("To (inclusive)"))
    client = forms.CharField(label=_("Client address"), required=False, max_length=64)
    path = forms.CharField(label=_("Path contains"), required=False, max_length=200)
    user = forms.CharField(
        label=_("User"),
        required=False,
        max_length=150,
        help_text=_("A username or a user id."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data


def site_history_url(date_from=None, date_to=None):
    url = reverse("wagtailadmin_reports:site_history")
    if date_from and date_to:
        query = {"timestamp_from": date_from.isoformat(), "timestamp_to": date_to.isoformat()}
        url = f"{url}?{urlencode(query)}"
    return url


class TrafficExportView(AdminScreen, FormView):
    template_name = "moit_traffic/export.html"
    form_class = TrafficExportForm
    page_title = _("Traffic log (Computer Crime Act)")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        today = timezone.localdate()
        return {"date_from": today - datetime.timedelta(days=6), "date_to": today}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        data = form.cleaned_data if form.is_bound and form.is_valid() else form.initial
        oldest = TrafficLogEntry.objects.order_by("at").values_list("at", flat=True).first()
        context.update(
            retention_days=retention_days(),
            oldest=format_date(oldest) if oldest else "",
            range_from=format_date(data.get("date_from")),
            range_to=format_date(data.get("date_to")),
            site_history_url=site_history_url(data.get("date_from"), data.get("date_to")),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        filters = {name: data[name] for name in FILTERS if data[name]}
        record = TrafficExport.objects.create(
            user=self.request.user,
            date_from=data["date_from"],
            date_to=data["date_to"],
            filters=filters,
        )
        log(
            instance=record,
            action=EXPORT_ACTION,
            user=self.request.user,
            data={
                "date_from": data["date_from"].isoformat(),
                "date_to": data["date_to"].isoformat(),
                "filters": filters,
            },
        )
        rows = entries(data["date_from"], data["date_to"], **filters)
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
        name = f"traffic-log-{data['date_from']:%Y%m%d}-{data['date_to']:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
