from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoitWagtailConfig(AppConfig):
    name = "moit_wagtail"
    label = "moit_wagtail"
    verbose_name = _("MOIT publishing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
