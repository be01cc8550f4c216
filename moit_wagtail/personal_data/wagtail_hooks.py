"""Wiring only: the citizens' data-request screens (with e-services installed), their menu
item under Settings, and the audit-log labels of their exports and erasures."""

from django.apps import apps
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .actions import ERASE_ACTION, EXPORT_ACTION

if apps.is_installed("moit_wagtail.eservices"):
    from moit_wagtail.eservices.models import HANDLE_PERMISSION

    @hooks.register("register_admin_urls")
    def register_personal_data_urls():
        from . import urls

        return [path("moit/personal-data/", include(urls))]

    class DataRequestsMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(HANDLE_PERMISSION)

    @hooks.register("register_settings_menu_item")
    def register_data_requests_menu_item():
        return DataRequestsMenuItem(
            _("Citizens' data requests"), reverse("moit_personal_data:index"),
            icon_name="lock", order=900,
        )  # fmt: skip


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions):
    actions.register_action(
        EXPORT_ACTION,
        _("Export a citizen's personal data"),
        _("Exported the citizen's personal data at their request"),
    )
    actions.register_action(
        ERASE_ACTION,
        _("Erase a citizen's personal data"),
        _("Erased the citizen's personal data at their request"),
    )
