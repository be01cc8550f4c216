"""Importing a batch of rows into one unit's site: preview (nothing kept) or apply (all or
nothing), by the same code, so the preview shows exactly what applying would do.

Each row becomes a page under its category on the unit's site, with its files as
attachments in the unit's collection (a file already there, byte for byte, is reused) and
its old URL as a Wagtail redirect. Two honest ways onto the record (seed 2.2):

* ``SUBMIT``: a draft submitted to the unit's approval workflow, as the importer;
* ``PUBLISHED_BEFORE``: content the previous website already published goes live under
  the action "imported from the previous website" (``IMPORT_PUBLISH_ACTION``, naming the
  importer; never an approval), with its original publication date.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry

from moit_wagtail import files as file_rules
from moit_wagtail.pages.models.base import PageAttachment
from moit_wagtail.pages.slugs import slug_for
from moit_wagtail.people import unit_staff
from moit_wagtail.publication_actions import IMPORT_PUBLISH_ACTION
from moit_wagtail.roles import unit_collection
from moit_wagtail.uploads.checks import check_upload
from moit_wagtail.uploads.filenames import safe_filename

from .columns import fold
from .models import ImportBatch, ImportedItem
from .rows import CREATE, UPDATE, RowReader

PUBLISHED_AT = datetime.time(9, 0)  # an original date becomes 09:00 that day, Bangkok time


class Preview(Exception):
    """Raised inside the transaction of a preview so that nothing it wrote is kept."""


@dataclass
class Outcome:
    rows: list  # RowPlan
    batch: object = None  # ImportBatch, once applied
    pages: dict = field(default_factory=dict)  # row number -> page

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)

    @property
    def refused(self):
        return [row for row in self.rows if row.refused]


def import_rows(site, user, table, uploads, mode, source_name="", apply=False, progress=None):
    """Read, check and build every row of ``table`` for ``site``; keep it only if ``apply``.

    ``uploads``: {file name: bytes}. Rows refused by any check are reported and left out;
    the others are written together, or not at all.
    """
    imported = {
        item.key: item.page
        for item in ImportedItem.objects.filter(site=site).select_related("page")
    }
    reader = RowReader(site, list(unit_staff(site)), uploads, imported)
    rows = [reader.read(number, cells) for number, cells in table.rows]
    builder = Builder(site, user, uploads, mode, apply)
    outcome = Outcome(rows)
    try:
        with transaction.atomic():
            for done, row in enumerate(rows, start=1):
                if not row.refused:
                    builder.build(row, outcome)
                if progress:
                    progress(done, len(rows))
            if not apply:
                raise Preview
            outcome.batch = builder.record(outcome, source_name)
    except Preview:
        pass
    return outcome


class Builder:
    def __init__(self, site, user, uploads, mode, apply):
        self.site = site
        self.apply = apply  # a preview writes no file and sends no email
        self.user = user
        self.mode = mode
        self.uploads = {fold(name): (name, data) for name, data in uploads.items()}
        self.indexes = {}
        self.documents = {}
        self.checked = {}
        self.collection = None

    def build(self, row, outcome):
        """Build the row's page in a savepoint; a refusal undoes only this row."""
        index = self.index_for(row.kind)
        if index is None:
            row.refuse(
                _("This unit's website has no “%(category)s” category page yet.")
                % {"category": row.kind.index_model._meta.verbose_name}
            )
            return
        for name in row.files:
            if problem := self.file_problem(name):
                row.refuse(problem)
        published_on = row.common["published_on"]
        if self.mode == ImportBatch.PUBLISHED_BEFORE and (
            published_on is None or published_on > timezone.localdate()
        ):  # going live without approval needs the proof that it was public before
            row.refuse(
                _("Give the date it was published on the previous website (not a future date).")
            )
        if row.refused:
            return
        try:
            with transaction.atomic():
                outcome.pages[row.number] = self.write(row, index)
        except ValidationError as error:
            for message in error.messages:  # field errors and general ones, flattened
                row.refuse(message)

    def index_for(self, kind):
        if kind.index_model not in self.indexes:
            self.indexes[kind.index_model] = kind.index_model.objects.child_of(
                self.site.root_page
            ).first()
        return self.indexes[kind.index_model]

    def file_problem(self, name):
        """The upload checks' Thai message for a listed file, or None (each file once)."""
        key = fold(name)
        if key not in self.checked:
            display, data = self.uploads[key]
            upload = ContentFile(data, name=PurePosixPath(display).name)
            try:
                check_upload(
                    upload,
                    file_rules.allowed_extensions(),
                    getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None),
                )
                self.checked[key] = None
            except ValidationError as error:
                self.checked[key] = " ".join(error.messages)
        return self.checked[key]

    # -- writing ---------------------------------------------------------------------------

    def write(self, row, index):
        page = row.existing.specific if row.action == UPDATE else row.kind.model(live=False)
        common = row.common
        page.title = row.title
        for name in ("summary", "owner_unit", "source", "data_period_start", "data_period_end"):
            setattr(page, name, common[name])
        page.responsible_person = common.get("responsible_person")
        if common["review_by"]:
            page.review_by = common["review_by"]
        page.expire_at = _moment(common["expire_at"], datetime.time(23, 59))
        for name, value in row.values.items():
            setattr(page, name, value)
        page.tags.set(row.tags)
        if self.apply:
            page.attachments = [
                PageAttachment(document=self.document(name), sort_order=position)
                for position, name in enumerate(row.files)
            ]
        if row.action == CREATE:
            page.slug = slug_for(row.title, index)
            index.add_child(instance=page)
        revision = page.save_revision(user=self.user, clean=True, log_action=True)
        if self.mode == ImportBatch.PUBLISHED_BEFORE:
            self.publish(page, revision, common["published_on"])
        else:
            self.submit(page)
        if row.old_path:
            self.redirect(row.old_path, page)
        return page

    def document(self, name):
        display, data = self.uploads[fold(name)]
        key = fold(name)
        if key not in self.documents:
            Document = get_document_model()
            base = PurePosixPath(display).name  # a WordPress upload keeps its folders
            upload = ContentFile(data, name=safe_filename(base))
            document = Document(
                title=base.rsplit(".", 1)[0],
                collection=self.unit_collection(),
                uploaded_by_user=self.user,
            )
            document.file = upload
            document._set_document_file_metadata()
            same = Document.objects.filter(
                collection=document.collection, file_hash=document.file_hash
            ).first()
            if same is None:
                document.save()
            self.documents[key] = same or document
        return self.documents[key]

    def unit_collection(self):
        if self.collection is None:
            self.collection = unit_collection(self.site.moit_unit.group_key)
        return self.collection

    def publish(self, page, revision, published_on):
        if page.expire_at and page.expire_at <= timezone.now():
            raise ValidationError(
                _("Its end of publication has passed: import it as a draft instead.")
            )
        revision.publish(
            user=self.user, log_action=IMPORT_PUBLISH_ACTION, skip_permission_checks=True
        )
        PageLogEntry.objects.filter(
            page_id=page.pk, action=IMPORT_PUBLISH_ACTION, revision=revision
        ).update(data={"published_on": published_on.isoformat() if published_on else None})
        if published_on:
            moment = _moment(published_on, PUBLISHED_AT)
            first = Page.objects.filter(pk=page.pk).values_list("first_published_at", flat=True)
            update = {"last_published_at": moment}
            if first[0] is None or first[0] > moment:
                update["first_published_at"] = moment
            Page.objects.filter(pk=page.pk).update(**update)

    def submit(self, page):
        workflow = page.get_workflow()
        if workflow is None:
            raise ValidationError(_("This unit's website has no approval workflow."))
        if page.workflow_in_progress:
            return  # already waiting for a decision: the new revision joins it
        if not self.apply:  # what starting would refuse, without notifying the approvers
            if missing := page.missing_metadata():
                raise ValidationError(
                    _("Fill in %(fields)s first.")
                    % {"fields": ", ".join(str(name) for name in missing.values())}
                )
            return
        workflow.start(page, self.user)

    def redirect(self, old_path, page):
        if old_path == Redirect.normalise_path(page.url_path.split("/", 2)[-1]):
            return
        Redirect.objects.update_or_create(
            site=self.site,
            old_path=old_path,
            defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
        )

    def record(self, outcome, source_name):
        batch = ImportBatch.objects.create(
            site=self.site,
            created_by=self.user,
            source_name=source_name[:255],
            mode=self.mode,
            created=outcome.count(CREATE),
            updated=outcome.count(UPDATE),
            refused=len(outcome.refused),
            report=[
                {
                    "row": row.number,
                    "title": row.title,
                    "action": row.action,
                    "page": outcome.pages[row.number].pk if row.number in outcome.pages else None,
                    "reasons": row.reasons,
                }
                for row in outcome.rows
            ],
        )
        for row in outcome.rows:
            page = outcome.pages.get(row.number)
            if page is None:
                continue
            ImportedItem.objects.update_or_create(
                site=self.site,
                key=row.key,
                defaults={
                    "page": page,
                    "batch": batch,
                    "old_path": row.old_path,
                    "published_on": row.common["published_on"],
                },
            )
        return batch


def _moment(day, time):
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, time))
