"""Wiring only: the import's entry in the page history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from moit_wagtail.publication_actions import IMPORT_PUBLISH_ACTION


@hooks.register("register_log_actions")
def register_import_action(actions):
    actions.register_action(
        IMPORT_PUBLISH_ACTION,
        _("Imported from the previous website"),
        _("Published as imported from the previous website (not an approval)"),
    )
