from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImporterConfig(AppConfig):
    name = "moit_wagtail.importer"
    label = "moit_importer"
    verbose_name = _("Import from a previous website")
    default_auto_field = "django.db.models.BigAutoField"
