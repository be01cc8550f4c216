"""System checks the optional apps share: each says which other apps it really needs.

An app registers its checks from its ``ready()``; the messages are translatable and the ids
are ``moit_<app>.E001`` and so on, so a deployer can look them up or silence one.
"""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

CORE = ("moit_wagtail", "moit_wagtail.pages", "moit_wagtail.workflow")


def installed_apps():
    """The app names of ``INSTALLED_APPS`` (a function, so tests can give another list)."""
    return [getattr(entry, "name", entry) for entry in settings.INSTALLED_APPS]


def missing_apps(app, needed, check_id):
    """An error naming the apps of ``needed`` that are not installed, if any."""
    installed = installed_apps()
    missing = [name for name in needed if name not in installed]
    if not missing:
        return []
    names = ", ".join(f'"{name}"' for name in missing)
    return [
        checks.Error(
            _("%(app)s needs %(needed)s in INSTALLED_APPS.") % {"app": app, "needed": names},
            hint=_("Add %(needed)s to INSTALLED_APPS, or remove %(app)s.")
            % {"app": app, "needed": names},
            id=check_id,
        )
    ]


def register_requirement(app, needed, check_id):
    """Register the check that ``app`` has the apps of ``needed`` beside it."""

    def check_requirement(app_configs, **kwargs):
        return missing_apps(app, needed, check_id)

    checks.register(check_requirement)
    return check_requirement


def dummy_cache_warning(app, check_id):
    """Rate limits count in the default cache: Django's dummy cache counts nothing."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not backend.endswith("DummyCache"):
        return []
    return [
        checks.Warning(
            _("%(app)s limits answers per visitor in the default cache, but it is a dummy cache.")
            % {"app": app},
            hint=_("Use a real cache (Redis, or the local-memory cache on one server)."),
            id=check_id,
        )
    ]


THAI_SEARCH_BACKEND = "moit_wagtail.search.backend"


@checks.register()
def check_search_backend_has_its_app(app_configs, **kwargs):
    """The Thai search backend keeps its index in moit_wagtail.search's tables."""
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    uses_it = any(
        str(config.get("BACKEND", "")).startswith(THAI_SEARCH_BACKEND)
        for config in backends.values()
    )
    if not uses_it or "moit_wagtail.search" in installed_apps():
        return []
    return [
        checks.Error(
            _(
                "WAGTAILSEARCH_BACKENDS uses the Thai search backend, but moit_wagtail.search is "
                "not installed."
            ),
            hint=_(
                'Add "moit_wagtail.search" to INSTALLED_APPS, or use '
                '"wagtail.search.backends.database".'
            ),
            id="moit_wagtail.E010",
        )
    ]
