"""System checks: Django lets the app listed first win a msgid, so this app must come
before every Wagtail app for its Thai to replace Wagtail's."""

from django.core import checks
from django.utils.translation import gettext as _

from moit_wagtail import app_checks

APP = "moit_wagtail.wagtail_th"


@checks.register()
def check_order(app_configs, **kwargs):
    installed = app_checks.installed_apps()
    wagtail = [name for name in installed if name.split(".")[0] == "wagtail"]
    if APP not in installed or not wagtail:
        return []
    first = min(installed.index(name) for name in wagtail)
    if installed.index(APP) < first:
        return []
    return [
        checks.Error(
            _("%(app)s comes after %(wagtail)s in INSTALLED_APPS: Wagtail's Thai wins over ours.")
            % {"app": APP, "wagtail": installed[first]},
            hint=_("Move %(app)s before every wagtail.* app.") % {"app": APP},
            id="moit_wagtail_th.E001",
        )
    ]
