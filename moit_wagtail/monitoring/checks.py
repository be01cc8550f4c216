"""System checks: every monitoring screen reads the checklists' status rules."""

from moit_wagtail.app_checks import CORE, register_requirement

check_requirements = register_requirement(
    "moit_wagtail.monitoring", [*CORE, "moit_wagtail.checklist"], "moit_monitoring.E001"
)
