"""Staff answers: one record per action, the submission's status follows, the citizen hears.

``first_answered_at`` is set by the first reply that says something to the citizen; the
monthly statistics (``stats.monthly_summary``) measure days to answer from it.
"""

from django.db import transaction
from django.utils import timezone

from . import notify
from .models import Status, SubmissionReply


def post_reply(submission, user, status, message="", internal_note=""):
    message, internal_note = (message or "").strip(), (internal_note or "").strip()
    now = timezone.now()
    with transaction.atomic():
        reply = SubmissionReply.objects.create(
            submission=submission,
            author=user,
            created_at=now,
            status=status or submission.status,
            message=message,
            internal_note=internal_note,
        )
        submission.status = reply.status
        if message and submission.first_answered_at is None:
            submission.first_answered_at = now
        submission.save(update_fields=["status", "first_answered_at", "updated_at"])
    if message:
        emailed_to = notify.send_reply(reply)
        if emailed_to:
            SubmissionReply.objects.filter(pk=reply.pk).update(emailed_to=emailed_to)
            reply.emailed_to = emailed_to
    return reply


def is_open(submission):
    return submission.status in (Status.RECEIVED, Status.IN_PROGRESS)
