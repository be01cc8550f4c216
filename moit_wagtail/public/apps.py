from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "moit_wagtail.public"
    label = "moit_public"
    verbose_name = _("Public website")
    default_auto_field = "django.db.models.BigAutoField"
