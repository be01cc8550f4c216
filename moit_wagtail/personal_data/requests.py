"""A citizen's request about their own data: find their submissions, export them.

The citizen is identified by what they gave the unit: an email address, a phone number
(compared by its digits, as people type them with or without dashes) or a tracking code.
Survey answers carry no name or contact, so they can neither be found nor exported per
person; their comments are erased by retention only.
"""

import csv
import io
import json
import re

from django.utils.translation import gettext_lazy

from moit_wagtail.dates import format_datetime
from moit_wagtail.eservices.models import Submission
from moit_wagtail.spreadsheets import escape_row

MATCH_BY = [
    ("email", gettext_lazy("Email")),
    ("phone", gettext_lazy("Phone")),
    ("code", gettext_lazy("Tracking code")),
]


def _digits(value):
    return re.sub(r"\D", "", value or "")


def matching(site, match_by, value):
    """The submissions of ``site`` that belong to the citizen identified by ``value``."""
    value = (value or "").strip()
    submissions = Submission.objects.filter(site=site).order_by("created_at", "pk")
    if not value:
        return Submission.objects.none()
    if match_by == "email":
        return submissions.filter(email__iexact=value)
    if match_by == "code":
        return submissions.filter(code__iexact=value)
    if match_by == "phone":
        digits = _digits(value)
        if not digits:
            return Submission.objects.none()
        with_phone = submissions.exclude(phone="").values_list("pk", "phone")
        return submissions.filter(
            pk__in=[pk for pk, phone in with_phone if _digits(phone) == digits]
        )
    return Submission.objects.none()


def record(submission):
    """Everything the unit holds about the citizen in ``submission``, as plain values."""
    return {
        "code": submission.code,
        "kind": submission.get_kind_display(),
        "status": submission.get_status_display(),
        "received_at": submission.created_at.isoformat(),
        "name": submission.name,
        "email": submission.email,
        "phone": submission.phone,
        "address": submission.address,
        "topic": submission.get_topic_display() if submission.topic else "",
        "subject": submission.subject,
        "details": submission.details,
        "purpose": submission.purpose,
        "preferred_format": (
            submission.get_preferred_format_display() if submission.preferred_format else ""
        ),
        "consent_at": submission.consent_at.isoformat() if submission.consent_at else "",
        "anonymised_at": submission.anonymised_at.isoformat() if submission.anonymised_at else "",
        "replies": [
            {
                "at": reply.created_at.isoformat(),
                "status": reply.get_status_display(),
                "message": reply.message,
            }
            for reply in submission.replies.all()
            if reply.message
        ],  # fmt: skip
        "files": [{"name": f.original_name, "size": f.size} for f in submission.files.all()],
    }


def as_json(submissions):
    rows = [record(submission) for submission in submissions.prefetch_related("replies", "files")]
    return json.dumps({"submissions": rows}, ensure_ascii=False, indent=2)


CSV_COLUMNS = [
    ("code", gettext_lazy("Tracking code")),
    ("kind", gettext_lazy("Kind")),
    ("status", gettext_lazy("Status")),
    ("received_at", gettext_lazy("Received at")),
    ("name", gettext_lazy("Name")),
    ("email", gettext_lazy("Email")),
    ("phone", gettext_lazy("Phone")),
    ("address", gettext_lazy("Address")),
    ("topic", gettext_lazy("Topic")),
    ("subject", gettext_lazy("Subject")),
    ("details", gettext_lazy("Details")),
    ("purpose", gettext_lazy("Purpose of the request")),
    ("preferred_format", gettext_lazy("Preferred format")),
    ("consent_at", gettext_lazy("Consented to the privacy notice at")),
    ("replies", gettext_lazy("Replies to the citizen")),
    ("files", gettext_lazy("Attached files")),
]


def as_csv(submissions):
    """One row per submission; dates as people read them (B.E. in Thai)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for submission in submissions.prefetch_related("replies", "files"):
        row = record(submission)
        row["received_at"] = format_datetime(submission.created_at)
        row["consent_at"] = format_datetime(submission.consent_at)
        row["replies"] = "\n\n".join(
            f"{format_datetime(reply.created_at)} ({reply.get_status_display()}): {reply.message}"
            for reply in submission.replies.all()
            if reply.message
        )
        row["files"] = "\n".join(item["name"] for item in row["files"])
        writer.writerow(escape_row(str(row[key]) for key, _label in CSV_COLUMNS))
    return out.getvalue()
