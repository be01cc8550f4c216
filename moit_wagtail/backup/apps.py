from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupConfig(AppConfig):
    name = "moit_wagtail.backup"
    label = "moit_backup"
    verbose_name = _("Backup and restore")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
