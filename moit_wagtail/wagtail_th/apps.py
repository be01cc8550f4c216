from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailThaiConfig(AppConfig):
    """No models or hooks: the app exists so Django finds its ``locale/`` and templates."""

    name = "moit_wagtail.wagtail_th"
    label = "moit_wagtail_th"
    verbose_name = _("Thai for Wagtail's admin")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
