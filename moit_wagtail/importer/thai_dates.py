"""Dates as Thai offices type them in spreadsheets, read to ``datetime.date``.

Excel cells may hold real dates; text cells hold "15/01/2567", "15-1-67", "2567-01-15",
"15 ม.ค. 2567", "15 มกราคม 2567" or the same with Thai digits, in B.E. or C.E. Django and
``date_inputs.parse`` read ISO only, so the shapes a spreadsheet holds are read here.
A two-digit year is B.E. (``67`` is 2567): that is how Thai staff abbreviate it.
"""

import datetime
import re

from moit_wagtail.date_inputs import FIRST_BE_YEAR, THAI_DIGITS
from moit_wagtail.dates import BE_OFFSET

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("มกราคม", "ม.ค.", "มค", "jan", "january"),
            ("กุมภาพันธ์", "ก.พ.", "กพ", "feb", "february"),
            ("มีนาคม", "มี.ค.", "มีค", "mar", "march"),
            ("เมษายน", "เม.ย.", "เมย", "apr", "april"),
            ("พฤษภาคม", "พ.ค.", "พค", "may"),
            ("มิถุนายน", "มิ.ย.", "มิย", "jun", "june"),
            ("กรกฎาคม", "ก.ค.", "กค", "jul", "july"),
            ("สิงหาคม", "ส.ค.", "สค", "aug", "august"),
            ("กันยายน", "ก.ย.", "กย", "sep", "sept", "september"),
            ("ตุลาคม", "ต.ค.", "ตค", "oct", "october"),
            ("พฤศจิกายน", "พ.ย.", "พย", "nov", "november"),
            ("ธันวาคม", "ธ.ค.", "ธค", "dec", "december"),
        ],
        start=1,
    )
    for name in names
}
NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
ISO = re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$")
WORDS = re.compile(r"^(\d{1,2})\s*([^\d\s]+(?:\s*\.)?)\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*(\d{2}|\d{4})$")
TIME_TAIL = re.compile(r"[\sT]+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*น\.)?$")


class NotADate(ValueError):
    """The text is not a date in any shape this module reads."""


def _year(text):
    year = int(text)
    if len(text) == 2:
        return year + 2500 - BE_OFFSET  # "67" is B.E. 2567
    return year - BE_OFFSET if year >= FIRST_BE_YEAR else year


def parse_date(value):
    """``datetime.date`` for a cell value, None for an empty one; ``NotADate`` otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return _from_cell(value.date())
    if isinstance(value, datetime.date):
        return _from_cell(value)
    text = str(value).translate(THAI_DIGITS).strip()
    if not text:
        return None
    text = TIME_TAIL.sub("", text).strip()
    try:
        if match := ISO.match(text):
            year, month, day = match.groups()
            return datetime.date(_year(year), int(month), int(day))
        if match := NUMERIC.match(text):
            day, month, year = match.groups()
            return datetime.date(_year(year), int(month), int(day))
        if match := WORDS.match(text):
            day, month, year = match.groups()
            number = MONTHS.get(month.replace(" ", "").lower())
            if number is None:
                raise NotADate(value)
            return datetime.date(_year(year), number, int(day))
    except ValueError as error:  # 31/02/2567
        raise NotADate(value) from error
    raise NotADate(value)


def _from_cell(day):
    """A date cell typed with a B.E. year (Excel keeps 2567 as the year 2567)."""
    if day.year >= FIRST_BE_YEAR:
        return day.replace(year=day.year - BE_OFFSET)
    return day
