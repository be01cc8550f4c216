"""What Wagtail's admin answers to a ``PermissionDenied``: a redirect to the dashboard with
its error message (``wagtail.admin.auth.permission_denied``), not a 403 page."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext, override


def permission_denied_message():
    with override("th"):
        return gettext("Sorry, you do not have permission to access this area.").strip()


def is_permission_denied(response):
    """The response is Wagtail's permission-denied redirect, with the message it queued."""
    messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
    return (
        response.status_code == 302
        and response["Location"] == reverse("wagtailadmin_home")
        and messages[-1:] == [permission_denied_message()]
    )
