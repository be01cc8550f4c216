"""System checks: the footer setting is one of Wagtail's site settings."""

from moit_wagtail.app_checks import CORE, register_requirement

check_requirements = register_requirement(
    "moit_wagtail.public", [*CORE, "wagtail.contrib.settings"], "moit_public.E001"
)
