from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoitEvidenceConfig(AppConfig):
    name = "moit_wagtail.evidence"
    label = "moit_evidence"
    verbose_name = _("MOIT evidence documents")
