"""The assessor's submission sheet: what a unit types into the MOIT system, item by item.

Assessors fill the MOIT system with a URL per item, and per part for an item graded in
parts; they copy each cell from this sheet instead of opening every page. The rows come
from ``checklist.status`` like every report, and only *current* evidence is listed (a
stale page sent to the assessor loses the item). URLs are absolute: the public page on
its unit's host, and the publishing-request form on the admin's host.

The workbook writer is shared by one unit's export and the provincial workbook (a sheet
per unit): Excel refuses a sheet name longer than 31 characters, with ``[]:*?/\\``, or
used twice (whatever the case), so ``sheet_title`` makes them safe.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from moit_wagtail.checklist.status import Status
from moit_wagtail.dates import format_date

from .filters import STATUS_CLASSES

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COLUMNS = [
    ("list", _("Checklist"), 12),
    ("code", _("Code"), 10),
    ("title", _("Item"), 50),
    ("part_number", _("Part"), 7),
    ("part_title", _("Part title"), 40),
    ("status", _("Status"), 18),
    ("urls", _("Evidence URL"), 60),
    ("forms", _("Publishing-request form URL"), 50),
    ("published", _("Published on (B.E.)"), 20),
    ("justification", _("Not applicable because"), 40),
]
FIELDS = [name for name, _heading, _width in COLUMNS]
HEADINGS = {name: heading for name, heading, _width in COLUMNS}

# An optional part with no evidence does not count against the item.
NOT_COUNTED = _("optional, no evidence")

MAX_SHEET_TITLE = 31
FORBIDDEN_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
RESERVED_SHEET_TITLES = {"history"}  # Excel keeps it for change tracking


def admin_root(request):
    """The admin's base URL: ``WAGTAILADMIN_BASE_URL``, else the host of this request."""
    root = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or request.build_absolute_uri("/")
    return root.rstrip("/")


@dataclass
class SubmissionRow:
    """One line of the sheet: an item, or one part of an item graded in parts."""

    framework: object
    item: object
    part: object  # ChecklistPart, or None
    status: object  # ItemStatus or PartStatus
    justification: str
    admin_root: str

    @property
    def status_label(self):
        if self.part is not None and not self.status.counted:
            return NOT_COUNTED
        return Status(self.status.status).label

    @property
    def status_value(self):
        return self.status.status

    @property
    def status_class(self):
        return STATUS_CLASSES[self.status.status]

    @property
    def pages(self):
        """The current evidence only, newest first."""
        return self.status.current_evidence

    def public_url(self, page):
        return page.site.root_url + page.public_path if page.site else ""

    def form_url(self, page):
        return self.admin_root + reverse("moit_evidence_page", args=[page.id])

    @property
    def links(self):
        """(public URL, form URL, publication date) of each current evidence page."""
        return [
            (self.public_url(page), self.form_url(page), format_date(page.last_published_at))
            for page in self.pages
        ]

    def export(self):
        links = self.links
        return [
            self.framework.label,
            self.item.code,
            self.item.title,
            self.part.number if self.part is not None else "",
            self.part.title if self.part is not None else "",
            str(self.status_label),
            "\n".join(public for public, _form, _date in links),
            "\n".join(form for _public, form, _date in links),
            "\n".join(day for _public, _form, day in links),
            self.justification,
        ]


def submission_rows(report, root):
    """The rows of one unit's ``SiteCoverage`` (read ``with_evidence``).

    An item graded in parts gives a row per part; a not-applicable item stays one row,
    with its justification, since the assessor enters the item as a whole.
    """
    rows = []
    for row in report.items:
        if row.parts and row.status != Status.NOT_APPLICABLE:
            rows += [
                SubmissionRow(report.framework, row.item, part.part, part, "", root)
                for part in row.parts
            ]
        else:
            rows.append(
                SubmissionRow(report.framework, row.item, None, row, row.justification, root)
            )
    return rows


def sheet_title(name, taken):
    """``name`` as a sheet title Excel accepts, not in ``taken`` (casefolded; updated)."""
    base = " ".join(FORBIDDEN_IN_SHEET_TITLE.sub(" ", str(name or "")).split()).strip("'")
    base = base or "Sheet"
    title, number = _fit(base, ""), 1
    while title.casefold() in taken or title.casefold() in RESERVED_SHEET_TITLES:
        number += 1
        title = _fit(base, f" ({number})")
    taken.add(title.casefold())
    return title


def _fit(base, suffix):
    return base[: MAX_SHEET_TITLE - len(suffix)].rstrip().rstrip("'") + suffix


def _cell(sheet, value, bold=False):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":
        cell.data_type = "s"  # text that looks like a formula stays text, as Wagtail does
    if bold:
        cell.font = Font(bold=True)
    if isinstance(value, str) and "\n" in value:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def write_workbook(output, sheets, widths=None):
    """Write ``sheets`` (``(name, headings, rows of values)``) to ``output`` as XLSX."""
    workbook = Workbook(write_only=True)
    taken = set()
    for name, headings, rows in sheets or [("Sheet", [], [])]:
        sheet = workbook.create_sheet(title=sheet_title(name, taken))
        for column, width in enumerate(widths or (), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.append([_cell(sheet, str(heading), bold=True) for heading in headings])
        for values in rows:
            sheet.append([_cell(sheet, value) for value in values])
    workbook.save(output)


WIDTHS = [width for _name, _heading, width in COLUMNS]
