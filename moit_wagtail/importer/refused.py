"""Refused rows back as a spreadsheet: the row as it was typed, with the reasons first,
so the unit fixes the cells and uploads the file again."""

import io

from django.utils.translation import gettext as _

from .columns import fold


def refused_rows(headers, rows):
    """[[reasons, row number, cells…]] of the refused ``rows`` (RowPlan) under ``headers``."""
    keys = [fold(header) for header in headers]
    lines = [[_("Why it was refused"), _("Row"), *headers]]
    for row in rows:
        lines.append(
            ["; ".join(row.reasons), row.number, *[_cell(row.cells.get(key)) for key in keys]]
        )
    return lines


def _cell(value):
    if value is None:
        return ""
    return value if isinstance(value, (int, float)) else str(value)


def workbook_bytes(lines, title):
    """An XLSX of ``lines``; text is always text (a cell typed "=…" is not a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for number, line in enumerate(lines):
        cells = []
        for value in line:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            if number == 0:
                cell.font = Font(bold=True)
            cells.append(cell)
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
