from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoitWorkflowConfig(AppConfig):
    name = "moit_wagtail.workflow"
    label = "moit_workflow"
    verbose_name = _("MOIT publishing approval")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .notifications import register_notifiers

        register_notifiers()
