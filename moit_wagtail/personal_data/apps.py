from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalDataConfig(AppConfig):
    name = "moit_wagtail.personal_data"
    label = "moit_personal_data"
    verbose_name = _("Personal data")
    default_auto_field = "django.db.models.BigAutoField"
