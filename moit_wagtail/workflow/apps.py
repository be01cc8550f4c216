from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoitWorkflowConfig(AppConfig):
    name = "moit_wagtail.workflow"
    label = "moit_workflow"
    verbose_name = _("MOIT publishing approval")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import PageLogEntry

        from . import duties
        from .notifications import register_notifiers

        register_notifiers()
        duties.install()
        post_save.connect(
            duties.record_publication_by_author,
            sender=PageLogEntry,
            dispatch_uid="moit_workflow.published_by_author",
        )
