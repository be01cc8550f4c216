"""The publication record behind each publishing-request form, read from Wagtail's history.

Every publication is a ``wagtail.publish`` log entry with its revision. Around it Wagtail
already keeps who asked (the workflow state), who approved and when (the task state) and
who published; our urgent-approval records cover verbal approvals. Nothing is typed twice.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.models import Page, PageLogEntry, TaskState

from moit_wagtail.dates import fiscal_year_bounds
from moit_wagtail.models import AgencyProfile, StaffProfile
from moit_wagtail.publication_actions import (
    IMPORT_PUBLISH_ACTION,
    PUBLICATION_ACTIONS,
    PUBLISH_ACTION,
)

# Wagtail stamps the approval and the publication it causes a few milliseconds apart.
APPROVAL_TO_PUBLISH_MARGIN = datetime.timedelta(seconds=5)


@dataclass
class Signatory:
    name: str
    position: str
    date: object = None

    @classmethod
    def of(cls, user, date=None):
        if user is None:
            return None
        return cls(
            user.get_full_name() or user.get_username(), StaffProfile.position_of(user), date
        )


@dataclass
class PublicationRecord:
    """Everything the form prints for one publication (one published revision)."""

    log_entry: PageLogEntry
    page: object  # the page as it was in the published revision
    unit_name: str
    requested_at: object
    public_url: str
    requester: Signatory | None
    approver: Signatory | None
    publisher: Signatory | None
    approval_comment: str = ""
    urgent: object = None  # UrgentApproval, for a verbal approval
    attachments: list = field(default_factory=list)
    imported: bool = False  # brought in from the previous website: nobody approved it here
    first_published_on: object = None  # its date on the previous website, if known

    @property
    def published_at(self):
        return self.log_entry.timestamp

    @cached_property
    def clause(self):
        return getattr(self.page, "clause_info", None)


def _approval_of(log_entry):
    """The approved task state that led to this publication, if any.

    Matched by page and time, not by revision: approving from the page editor saves one
    more revision (the approver's form) and Wagtail publishes that one. The approval must
    fall between the previous publication of the page and this one.
    """
    previous = (
        PageLogEntry.objects.filter(
            page_id=log_entry.page_id, action=PUBLISH_ACTION, timestamp__lt=log_entry.timestamp
        )
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    approvals = TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id=str(log_entry.page_id),
        status=TaskState.STATUS_APPROVED,
        finished_at__lte=log_entry.timestamp + APPROVAL_TO_PUBLISH_MARGIN,
    )
    if previous is not None:
        approvals = approvals.filter(finished_at__gt=previous)
    return (
        approvals.select_related("finished_by", "workflow_state__requested_by")
        .order_by("-finished_at")
        .first()
    )


def _published_by_author(log_entry):
    from moit_wagtail.workflow.duties import PUBLISHED_BY_AUTHOR_ACTION

    return PageLogEntry.objects.filter(
        page_id=log_entry.page_id,
        action=PUBLISHED_BY_AUTHOR_ACTION,
        data__publication=log_entry.pk,
    ).exists()


def _unit_name(page):
    site = page.get_site()
    profile = AgencyProfile.objects.filter(site=site).first() if site else None
    return profile.name_th if profile else (site.site_name if site else "")


def build_record(log_entry):
    """The publication record of one ``wagtail.publish`` log entry."""
    from moit_wagtail.workflow.models import UrgentApproval

    revision = log_entry.revision
    live_page = log_entry.page.specific
    page = revision.as_object() if revision else live_page
    publisher = log_entry.user
    if log_entry.action == IMPORT_PUBLISH_ACTION:
        return _imported_record(log_entry, page, live_page)
    approval = _approval_of(log_entry)
    urgent = (
        UrgentApproval.objects.filter(revision=revision).select_related("approver").first()
        if revision
        else None
    )
    if urgent is not None:
        requester_user = revision.user
        approver = Signatory.of(urgent.approver, urgent.approved_at)
        requested_at = revision.created_at
    elif approval is not None:
        requester_user = approval.workflow_state.requested_by
        approver = Signatory.of(approval.finished_by, approval.finished_at)
        requested_at = approval.workflow_state.created_at
    else:  # published directly by someone allowed to publish
        requester_user = revision.user if revision else publisher
        requested_at = revision.created_at if revision else log_entry.timestamp
        # Publishing someone else's text is approving it; publishing one's own (a
        # superuser's exception, recorded by ``duties``) is approval by nobody.
        approver = (
            None
            if _published_by_author(log_entry)
            else Signatory.of(publisher, log_entry.timestamp)
        )
    return PublicationRecord(
        log_entry=log_entry,
        page=page,
        unit_name=_unit_name(live_page),
        requested_at=requested_at,
        public_url=live_page.full_url or "",
        requester=Signatory.of(requester_user, requested_at),
        approver=approver,
        publisher=Signatory.of(publisher, log_entry.timestamp),
        approval_comment=approval.comment if approval else "",
        urgent=urgent,
        attachments=_attachments(page),
    )


def _imported_record(log_entry, page, live_page):
    """An item the previous website had published: the importer answers for it, and no
    approver is named, since nobody approved it on this website."""
    importer = Signatory.of(log_entry.user, log_entry.timestamp)
    original = (log_entry.data or {}).get("published_on")
    return PublicationRecord(
        log_entry=log_entry,
        page=page,
        unit_name=_unit_name(live_page),
        requested_at=log_entry.timestamp,
        public_url=live_page.full_url or "",
        requester=importer,
        approver=None,
        publisher=importer,
        attachments=_attachments(page),
        imported=True,
        first_published_on=datetime.date.fromisoformat(original) if original else None,
    )


def _attachments(page):
    attachments = (
        list(getattr(page, "attachments", None).all()) if hasattr(page, "attachments") else []
    )
    return [attachment for attachment in attachments if attachment.document_id]


def publication_log_entries(site_root, fiscal_year=None, clause=None, imported=True):
    """Publish log entries of one unit's pages, optionally for one fiscal year (B.E.)
    and one seed clause, oldest first; ``imported=False`` leaves out items brought in
    from the previous website."""
    actions = PUBLICATION_ACTIONS if imported else (PUBLISH_ACTION,)
    entries = PageLogEntry.objects.filter(
        action__in=actions, page__path__startswith=site_root.path, revision__isnull=False
    ).select_related("page", "revision", "user")
    if fiscal_year:
        first_day, last_day = fiscal_year_bounds(int(fiscal_year))
        entries = entries.filter(timestamp__date__gte=first_day, timestamp__date__lte=last_day)
    if clause:
        entries = entries.filter(
            Q(page__publicationpage__clause=clause) | Q(page__publicationpage__evidence_code=clause)
        )
    return entries.order_by("timestamp")
