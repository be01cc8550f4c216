"""Wiring only: the import screens, the record of imports, the page-history action and
the unit admins' permissions."""

from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.permissions import register_permission_policy

from moit_wagtail.publication_actions import IMPORT_PUBLISH_ACTION

from . import batches, views, word_views

CODENAMES = ("add_importbatch", "view_importbatch")

register_permission_policy(batches.ImportBatch, batches.ReadOnlyPolicy(batches.ImportBatch))


@hooks.register("register_admin_urls")
def register_import_urls():
    screens = [
        ("", views.ImportView, "import"),
        ("template/", views.TemplateDownloadView, "template"),
        ("documents/", views.DocumentsView, "documents"),
        ("<str:token>/", views.ProgressView, "progress"),
        ("<str:token>/preview/", views.PreviewView, "preview"),
        ("<str:token>/import/", views.ConfirmView, "confirm"),
        ("<str:token>/refused/", views.RefusedRowsView, "refused"),
    ]
    return [
        path(f"moit/import/{route}", view.as_view(), name=f"moit_importer_{name}")
        for route, view, name in screens
    ] + [
        path(
            "moit/word/<int:page_id>/", word_views.FillFromWordView.as_view(), name="moit_word_fill"
        ),
        path(
            "moit/word/new/<int:parent_id>/",
            word_views.CreateFromWordView.as_view(),
            name="moit_word_create",
        ),
    ]


class FillFromWordButton(PageMenuItem):
    label = _("Fill the content from a Word file")
    icon_name = "doc-full"
    url_name = "moit_word_fill"

    def is_shown(self, user):
        return word_views.can_fill(self.page, self.page.permissions_for_user(user))


class CreateFromWordButton(PageMenuItem):
    label = _("New item from a Word file")
    icon_name = "doc-full-inverse"
    url_name = "moit_word_create"

    def is_shown(self, user):
        return bool(word_views.word_types(self.page, user))


@hooks.register("register_page_header_buttons")
def word_header_buttons(page, user, view_name, next_url=None):
    yield FillFromWordButton(page=page, priority=67)
    yield CreateFromWordButton(page=page, priority=68)


@hooks.register("register_admin_viewset")
def register_import_batches():
    return batches.ImportBatchViewSet()


@hooks.register("register_log_actions")
def register_import_action(actions):
    actions.register_action(
        IMPORT_PUBLISH_ACTION,
        _("Imported from the previous website"),
        _("Published as imported from the previous website (not an approval)"),
    )


@hooks.register("register_moit_unit_permissions")
def importer_unit_permissions():
    # A unit's website admins bring its previous website in and read the record of it.
    return [
        ("admins", "moit_importer.add_importbatch"),
        ("admins", "moit_importer.view_importbatch"),
    ]


@hooks.register("register_permissions")
def register_importer_permissions():
    return Permission.objects.filter(
        content_type__app_label="moit_importer",
        codename__in=["add_importbatch", "view_importbatch"],
    )
