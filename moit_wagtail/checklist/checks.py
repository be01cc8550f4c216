"""System checks: checklists link evidence pages of the core page types."""

from moit_wagtail.app_checks import CORE, register_requirement

check_requirements = register_requirement("moit_wagtail.checklist", [*CORE], "moit_checklist.E001")
