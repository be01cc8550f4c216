"""System checks: visits are counted by the app's middleware, before the page cache."""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

from moit_wagtail.app_checks import CORE, register_requirement

COUNTER = "moit_wagtail.stats.middleware.VisitorCountMiddleware"
PAGE_CACHE = "moit_wagtail.page_cache.AnonymousPageCacheMiddleware"

check_requirements = register_requirement("moit_wagtail.stats", CORE, "moit_stats.E001")


@checks.register()
def check_middleware(app_configs, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if COUNTER not in middleware:
        return [
            checks.Warning(
                _("moit_wagtail.stats counts no visit: its middleware is not in MIDDLEWARE."),
                hint=_("Add %(counter)s to MIDDLEWARE, just before %(cache)s.")
                % {"counter": COUNTER, "cache": PAGE_CACHE},
                id="moit_stats.W001",
            )
        ]
    if PAGE_CACHE in middleware and middleware.index(PAGE_CACHE) < middleware.index(COUNTER):
        return [
            checks.Error(
                _("%(counter)s comes after %(cache)s: pages served from the cache are not counted.")
                % {"counter": COUNTER, "cache": PAGE_CACHE},
                hint=_("Move it just before %(cache)s.") % {"cache": PAGE_CACHE},
                id="moit_stats.E002",
            )
        ]
    return []
