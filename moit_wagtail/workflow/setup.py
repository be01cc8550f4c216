"""One publishing-request workflow per unit, on the unit's whole page tree (seed 2.2).

Each unit gets its own workflow and task so that only that unit's heads of group can
approve its pages. Names are stored Thai data (the keys that keep this idempotent).
"""

from django.contrib.auth.models import Permission
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from moit_wagtail.roles import ensure_unit_groups

from .models import PublishingApprovalTask

WORKFLOW_NAME = "ขออนุญาตเผยแพร่ข้อมูล"
TASK_NAME = "หัวหน้ากลุ่มงานพิจารณาอนุญาต"


def ensure_publishing_workflow(site, unit_short_name):
    """Create (or complete) the unit's groups, task and workflow; return the workflow."""
    groups = ensure_unit_groups(site, unit_short_name)
    # Seed 2.2.1: website admins may publish at once on a verbal approval (recorded).
    groups.admins.permissions.add(
        Permission.objects.get(content_type__app_label="moit_workflow", codename="publish_urgently")
    )
    task, _created = PublishingApprovalTask.objects.get_or_create(
        name=f"{TASK_NAME} ({unit_short_name})"
    )
    task.groups.add(groups.approvers)
    workflow, _created = Workflow.objects.get_or_create(name=f"{WORKFLOW_NAME} ({unit_short_name})")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=site.root_page, defaults={"workflow": workflow})
    return workflow
