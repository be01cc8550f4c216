"""System checks: e-service forms live under the 1.9 page, count posts in the cache, and
keep citizens' files out of the public media directory."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

from moit_wagtail.app_checks import CORE, dummy_cache_warning, register_requirement

check_requirements = register_requirement("moit_wagtail.eservices", CORE, "moit_eservices.E001")


@checks.register()
def check_private_files(app_configs, **kwargs):
    """Files under MEDIA_ROOT are served to anyone: citizens' attachments must not be."""
    from .uploads import private_storage

    private = Path(private_storage.location).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    if private != media and media not in private.parents:
        return []
    return [
        checks.Error(
            _("MOIT_PRIVATE_MEDIA_ROOT (%(path)s) is inside MEDIA_ROOT, which is served to anyone.")
            % {"path": private},
            hint=_("Set MOIT_PRIVATE_MEDIA_ROOT to a directory outside MEDIA_ROOT."),
            id="moit_eservices.E002",
        )
    ]


@checks.register()
def check_rate_limit_cache(app_configs, **kwargs):
    return dummy_cache_warning("moit_wagtail.eservices", "moit_eservices.W001")
