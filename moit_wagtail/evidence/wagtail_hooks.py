"""Wiring only: admin URLs, menu items and page buttons of the evidence documents."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from moit_wagtail.access import sites_for_user

from . import annual_views, views


@hooks.register("register_admin_urls")
def register_evidence_urls():
    return [
        path("moit/evidence/", views.BulkExportView.as_view(), name="moit_evidence_bulk"),
        path("moit/evidence/page/<int:page_id>/", views.page_forms, name="moit_evidence_page"),
        path(
            "moit/evidence/annual/",
            annual_views.AnnualReportView.as_view(),
            name="moit_evidence_annual",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_evidence_menu_item():
    return MenuItem(
        _("Publishing-request forms"), reverse("moit_evidence_bulk"), icon_name="doc-full",
        order=170,
    )  # fmt: skip


class AnnualReportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sites_for_user(request.user))


@hooks.register("register_reports_menu_item")
def register_annual_report_menu_item():
    return AnnualReportMenuItem(
        _("Annual website monitoring report"), reverse("moit_evidence_annual"),
        icon_name="doc-full", order=720,
    )  # fmt: skip


class PublishingFormsButton(PageMenuItem):
    label = _("Publishing-request forms")
    icon_name = "doc-full"
    url_name = "moit_evidence_page"

    def is_shown(self, user):
        return self.page.first_published_at is not None and (
            self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def evidence_header_button(page, user, view_name, next_url=None):
    yield PublishingFormsButton(page=page, priority=67)


@hooks.register("register_page_listing_more_buttons")
def evidence_listing_button(page, user, next_url=None):
    yield PublishingFormsButton(page=page, priority=55)
