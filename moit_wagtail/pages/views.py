"""Admin listing of every publication across the ten categories, built on Wagtail's
``PageListingViewSet`` (filters, sorting, search, CSV/XLSX export come with it)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from moit_wagtail import dates
from moit_wagtail.clauses import top_level_clauses
from moit_wagtail.people import UnitPeopleFilterSet
from moit_wagtail.spreadsheets import ExcelCsvMixin

from .models import PublicationPage


def clause_choices():
    return [(clause.code, str(clause)) for clause in top_level_clauses()]


class PublicationFilterSet(UnitPeopleFilterSet, PageListingViewSet.filterset_class):
    clause = django_filters.ChoiceFilter(label=_("Seed clause"), choices=clause_choices)
    owner_unit = django_filters.CharFilter(label=_("Information owner"), lookup_expr="icontains")

    class Meta:
        model = PublicationPage
        fields = ["clause", "owner_unit", "live"]


class PublicationIndexView(ExcelCsvMixin, PageListingViewSet.index_view_class):
    list_export = [
        "title", "clause", "evidence_code", "owner_unit", "source", "data_period_start",
        "data_period_end", "first_published_at", "review_by", "expire_at", "live",
    ]  # fmt: skip
    export_headings = {
        "clause": _("Seed clause"),
        "evidence_code": _("Checklist code"),
        "owner_unit": _("Information owner"),
        "first_published_at": _("First published"),
        "review_by": _("Review by"),
    }


class PublicationListingViewSet(PageListingViewSet):
    model = PublicationPage
    icon = "doc-full"
    menu_label = _("Publications (MOIT)")
    menu_order = 150
    add_to_admin_menu = True
    name = "moit_publications"
    index_view_class = PublicationIndexView
    filterset_class = PublicationFilterSet
    columns = PageListingViewSet.columns + [
        Column("evidence_code", label=_("Checklist code"), sort_key="evidence_code"),
        Column("owner_unit", label=_("Information owner"), sort_key="owner_unit"),
        Column(
            "review_by",
            label=_("Review by"),
            sort_key="review_by",
            accessor=lambda page: dates.format_date(page.review_by, short=True),
        ),
    ]


publication_listing_viewset = PublicationListingViewSet()
