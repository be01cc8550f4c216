"""System checks: reminders follow the checklists' review rules and the unit's admins."""

from moit_wagtail.app_checks import CORE, register_requirement

check_requirements = register_requirement(
    "moit_wagtail.reminders",
    [*CORE, "moit_wagtail.checklist", "moit_wagtail.monitoring"],
    "moit_reminders.E001",
)
