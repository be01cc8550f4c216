"""The record of past imports in the admin: who imported what, when, how, and each row's
outcome. Read-only (an import is made by the import screen, never edited), and scoped to
the user's own units: another unit's import answers 403."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from moit_wagtail.access import UnitScope, UnitScopedViewSet

from .models import ImportBatch


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class ImportBatchIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        from .views import import_sites

        buttons = super().header_buttons
        if import_sites(self.request.user):
            buttons.append(
                HeaderButton(_("Import items"), reverse("moit_importer_import"), icon_name="upload")
            )
        return buttons


class ImportBatchInspectView(generic.InspectView):
    template_name = "moit_importer/batch_inspect.html"


class ImportBatchViewSet(UnitScopedViewSet, ModelViewSet):
    model = ImportBatch
    unit_scope = UnitScope(site_field="site", oversight=False)
    icon = "upload"
    menu_label = _("Imports from the previous website")
    add_to_settings_menu = True
    menu_order = 260
    url_prefix = "moit/imports"
    name = "moit_import_batches"
    index_view_class = ImportBatchIndexView
    inspect_view_class = ImportBatchInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["source_name"]  # required by ModelViewSet; no one may add or edit
    list_display = ["source_name", "site", "importer", "created_at", "created", "updated"]
    list_filter = ["mode"]
    inspect_view_fields = [
        "source_name", "site", "importer", "created_at", "mode", "created", "updated", "refused",
    ]  # fmt: skip
