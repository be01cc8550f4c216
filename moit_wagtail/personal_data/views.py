"""Admin screens for a citizen's request: find their submissions, export them, erase them.

Only the unit's own handlers (``handle_submission`` on the unit's site, as for the
submissions themselves) reach a unit's screens; anyone else gets 403. The citizen's email
or phone travels in POST bodies only, never in a URL, so it stays out of the traffic log.
Every export and every erasure is written to Wagtail's audit log, one entry per submission,
without the citizen's identifiers (an erasure must not leave a copy behind).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.log_actions import log

from moit_wagtail.admin_views import AdminScreen
from moit_wagtail.eservices.permissions import handled_sites
from moit_wagtail.spreadsheets import with_bom

from . import requests, submissions
from .actions import ERASE_ACTION, EXPORT_ACTION

FORMATS = [("csv", "CSV"), ("json", "JSON")]


class RequestForm(forms.Form):
    match_by = forms.ChoiceField(
        label=_("Find the citizen by"), choices=requests.MATCH_BY, widget=forms.RadioSelect
    )
    value = forms.CharField(label=_("Email, phone or tracking code"), max_length=255)


def unit_site(user, site_pk):
    """The unit site ``site_pk`` if ``user`` handles its submissions, else 403."""
    for site in handled_sites(user):
        if site.pk == site_pk:
            return site
    raise PermissionDenied


class UnitScreen(AdminScreen, TemplateView):
    header_icon = "lock"

    def dispatch(self, request, *args, site_pk, **kwargs):
        self.site = unit_site(request.user, site_pk)
        return super().dispatch(request, *args, **kwargs)

    def matches(self, form):
        data = form.cleaned_data
        return requests.matching(self.site, data["match_by"], data["value"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(site=self.site, formats=FORMATS, **kwargs)

    def back(self):
        return redirect("moit_personal_data:search", site_pk=self.site.pk)


class IndexView(AdminScreen, TemplateView):
    """The units whose requests the user answers (straight to the only one, usually)."""

    template_name = "moit_personal_data/index.html"
    page_title = _("Citizens' data requests")
    header_icon = "lock"

    def get(self, request, *args, **kwargs):
        self.sites = handled_sites(request.user)
        if not self.sites:
            raise PermissionDenied
        if len(self.sites) == 1:
            return redirect("moit_personal_data:search", site_pk=self.sites[0].pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sites=self.sites, **kwargs)


class SearchView(UnitScreen):
    template_name = "moit_personal_data/search.html"
    page_title = _("Citizens' data requests")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=RequestForm()))

    def post(self, request, *args, **kwargs):
        form = RequestForm(request.POST)
        found = self.matches(form).prefetch_related("files") if form.is_valid() else None
        return self.render_to_response(self.get_context_data(form=form, found=found))


class ExportView(UnitScreen):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RequestForm(request.POST)
        chosen = request.POST.get("format")
        if not form.is_valid() or chosen not in dict(FORMATS):
            return self.back()
        found = list(self.matches(form))
        if not found:
            messages.warning(request, _("No submission matches."))
            return self.back()
        for submission in found:
            log(instance=submission, action=EXPORT_ACTION, user=request.user,
                data={"format": chosen, "matched_by": form.cleaned_data["match_by"]})  # fmt: skip
        queryset = self.matches(form)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        if chosen == "csv":
            response = with_bom(HttpResponse(requests.as_csv(queryset)))
        else:
            response = HttpResponse(
                requests.as_json(queryset), content_type="application/json; charset=utf-8"
            )
        name = f"personal-data-{self.site.pk}-{stamp}.{chosen}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


class EraseView(UnitScreen):
    """First POST: the confirmation screen with the number of rows; second POST: erase."""

    http_method_names = ["post"]
    template_name = "moit_personal_data/confirm_erase.html"
    page_title = _("Erase a citizen's personal data")

    def post(self, request, *args, **kwargs):
        form = RequestForm(request.POST)
        if not form.is_valid():
            return self.back()
        pending = self.matches(form).filter(anonymised_at__isnull=True)
        if request.POST.get("confirm") != "yes":
            context = self.get_context_data(form=form, pending=pending, count=pending.count())
            return self.render_to_response(context)
        with transaction.atomic():  # the audit entries and the erasure, or neither
            rows = list(pending.select_for_update())
            for submission in rows:
                log(instance=submission, action=ERASE_ACTION, user=request.user,
                    data={"matched_by": form.cleaned_data["match_by"]})  # fmt: skip
            erased = submissions.erase(rows, timezone.now()) if rows else 0
        messages.success(
            request,
            ngettext(
                "The personal data of %(count)d submission was erased.",
                "The personal data of %(count)d submissions was erased.",
                erased,
            )
            % {"count": erased},
        )
        return self.back()
