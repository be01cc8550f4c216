from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoitWagtailConfig(AppConfig):
    name = "moit_wagtail"
    label = "moit_wagtail"
    verbose_name = _("MOIT publishing")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import app_checks, buddhist_era, date_inputs  # noqa: F401  (checks registered)
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        buddhist_era.install()  # B.E. years in Django's date formatting under Thai
        date_inputs.install()  # B.E. hint beside admin date inputs; B.E. years typed
