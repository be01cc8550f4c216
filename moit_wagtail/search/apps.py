"""Public search that finds Thai words inside compounds (Thai has no spaces)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "moit_wagtail.search"
    label = "moit_search"
    verbose_name = _("Thai search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            file_text_jobs,
            first_index,
        )

        file_text_jobs.connect()
        post_migrate.connect(first_index.index_if_empty, sender=self)
