"""System checks: the annual report reads the checklists' coverage."""

from moit_wagtail.app_checks import CORE, register_requirement

check_requirements = register_requirement(
    "moit_wagtail.evidence", [*CORE, "moit_wagtail.checklist"], "moit_evidence.E001"
)
