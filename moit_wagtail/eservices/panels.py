"""The dashboard panel of those who answer e-services: open requests, oldest first.

A request nobody has answered for days is what a handler must see on signing in. The
panel lists the open requests (received or in progress) of the units the user handles,
oldest first, with their age in days and Buddhist-era dates: two queries, whatever the
number of requests or units.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .models import Status, Submission
from .permissions import handled_site_ids, permission_policy

OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)
SHOWN = 10


@dataclass
class OpenRequest:
    submission: Submission
    age_days: int
    url: str


def open_submissions(user):
    return Submission.objects.filter(
        site_id__in=handled_site_ids(user), status__in=OPEN_STATUSES
    ).order_by("created_at", "pk")


def age_in_days(moment, today=None):
    """Whole days since ``moment``, counted in Bangkok calendar days (0 = today)."""
    today = today or timezone.localdate()
    return (today - timezone.localdate(moment)).days


class OpenSubmissionsPanel(Component):
    name = "moit_open_submissions"
    template_name = "moit_eservices/admin/open_submissions_panel.html"
    order = 80  # above the monitoring panel: a citizen is waiting

    def __init__(self, request):
        self.request = request

    @classmethod
    def is_shown_to(cls, user):
        return permission_policy.user_has_permission(user, "view") and bool(handled_site_ids(user))

    @cached_property
    def rows(self):
        today = timezone.localdate()
        submissions = open_submissions(self.request.user).select_related("site")[:SHOWN]
        return [
            OpenRequest(
                submission,
                age_in_days(submission.created_at, today),
                reverse("moit_eservice_submissions:edit", args=[submission.pk]),
            )
            for submission in submissions
        ]

    def get_context_data(self, parent_context=None):
        several_units = len(handled_site_ids(self.request.user)) > 1
        return {
            "rows": self.rows,
            "total": open_submissions(self.request.user).count(),
            "shown": len(self.rows),
            "several_units": several_units,
            "listing_url": reverse("moit_eservice_submissions:index"),
            "heading": _("E-service requests waiting for an answer"),
        }
