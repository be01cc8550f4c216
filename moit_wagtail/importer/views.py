"""The admin screens: upload and preview, import, the refused rows, the template (the
record of past imports is ``batches``).

Only a unit's website admins import (``moit_importer.add_importbatch``, granted with the
unit's admin group) and only into sites where they may publish; provincial oversight
opens no one else's site here. Every check runs on the server for every request.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from moit_wagtail.access import sites_for_user
from moit_wagtail.admin_views import AdminScreen

from . import jobs, staging
from .documents import DocumentsForm, find_kind
from .forms import ImportForm
from .template import template_xlsx
from .types import import_types

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
    page_title = gettext_lazy("Import from the previous website")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.sites = import_sites(request.user)
        if not self.sites:
            raise PermissionDenied
        return self.prepare(request, **kwargs) or super().dispatch(request, *args, **kwargs)

    def prepare(self, request, **kwargs):
        """A response that ends the request before the view's method, or None."""
        return None

    def site(self, site_id):
        site = next((site for site in self.sites if site.pk == site_id), None)
        if site is None:
            raise PermissionDenied
        return site


class ImportView(ImportScreen, FormView):
    """Upload; the check of every row then runs in the background (``ProgressView``), and
    nothing is written before "Import"."""

    template_name = "moit_importer/import.html"
    form_class = ImportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "sites": self.sites}

    def form_valid(self, form):
        site = self.site(form.cleaned_data["site"].pk)
        token = staging.stage(
            self.request, site, form.cleaned_data["mode"], form.cleaned_data["sheet"],
            form.cleaned_data.get("files"),
            source=form.cleaned_data["source"], options=form.options(),
        )  # fmt: skip
        jobs.start(token, self.request.user, jobs.PREVIEW, len(form.table.rows))
        return redirect("moit_importer_progress", token)


class DocumentsView(ImportScreen, FormView):
    """Many documents into one category: first the item type, then what they share."""

    template_name = "moit_importer/documents.html"
    form_class = DocumentsForm
    page_title = gettext_lazy("Upload many documents at once")

    def prepare(self, request, **kwargs):
        self.kind = find_kind(request.GET.get("type") or request.POST.get("type", ""))
        return None

    def get(self, request, *args, **kwargs):
        if self.kind is None:
            return self.render_to_response(
                self.get_context_data(
                    form=None,
                    kinds=[
                        (kind.model._meta.label_lower, kind) for kind in import_types().values()
                    ],
                )
            )
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.kind is None:
            return redirect("moit_importer_documents")
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        return {**kwargs, "kind": self.kind, "sites": self.sites, "user": self.request.user}

    def form_valid(self, form):
        site = self.site(form.cleaned_data["site"].pk)
        sheet, files = form.sheet_and_files()
        token = staging.stage(self.request, site, form.cleaned_data["mode"], sheet, files=files)
        jobs.start(token, self.request.user, jobs.PREVIEW, form.item_count())
        return redirect("moit_importer_progress", token)


class StagedScreen(ImportScreen, View):
    """A screen of one staged batch: only for the user who staged it, while it is kept."""

    def prepare(self, request, token):
        self.token = token
        self.saved = staging.staged(request, self.token)
        if self.saved is None:
            raise Http404  # not this user's batch
        self.staged_site = self.site(self.saved["site"])
        if not staging.exists(self.token):
            messages.error(request, _("This preview has expired: upload the sheet again."))
            return redirect("moit_importer_import")
        return None

    def start_over(self, message):
        staging.discard(self.request, self.token)
        messages.error(self.request, message)
        return redirect("moit_importer_import")


class ProgressView(StagedScreen):
    """The running check or import (a progress bar the page polls), then where it leads."""

    def get(self, request, token):
        state = jobs.read_progress(token) or {"state": jobs.FAILED, "stalled": False}
        running = state["state"] == jobs.RUNNING and not state["stalled"]
        if "application/json" in request.headers.get("Accept", ""):  # the bar's question
            return JsonResponse({**state, "running": running, "label": progress_label(state)})
        if running:
            return TemplateResponse(
                request,
                "moit_importer/progress.html",
                {**self.get_context_data(), "state": state, "label": progress_label(state),
                 "token": token, "site": self.staged_site},
            )  # fmt: skip
        if state["state"] == jobs.FAILED or state["stalled"]:
            return self.start_over(
                _("The import stopped before the end, so nothing was written. Upload it again.")
            )
        if state["step"] == jobs.PREVIEW:
            return redirect("moit_importer_preview", token)
        staging.discard(request, token)
        counts = state["counts"]
        messages.success(
            request,
            _("Imported %(created)s new and %(updated)s updated items; %(refused)s rows refused.")
            % {
                "created": counts["create"],
                "updated": counts["update"],
                "refused": counts["refused"],
            },
        )
        return redirect(reverse("moit_import_batches:inspect", args=[state["batch"]]))


def progress_label(state):
    values = {"done": state.get("done", 0), "total": state.get("total", 0)}
    if state.get("step") == jobs.IMPORT:
        return _("Imported %(done)s of %(total)s rows") % values
    return _("Checked %(done)s of %(total)s rows") % values


class PreviewView(StagedScreen):
    """What each row would become; nothing is written yet."""

    def get(self, request, token):
        result = jobs.preview_result(token)
        if result is None:
            return redirect("moit_importer_progress", token)
        return TemplateResponse(
            request,
            "moit_importer/import.html",
            {**self.get_context_data(), "rows": result["rows"], "counts": result["counts"],
             "token": token, "site": self.staged_site},
        )  # fmt: skip


class ConfirmView(StagedScreen):
    """Import what the preview showed, from the files it kept (all or nothing)."""

    def get(self, request, token):
        return redirect("moit_importer_preview", token)

    def post(self, request, token):
        preview = jobs.preview_result(token)
        if preview is None:
            return redirect("moit_importer_progress", token)  # the check is still running
        jobs.start(token, request.user, jobs.IMPORT, len(preview["rows"]))  # once
        return redirect("moit_importer_progress", token)


class RefusedRowsView(StagedScreen):
    """The preview's refused rows as a spreadsheet to fix and upload again."""

    def get(self, request, token):
        if not staging.staging.exists(f"{token}/refused.xlsx"):
            return redirect("moit_importer_progress", token)  # the check has not ended
        with staging.staging.open(f"{token}/refused.xlsx") as handle:
            return xlsx_response(handle.read(), "refused-rows.xlsx")


class TemplateDownloadView(ImportScreen, View):
    def get(self, request):
        return xlsx_response(template_xlsx(), "import-template.xlsx")
