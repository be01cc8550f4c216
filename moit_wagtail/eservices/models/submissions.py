"""What a citizen sent, what the unit answered, and the counters behind tracking codes.

Submissions hold personal data: they belong to the unit's site and are only ever listed
through ``eservices.permissions``. The tracking secret is stored as typed so the reply
email can carry the tracking link; it protects nothing the same database does not
already hold, and is compared in constant time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..uploads import private_storage, upload_path

HANDLE_PERMISSION = "moit_eservices.handle_submission"


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint or suggestion")
    INFORMATION_REQUEST = "information_request", _("Official information request")


# Tracking codes start with this letter: C-2569-000123, R-2569-000045.
CODE_PREFIX = {Kind.COMPLAINT: "C", Kind.INFORMATION_REQUEST: "R"}


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Topic(models.TextChoices):
    """What a complaint-form message is about."""

    COMPLAINT = "complaint", _("Complaint about a service")
    CONDUCT = "conduct", _("Complaint about staff conduct")
    CORRUPTION = "corruption", _("Report of corruption or misconduct")
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLIMENT = "compliment", _("Compliment")


class PreferredFormat(models.TextChoices):
    """How an information requester wants the information (Official Information Act s.11)."""

    COPY = "copy", _("A copy")
    CERTIFIED_COPY = "certified_copy", _("A certified copy")
    INSPECTION = "inspection", _("Inspect it at the office")


class Submission(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("unit website"),
        on_delete=models.CASCADE,
        related_name="eservice_submissions",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    code = models.CharField(_("tracking code"), max_length=32)
    year = models.PositiveIntegerField(_("year (B.E.)"))
    sequence = models.PositiveIntegerField(_("number"))
    secret = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    first_answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)

    # What the citizen wrote.
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    details = models.TextField(_("details"))
    purpose = models.TextField(_("purpose of the request"), blank=True)
    preferred_format = models.CharField(
        _("preferred format"), max_length=32, choices=PreferredFormat.choices, blank=True
    )
    # Who wrote it (personal data).
    name = models.CharField(_("name"), max_length=255, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    address = models.TextField(_("address"), blank=True)
    consent_at = models.DateTimeField(_("consented to the privacy notice at"), null=True)
    # Set when the personal data above was erased (retention or the citizen's request).
    anonymised_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-service submission")
        verbose_name_plural = _("e-service submissions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="moit_eservices_unique_code"),
        ]
        permissions = [("handle_submission", _("Can read and answer e-service submissions"))]

    def __str__(self):
        return self.code

    @property
    def prefix(self):
        return CODE_PREFIX[Kind(self.kind)]

    def public_replies(self):
        return [reply for reply in self.replies.all() if reply.message]


class SubmissionReply(models.Model):
    """One staff action on a submission: an answer to the citizen, a status, a note."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    message = models.TextField(_("reply to the citizen"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    emailed_to = models.EmailField(blank=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.submission_id}: {self.get_status_display()}"


class SubmissionFile(models.Model):
    """A file a citizen attached, kept outside MEDIA_ROOT and served only to handlers."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=private_storage, upload_to=upload_path, max_length=255)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        return self.original_name.rsplit(".", 1)[-1].upper() if "." in self.original_name else ""


class TrackingCounter(models.Model):
    """The last number handed out per unit site, B.E. year and code letter."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    prefix = models.CharField(max_length=1)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "year", "prefix"], name="moit_eservices_unique_counter"
            ),
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"
