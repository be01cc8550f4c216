from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoitEvidenceConfig(AppConfig):
    name = "moit_wagtail.evidence"
    label = "moit_evidence"
    verbose_name = _("MOIT evidence documents")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
