"""The downloadable template: Thai headers (required ones marked "*"), a row of help, and
one example row per importable item type, so a unit sees what each column takes."""

import datetime
import io

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import translation

from moit_wagtail.dates import BE_OFFSET

from .columns import COMMON, fold, type_columns
from .types import import_types

EXAMPLE_DAY = datetime.date(2024, 1, 15)


def _be(day):
    return f"{day.day:02d}/{day.month:02d}/{day.year + BE_OFFSET}"


def _example(field):
    if field.choices:
        return str(field.flatchoices[0][1])
    if isinstance(field, models.DateField):
        return _be(EXAMPLE_DAY)
    if isinstance(field, models.DecimalField):
        if field.decimal_places >= 4:
            return "13.7563"  # a coordinate
        return "4.5" if field.max_digits <= 3 else "250,000.00"
    if isinstance(field, models.IntegerField):
        lowest = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
        is_be_year = any(limit >= 2400 for limit in lowest)  # e.g. a plan's fiscal year
        return str(EXAMPLE_DAY.year + BE_OFFSET) if is_be_year else "1"
    if isinstance(field, models.EmailField):
        return "saraban@example.go.th"
    if isinstance(field, models.URLField):
        return "https://www.ratchakitcha.soc.go.th/"
    return f"ตัวอย่าง{field.verbose_name}"


def _label(field):
    with translation.override("th"):
        return fold(str(field.verbose_name))


def template_rows():
    """[headers, help, example rows…] in the active language (Thai by default)."""
    own = type_columns()
    headers = [str(c.label) + (" *" if c.required else "") for c in COMMON]
    headers += [str(field.verbose_name) for field in own]
    help_row = [str(c.help) for c in COMMON] + ["" for _field in own]
    rows = [headers, help_row]
    for number, kind in enumerate(import_types().values(), start=1):
        common = {
            "type": kind.label,
            "title": f"ตัวอย่าง: {kind.label}",
            "summary": "สรุปสั้น ๆ หนึ่งถึงสองประโยค",
            "owner_unit": "กลุ่มงานบริหารทั่วไป",
            "responsible_person": "editor1",
            "source": "กระทรวงสาธารณสุข",
            "data_period_start": _be(EXAMPLE_DAY),
            "published_on": _be(EXAMPLE_DAY),
            "tags": "ตัวอย่าง, นำเข้า",
            "files": "ตัวอย่าง.pdf" if kind.attachments_required else "",
            "old_url": f"https://old.example.go.th/index.php?id={number}",
        }
        row = [common.get(column.key, "") for column in COMMON]
        mine = {_label(field): field for field in kind.fields}
        row += [_example(mine[_label(field)]) if _label(field) in mine else "" for field in own]
        rows.append(row)
    return rows


def template_xlsx():
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    with translation.override(translation.get_language() or "th"):
        rows = template_rows()
    sheet.title = "รายการ"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="666666")
    sheet.freeze_panes = "C3"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
