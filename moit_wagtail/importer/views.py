"""The admin screens: upload and preview, import, the refused rows, the template (the
record of past imports is ``batches``).

Only a unit's website admins import (``moit_importer.add_importbatch``, granted with the
unit's admin group) and only into sites where they may publish; provincial oversight
opens no one else's site here. Every check runs on the server for every request.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from moit_wagtail.access import sites_for_user
from moit_wagtail.admin_views import AdminScreen

from . import staging
from .forms import ImportForm
from .importing import import_rows
from .refused import refused_rows, workbook_bytes
from .rows import CREATE, REFUSED, UPDATE
from .sources import read_files, read_rows
from .template import template_xlsx

IMPORT_PERMISSION = "moit_importer.add_importbatch"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_sites(user):
    """The unit sites ``user`` may import into: their own, where they may publish."""
    if not user.has_perm(IMPORT_PERMISSION):
        return []
    return sites_for_user(user, oversight=False, page_permission="publish")


def xlsx_response(data, filename):
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


class ImportScreen(AdminScreen):
    def dispatch(self, request, *args, **kwargs):
        self.sites = import_sites(request.user)
        if not self.sites:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def site(self, site_id):
        site = next((site for site in self.sites if site.pk == site_id), None)
        if site is None:
            raise PermissionDenied
        return site


class ImportView(ImportScreen, FormView):
    """Upload, then the preview of every row; nothing is written before "Import"."""

    template_name = "moit_importer/import.html"
    form_class = ImportForm
    page_title = gettext_lazy("Import from the previous website")
    header_icon = "upload"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sites": self.sites}

    def form_valid(self, form):
        site = self.site(form.cleaned_data["site"].pk)
        mode = form.cleaned_data["mode"]
        sheet = form.cleaned_data["sheet"]
        token = staging.stage(
            self.request, site, mode, sheet, form.cleaned_data.get("files"),
            source=form.cleaned_data["source"], options=form.wordpress_options(),
        )  # fmt: skip
        outcome = import_rows(site, self.request.user, form.table, form.uploads, mode)
        lines = refused_rows(form.table.headers, outcome.refused)
        staging.staging.save(f"{token}/refused.xlsx", ContentFile(workbook_bytes(lines, "refused")))
        return self.render_to_response(
            self.get_context_data(
                form=form,
                outcome=outcome,
                token=token,
                site=site,
                counts={
                    "create": outcome.count(CREATE),
                    "update": outcome.count(UPDATE),
                    "refused": outcome.count(REFUSED),
                },
            )
        )


class ConfirmView(ImportScreen, View):
    """Import what the preview showed, from the files it kept (all or nothing)."""

    def get(self, request, token):
        if staging.staged(request, token) is None:
            raise Http404
        return redirect("moit_importer_import")

    def post(self, request, token):
        saved = staging.staged(request, token)
        if saved is None:
            raise Http404  # not this user's preview
        if not staging.exists(token):
            messages.error(request, _("This preview has expired: upload the sheet again."))
            return redirect("moit_importer_import")
        site = self.site(saved["site"])
        source = saved["source"]
        table = read_rows(source, staging.open_sheet(token, saved["sheet_name"]), saved["options"])
        uploads = read_files(source, staging.open_bundle(token) if saved["files"] else None)
        outcome = import_rows(
            site, request.user, table, uploads, saved["mode"], saved["sheet_name"], apply=True
        )
        staging.discard(request, token)
        messages.success(
            request,
            _("Imported %(created)s new and %(updated)s updated items; %(refused)s rows refused.")
            % {
                "created": outcome.count(CREATE),
                "updated": outcome.count(UPDATE),
                "refused": outcome.count(REFUSED),
            },
        )
        return redirect(reverse("moit_import_batches:inspect", args=[outcome.batch.pk]))


class RefusedRowsView(ImportScreen, View):
    """The preview's refused rows as a spreadsheet to fix and upload again."""

    def get(self, request, token):
        if staging.staged(request, token) is None:
            raise Http404
        with staging.staging.open(f"{token}/refused.xlsx") as handle:
            return xlsx_response(handle.read(), "refused-rows.xlsx")


class TemplateDownloadView(ImportScreen, View):
    def get(self, request):
        return xlsx_response(template_xlsx(), "import-template.xlsx")
