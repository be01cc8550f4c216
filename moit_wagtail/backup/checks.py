"""System checks: archives carry the core's models and pages."""

from moit_wagtail.app_checks import CORE, register_requirement

check_requirements = register_requirement("moit_wagtail.backup", [*CORE], "moit_backup.E001")
