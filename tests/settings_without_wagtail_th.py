"""Test settings without ``moit_wagtail.wagtail_th``: the site as an agency that leaves it out.

Django cannot drop an app in-process here (``override_settings(INSTALLED_APPS=...)`` runs
every app's ``ready()`` again, and Wagtail's redirects app refuses to mount its API twice),
so tests and the bench run pytest with ``--ds=tests.settings_without_wagtail_th`` instead.
"""

from moit_site.settings_test import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "moit_wagtail.wagtail_th"]  # noqa: F405
