from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "moit_wagtail.public"
    label = "moit_public"
    verbose_name = _("Public website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from moit_wagtail.signal_handlers import invalidate_on_changes_to

        from . import checks  # noqa: F401  (registers the system checks)
        from .models import FooterSettings

        # The footer links are cached under the page cache's generation.
        invalidate_on_changes_to(FooterSettings)
