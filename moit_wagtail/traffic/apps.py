from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrafficConfig(AppConfig):
    name = "moit_wagtail.traffic"
    label = "moit_traffic"
    verbose_name = _("Traffic log (Computer Crime Act)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the retention check)
