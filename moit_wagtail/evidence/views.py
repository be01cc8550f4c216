"""Admin views of the publishing-request forms: one page's forms, and a unit's forms for a
fiscal year or a category as one PDF (what assessors ask for)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.models import Page

from moit_wagtail.access import sites_for_user
from moit_wagtail.admin_views import AdminScreen
from moit_wagtail.clauses import top_level_clauses
from moit_wagtail.dates import fiscal_year

from .records import build_record, publication_log_entries

FORMS_TEMPLATE = "moit_evidence/request_forms.html"


def render_forms(request, records, filename):
    """The forms as an HTML print view, or as a PDF with ``?format=pdf``."""
    context = {"records": records, "show_toolbar": True}
    if request.GET.get("format") != "pdf":
        return TemplateResponse(request, FORMS_TEMPLATE, context)
    from .pdf import render_template_pdf  # loads WeasyPrint only when printing

    pdf = render_template_pdf(FORMS_TEMPLATE, {**context, "show_toolbar": False}, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def page_forms(request, page_id):
    """Every publication of one page, newest first."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    entries = publication_log_entries(page).filter(page=page).reverse()
    return render_forms(request, [build_record(entry) for entry in entries], f"moit-form-{page.pk}")


def sites_for(user):
    """Units whose evidence this user may print: their own, where they may publish."""
    return sites_for_user(user, oversight=False, page_permission="publish")


def fiscal_year_choices():
    current = fiscal_year(timezone.localdate())
    return [(year, str(year)) for year in range(current, current - 5, -1)]


class BulkExportForm(forms.Form):
    site = forms.ChoiceField(label=_("Unit"))
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year (B.E.)"), coerce=int)
    clause = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.sites = {str(site.pk): site for site in sites_for(user)}
        self.fields["site"].choices = [(pk, str(site)) for pk, site in self.sites.items()]
        self.fields["fiscal_year"].choices = fiscal_year_choices()
        self.fields["clause"].choices = [("", _("All categories"))] + [
            (clause.code, str(clause)) for clause in top_level_clauses()
        ]


class BulkExportView(AdminScreen, FormView):
    """Choose a unit, a fiscal year and optionally a category; get every form as one PDF."""

    template_name = "moit_evidence/bulk_export.html"
    form_class = BulkExportForm
    page_title = _("Publishing-request forms")
    header_icon = "doc-full"

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.request.GET.get("site"):
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            site = form.sites[form.cleaned_data["site"]]
            year, clause = form.cleaned_data["fiscal_year"], form.cleaned_data["clause"]
            entries = publication_log_entries(site.root_page, year, clause)
            name = f"moit-forms-{site.pk}-{year}{'-' + clause if clause else ''}"
            return render_forms(request, [build_record(entry) for entry in entries], name)
        if not form.sites:
            raise PermissionDenied
        return self.render_to_response(self.get_context_data(form=form))
