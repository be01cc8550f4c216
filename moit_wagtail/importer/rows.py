"""One spreadsheet row read into what a page needs, or refused with its reasons in Thai.

Everything a person can fix in the sheet is found here, before any page is built: the
type, the required metadata, the person responsible (one of the unit's own staff), dates
in any shape Thai offices type them and in the right order, choices by label or value,
numbers with thousands separators, and the attached files (present in the upload, and
allowed by the project's upload checks). The page models' own validation runs later on
the built page (``importing``), so nothing the admin form would refuse gets in.
"""

import decimal
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import RichTextField

from .columns import COMMON, common_headers, field_headers, fold
from .richtext import rich_text
from .thai_dates import NotADate, parse_date
from .types import find_type

CREATE, UPDATE, REFUSED = "create", "update", "refused"
DATE_KEYS = ("data_period_start", "data_period_end", "published_on", "review_by", "expire_at")


@dataclass
class RowPlan:
    number: int  # the row's number in the sheet
    cells: dict  # {folded header: value}, to write the row back for fixing
    title: str = ""
    kind: object = None  # ImportType
    common: dict = field(default_factory=dict)  # title, summary, owner_unit, dates, …
    values: dict = field(default_factory=dict)  # the type's own fields
    tags: list = field(default_factory=list)
    files: list = field(default_factory=list)  # names, as listed
    old_path: str = ""
    key: str = ""  # what identifies the item across runs
    action: str = CREATE
    existing: object = None  # the page a re-run updates
    reasons: list = field(default_factory=list)

    @property
    def refused(self):
        return bool(self.reasons)

    def refuse(self, message):
        self.reasons.append(str(message))
        self.action = REFUSED


class RowReader:
    """Reads the rows of one batch for one unit site (a few queries, then none per row)."""

    def __init__(self, site, staff, files, imported):
        self.site = site
        self.staff = {}
        for user in staff:
            self.staff[fold(user.get_username())] = user
            if user.email:
                self.staff.setdefault(fold(user.email), user)
        self.files = {fold(name): upload for name, upload in files.items()}
        self.imported = imported  # {key: page} of earlier runs on this site
        self.common_headers = common_headers()
        self.field_headers = {}  # per type, built once: labels are read in two languages
        self.seen = {}

    def read(self, number, cells):
        row = RowPlan(number, cells)
        common = {}
        for header, value in cells.items():
            key = self.common_headers.get(header)
            if key:
                common[key] = value
        row.title = _text(common.get("title"))
        kind, candidates = find_type(common.get("type"))
        if kind is None:
            self._refuse_type(row, common.get("type"), candidates)
        row.kind = kind
        self._read_common(row, common)
        if kind is not None:
            self._read_fields(row, cells)
        self._read_files(row)
        self._identify(row)
        return row

    # -- the columns every row has ---------------------------------------------------------

    def _refuse_type(self, row, value, candidates):
        if candidates:
            row.refuse(
                _("Category %(code)s has several item types: write one of %(types)s.")
                % {"code": _text(value), "types": ", ".join(kind.label for kind in candidates)}
            )
        elif _text(value):
            row.refuse(_("Unknown item type “%(type)s”.") % {"type": _text(value)})
        else:
            row.refuse(_("The item type is missing."))

    def _read_common(self, row, common):
        for column in COMMON:
            if column.required and column.key != "type" and not _text(common.get(column.key)):
                row.refuse(_("“%(column)s” is missing.") % {"column": column.label})
        values = row.common
        for key in ("title", "summary", "owner_unit", "source"):
            values[key] = _text(common.get(key))
        if row.kind is not None and row.kind.model.required_source and not values["source"]:
            row.refuse(_("“%(column)s” is required for this item type.") % {
                "column": _column_label("source")
            })  # fmt: skip
        for key in DATE_KEYS:
            values[key] = self._date(row, common.get(key), _column_label(key))
        start, end = values["data_period_start"], values["data_period_end"]
        if start and end and end < start:
            row.refuse(_("The end of the data period is before its start."))
        published, expires = values["published_on"], values["expire_at"]
        if published and expires and expires < published:
            row.refuse(_("The end of publication is before the original publication date."))
        person = _text(common.get("responsible_person"))
        if person:
            values["responsible_person"] = self.staff.get(fold(person))
            if values["responsible_person"] is None:
                row.refuse(
                    _("“%(person)s” is not one of this unit's staff (give a username or email).")
                    % {"person": person}
                )
        row.tags = [tag.strip() for tag in _text(common.get("tags")).split(",") if tag.strip()]
        row.files = [name.strip() for name in _text(common.get("files")).split(";") if name.strip()]
        old_url = _text(common.get("old_url"))
        row.old_path = Redirect.normalise_path(old_url) if old_url else ""

    def _date(self, row, value, label):
        try:
            return parse_date(value)
        except NotADate:
            row.refuse(
                _("“%(value)s” in “%(column)s” is not a date (write 15/01/2567 or 2567-01-15).")
                % {"value": _text(value), "column": label}
            )
            return None

    # -- the type's own fields -------------------------------------------------------------

    def _read_fields(self, row, cells):
        if row.kind not in self.field_headers:
            self.field_headers[row.kind] = field_headers(row.kind)
        headers = self.field_headers[row.kind]
        given = {
            headers[header]: value
            for header, value in cells.items()
            if header in headers and header not in self.common_headers  # "type" is ours
        }
        for model_field in row.kind.fields:
            raw = given.get(model_field.name)
            label = model_field.verbose_name
            if raw is None or _text(raw) == "":
                if not model_field.blank and not model_field.has_default():
                    row.refuse(_("“%(column)s” is missing.") % {"column": label})
                continue
            try:
                row.values[model_field.name] = convert(model_field, raw)
            except (ValidationError, NotADate, decimal.InvalidOperation, ValueError):
                row.refuse(
                    _("“%(value)s” is not a valid “%(column)s”.")
                    % {"value": _text(raw), "column": label}
                )

    # -- files and identity ----------------------------------------------------------------

    def _read_files(self, row):
        for name in row.files:
            if fold(name) not in self.files:
                row.refuse(_("The file “%(name)s” is not in the uploaded files.") % {"name": name})
        if row.kind is not None and row.kind.attachments_required and not row.files:
            row.refuse(_("This item type needs at least one attached file."))

    def _identify(self, row):
        if row.kind is None:
            return
        row.key = row.old_path or "|".join(
            [row.kind.model._meta.label_lower, fold(row.title), str(row.common["published_on"])]
        )
        earlier = self.seen.get(row.key)
        if earlier is not None:
            row.refuse(_("Duplicate of row %(number)s.") % {"number": earlier})
            return
        self.seen[row.key] = row.number
        row.existing = self.imported.get(row.key)
        if not row.refused:
            row.action = UPDATE if row.existing is not None else CREATE


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _column_label(key):
    return next(str(column.label) for column in COMMON if column.key == key)


def convert(model_field, raw):
    """A cell's value for ``model_field``: choices by label or value, Thai dates, numbers
    with separators; plain text becomes paragraphs in a rich-text field."""
    if model_field.choices:
        wanted = fold(raw)
        for value, label in model_field.flatchoices:
            if wanted in {fold(value), fold(str(label))}:
                return value
        raise ValidationError("choice")
    if isinstance(model_field, models.DateField):
        day = parse_date(raw)
        if day is None:
            raise NotADate(raw)
        return day
    if isinstance(model_field, models.DecimalField | models.IntegerField):
        text = _text(raw).replace(",", "").replace(" ", "")
        value = model_field.to_python(text)
        model_field.run_validators(value)
        return value
    if isinstance(model_field, RichTextField):
        return rich_text(raw, model_field.features)
    value = model_field.to_python(_text(raw))
    model_field.run_validators(value)
    return value
