"""Two-way e-services (seed 1.9): complaints and official-information requests, tracked."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EServicesConfig(AppConfig):
    name = "moit_wagtail.eservices"
    label = "moit_eservices"
    verbose_name = _("E-services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.permissions import register_permission_policy

        from moit_wagtail.pages.models import EServiceIndexPage

        from . import checks  # noqa: F401  (registers the system checks)
        from .models import Submission, SubmissionFile
        from .permissions import permission_policy

        EServiceIndexPage.allow_child_types(
            "moit_eservices.ComplaintFormPage", "moit_eservices.InformationRequestFormPage"
        )
        # Wagtail's views look the policy up by model; it must be known before they do.
        register_permission_policy(Submission, permission_policy)
        post_delete.connect(
            delete_stored_file, sender=SubmissionFile, dispatch_uid="moit-eservices-file-delete"
        )


def delete_stored_file(sender, instance, **kwargs):
    """Erasing a submission (PDPA request) erases the citizen's files too."""
    if instance.file:
        instance.file.delete(save=False)
