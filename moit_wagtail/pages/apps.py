from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MoitPagesConfig(AppConfig):
    name = "moit_wagtail.pages"
    label = "moit_pages"
    verbose_name = _("MOIT category pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import slug_defaults, slug_fields

        slug_fields.install()
        slug_defaults.connect()
