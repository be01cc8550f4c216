"""Shared by the personal-data tests: submissions closed some time ago, with a file."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from moit_wagtail.eservices.models import Status, SubmissionFile, SubmissionReply
from tests.eservices_helpers import PDF, make_submission


def closed_submission(site, closed_days_ago, with_file=True, **fields):
    """A complaint answered and closed ``closed_days_ago`` days ago, with the citizen's data."""
    closed = timezone.now() - datetime.timedelta(days=closed_days_ago)
    received = closed - datetime.timedelta(days=10)
    values = {
        "name": "สมชาย ใจกล้า",
        "email": "somchai@example.com",
        "phone": "081-234-5678",
        "address": "99 หมู่ 1",
        "subject": "รอคิวนาน",
        "details": "นายสมชาย รอรับยาสามชั่วโมง",
        "topic": "complaint",
        **fields,
    }
    submission = make_submission(site, created_at=received, **values)
    SubmissionReply.objects.create(
        submission=submission, created_at=received + datetime.timedelta(days=2),
        status=Status.ANSWERED, message="เรียนคุณสมชาย เราได้ตรวจสอบแล้ว",
        internal_note="โทรคุยกับคุณสมชายแล้ว", emailed_to=submission.email,
    )  # fmt: skip
    SubmissionReply.objects.create(submission=submission, created_at=closed, status=Status.CLOSED)
    type(submission).objects.filter(pk=submission.pk).update(
        status=Status.CLOSED, first_answered_at=received + datetime.timedelta(days=2)
    )
    if with_file:
        attached = SubmissionFile(submission=submission, original_name="หลักฐาน.pdf", size=len(PDF))
        attached.file.save("evidence.pdf", ContentFile(PDF), save=True)
    submission.refresh_from_db()
    return submission
