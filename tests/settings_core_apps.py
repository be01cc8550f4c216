"""Settings of an installation with only the core apps (core, pages, workflow): the
optional apps must stay optional. Used by subprocess tests, never in-process."""

from moit_site.settings import *  # noqa: F403

OPTIONAL_APPS = {
    "home",  # the reference site's home page links the optional apps' pages
    "moit_wagtail.evidence",
    "moit_wagtail.checklist",
    "moit_wagtail.monitoring",
    "moit_wagtail.reminders",
    "moit_wagtail.search",
    "moit_wagtail.stats",
    "moit_wagtail.survey",
    "moit_wagtail.eservices",
    "moit_wagtail.public",
    "moit_wagtail.traffic",
    "moit_wagtail.backup",
}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in OPTIONAL_APPS]  # noqa: F405
MIDDLEWARE = [
    middleware
    for middleware in MIDDLEWARE  # noqa: F405
    if not middleware.startswith(("moit_wagtail.traffic", "moit_wagtail.stats"))
]
