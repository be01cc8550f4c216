"""Reading the uploaded sheet: XLSX, or CSV in UTF-8 (with or without BOM) or Thai Windows.

Thai offices' Excel still saves "CSV" in TIS-620 / Windows-874 (cp874, a superset of
TIS-620); a file that is not valid UTF-8 is read as cp874, which maps every byte, so Thai
typed in either encoding comes through. The sheet goes through the project's upload
checks first (a hostile XLSX is refused before openpyxl opens it), and is read in
read-only mode with its declared size ignored, so a sheet claiming a million rows costs
nothing.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from moit_wagtail.uploads.checks import check_upload
from moit_wagtail.uploads.filenames import extension_of

from .columns import COMMON, fold, spellings

SHEET_TYPES = ("xlsx", "csv")
MAX_ROWS = 5000
MAX_SHEET_BYTES = 20 * 1024 * 1024


@dataclass
class Table:
    headers: list  # as typed
    rows: list = field(default_factory=list)  # (row number in the sheet, {folded header: value})
    encoding: str = ""


def read_table(upload):
    """The sheet's header row and data rows; ``ValidationError`` in Thai if unreadable."""
    check_upload(upload, SHEET_TYPES, MAX_SHEET_BYTES)
    if extension_of(upload.name) == "xlsx":
        lines, encoding = _xlsx_lines(upload), ""
    else:
        lines, encoding = _csv_lines(upload)
    table = None
    help_texts = _help_texts()
    for number, cells in lines:
        if table is None:
            if any(_present(cell) for cell in cells):
                table = Table([str(cell or "").strip() for cell in cells], encoding=encoding)
            continue
        present = [cell for cell in cells if _present(cell)]
        if not present or all(fold(cell) in help_texts for cell in present):
            continue  # blank, or the template's row of help
        if len(table.rows) >= MAX_ROWS:
            raise ValidationError(
                _("The sheet has more than %(limit)s rows: split it into several files."),
                code="too_many_rows",
                params={"limit": MAX_ROWS},
            )
        keys = [fold(header) for header in table.headers]
        table.rows.append(
            (number, {key: cell for key, cell in zip(keys, cells, strict=False) if key})
        )
    if table is None:
        raise ValidationError(_("The sheet is empty."), code="empty_sheet")
    return table


def _help_texts():
    return {text for column in COMMON if column.help for text in spellings(column.help)}


def _present(cell):
    return cell is not None and str(cell).strip() != ""


def _xlsx_lines(upload):
    from openpyxl import load_workbook

    upload.seek(0)
    workbook = load_workbook(upload, read_only=True, data_only=True, keep_links=False)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a declared A1:XFD1048576 would pad every row
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
            if number > MAX_ROWS + 50:
                break
    finally:
        workbook.close()


def _csv_lines(upload):
    upload.seek(0)
    data = upload.read()
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp874 leaves a few bytes undefined
        raise ValidationError(
            _("The file is neither UTF-8 nor Thai Windows (TIS-620) text."), code="encoding"
        )
    dialect = _dialect(text)
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    return ((number, row) for number, row in enumerate(rows, start=1)), encoding


def _dialect(text):
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel
