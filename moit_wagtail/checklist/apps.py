from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ChecklistConfig(AppConfig):
    name = "moit_wagtail.checklist"
    label = "moit_checklist"
    verbose_name = _("Checklists")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from moit_wagtail.signal_handlers import invalidate_on_changes_to

        from . import checks  # noqa: F401  (registers the system checks)
        from .frameworks import load_shipped_after_migrate
        from .models import ChecklistItem, Framework, ItemEvidence, NotApplicable

        post_migrate.connect(load_shipped_after_migrate, sender=self)
        # The public MOIT page shows exemptions and linked evidence.
        invalidate_on_changes_to(Framework, ChecklistItem, NotApplicable, ItemEvidence)
