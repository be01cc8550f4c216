"""E-service submissions: when they are due, and what erasing one removes.

Erased: the citizen's name, email, phone, address, the subject, details and purpose they
wrote, the texts of the replies (which may quote them) and their attached files, stored
files included. Kept: unit, kind, topic, status, tracking code and every date, so the
monthly counts, the answer times and the 1.10 statistics do not change. The tracking
secret is replaced, so the link in the citizen's email no longer opens anything.
"""

from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from moit_wagtail.eservices.codes import new_secret
from moit_wagtail.eservices.models import Status, Submission, SubmissionFile, SubmissionReply

ERASED_FIELDS = ("name", "email", "phone", "address", "subject", "details", "purpose")


def closed_at():
    """When a closed submission was last closed: its last closing reply, else its last change."""
    closing = (
        SubmissionReply.objects.filter(submission=OuterRef("pk"), status=Status.CLOSED)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return Coalesce(Subquery(closing), F("updated_at"))


def due(site, before):
    """Closed submissions of ``site`` closed before ``before`` and not yet erased."""
    return (
        Submission.objects.filter(site=site, status=Status.CLOSED, anonymised_at__isnull=True)
        .annotate(closed_at=closed_at())
        .filter(closed_at__lt=before)
    )


def erase(submissions, now):
    """Erase the personal data of ``submissions`` (rows or a queryset) in one transaction."""
    pks = [submission.pk for submission in submissions]
    with transaction.atomic():
        # One by one, so the post_delete handler removes each stored file as well.
        for attached in SubmissionFile.objects.filter(submission_id__in=pks):
            attached.delete()
        SubmissionReply.objects.filter(submission_id__in=pks).update(
            message="", internal_note="", emailed_to=""
        )
        for pk in pks:
            Submission.objects.filter(pk=pk).update(
                **dict.fromkeys(ERASED_FIELDS, ""), secret=new_secret(), anonymised_at=now
            )
    return len(pks)
