"""Wagtail's admin JavaScript catalogue, with this app's Thai merged in.

Wagtail serves ``/admin/jsi18n/`` as ``JavaScriptCatalog(packages=["wagtail.admin"])``, which
reads only wagtail.admin's ``locale/`` (and LOCALE_PATHS): an app's ``djangojs`` catalogue is
never seen, whatever INSTALLED_APPS says. This view is the same catalogue with our package
added last (in a JavaScriptCatalog later packages win), in the editor's preferred admin
language as Wagtail's own view does (``get_localized_response``). Without the app installed it
serves Wagtail's catalogue unchanged, so a site that keeps the URL can drop the app.
"""

from django.apps import apps
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.localization import get_localized_response

PACKAGE = "moit_wagtail.wagtail_th"
WAGTAIL_PACKAGES = ["wagtail.admin"]


def packages():
    return [*WAGTAIL_PACKAGES, *([PACKAGE] if apps.is_installed(PACKAGE) else [])]


def javascript_catalog(request, *args, **kwargs):
    view = JavaScriptCatalog.as_view(packages=packages())
    return get_localized_response(view, request, *args, **kwargs)
