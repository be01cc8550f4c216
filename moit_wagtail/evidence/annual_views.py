"""Admin view of the annual monitoring report: choose a unit and a fiscal year, read or print.

Only units from ``access.sites_for_user`` may be chosen, checked here on the server: asking
for another unit's report is a 404, having no unit at all a 403.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from moit_wagtail.access import sites_for_user
from moit_wagtail.admin_views import AdminScreen

from .annual import annual_report, previous_fiscal_year
from .records import Signatory
from .views import fiscal_year_choices

REPORT_TEMPLATE = "moit_evidence/annual_report.html"


class AnnualReportForm(forms.Form):
    site = forms.ChoiceField(label=_("Unit"))
    fiscal_year = forms.TypedChoiceField(label=_("Fiscal year (B.E.)"), coerce=int)

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.sites = {str(site.pk): site for site in sites}
        self.fields["site"].choices = [(pk, str(site)) for pk, site in self.sites.items()]
        self.fields["fiscal_year"].choices = fiscal_year_choices()
        self.fields["fiscal_year"].initial = previous_fiscal_year()


def render_report(request, report):
    """The report as an HTML print view, or as a PDF with ``?format=pdf``."""
    context = {
        "report": report,
        "reporter": Signatory.of(request.user, timezone.localdate()),
        "show_toolbar": True,
    }
    if request.GET.get("format") != "pdf":
        query = request.GET.copy()
        query["format"] = "pdf"
        context["pdf_query"] = query.urlencode()
        return TemplateResponse(request, REPORT_TEMPLATE, context)
    from .pdf import render_template_pdf  # loads WeasyPrint only when printing

    pdf = render_template_pdf(REPORT_TEMPLATE, {**context, "show_toolbar": False}, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"moit-annual-report-{report.site.pk}-{report.fiscal_year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class AnnualReportView(AdminScreen, FormView):
    template_name = "moit_evidence/annual_report_form.html"
    form_class = AnnualReportForm
    page_title = _("Annual website monitoring report")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.sites = sites_for_user(request.user)
        if not self.sites:
            raise PermissionDenied
        requested = request.GET.get("site")
        if requested and not any(str(site.pk) == requested for site in self.sites):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "sites": self.sites}
        if self.request.GET.get("site"):
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            site = form.sites[form.cleaned_data["site"]]
            return render_report(request, annual_report(site, form.cleaned_data["fiscal_year"]))
        return self.render_to_response(self.get_context_data(form=form))
