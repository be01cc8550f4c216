"""Test settings of the minimal install: the core, its pages and its workflow only.

``MOIT_PROFILE_APPS`` (comma-separated) adds optional apps on top, so one module serves
every install profile of ``tests/test_install_profiles.py`` (each optional app with what it
really needs). Django cannot drop apps in-process, hence a subprocess per profile.
"""

import os

from moit_site.settings_test import *  # noqa: F403

CORE_APPS = ["moit_wagtail", "moit_wagtail.pages", "moit_wagtail.workflow"]
OPTIONAL_APPS = [
    app
    for app in INSTALLED_APPS  # noqa: F405
    if app.startswith("moit_wagtail.") and app not in CORE_APPS
]
PROFILE_APPS = [app for app in os.environ.get("MOIT_PROFILE_APPS", "").split(",") if app]
INSTALLED_APPS = [
    app
    for app in INSTALLED_APPS  # noqa: F405
    if app not in OPTIONAL_APPS or app in PROFILE_APPS
]
# Middleware and the login form of optional apps go with them.
MIDDLEWARE = [
    entry
    for entry in MIDDLEWARE  # noqa: F405
    if not any(entry.startswith(f"{app}.") for app in OPTIONAL_APPS if app not in PROFILE_APPS)
]
if "moit_wagtail.wagtail_th" not in PROFILE_APPS:
    del WAGTAILADMIN_USER_LOGIN_FORM  # noqa: F821
if "moit_wagtail.search" not in PROFILE_APPS:
    # Without the Thai index, Wagtail's own database backend (moit_wagtail.E010).
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
