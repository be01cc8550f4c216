"""One publishing-request workflow per unit, on the unit's whole page tree (seed 2.2).

Each unit gets its own workflow and task so that only that unit's heads of group can
approve its pages. Names are stored Thai data (the keys that keep this idempotent).
"""

from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from moit_wagtail.roles import ensure_unit_groups, grant_provincial_oversight

from .models import PublishingApprovalTask

WORKFLOW_NAME = "ขออนุญาตเผยแพร่ข้อมูล"
TASK_NAME = "หัวหน้ากลุ่มงานพิจารณาอนุญาต"


def ensure_publishing_workflow(site, group_key):
    """Create (or complete) the unit's groups, task and workflow; return the workflow.

    ``group_key`` is the unit's ``Unit.group_key`` (never anything the unit edits)."""
    groups = ensure_unit_groups(site, group_key)
    task, _created = PublishingApprovalTask.objects.get_or_create(name=f"{TASK_NAME} ({group_key})")
    task.groups.add(groups.approvers)
    workflow, _created = Workflow.objects.get_or_create(name=f"{WORKFLOW_NAME} ({group_key})")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})
    return workflow


def ensure_unit_rights(unit):
    """Everything a ``Unit`` record entitles its staff to: groups, workflow and, for the
    provincial office, oversight of the units below it. Returns the workflow."""
    workflow = ensure_publishing_workflow(unit.site, unit.group_key)
    if unit.is_provincial:
        groups = ensure_unit_groups(unit.site, unit.group_key)
        grant_provincial_oversight(groups, unit.overseen_sites())
    return workflow
