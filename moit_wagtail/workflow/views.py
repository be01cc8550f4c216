"""Admin-side behaviour of the publishing request that needs the request object."""

from wagtail.admin import messages

from .models import PublishingApprovalTask, SelfApprovalDenied


def explain_own_request(request, page):
    """``before_edit_page``: tell an approver who opens their own pending request why
    they get no approve/refuse buttons (segregation of duties)."""
    task = page.current_workflow_task
    if (
        request.method == "GET"
        and isinstance(task, PublishingApprovalTask)
        and task.is_own_request(page, request.user)
        and task.groups.filter(pk__in=request.user.groups.values("pk")).exists()
    ):
        messages.warning(request, SelfApprovalDenied.message)
