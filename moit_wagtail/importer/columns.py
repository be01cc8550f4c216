"""The spreadsheet's columns, as data: the ones every row has, then each type's own.

A header is matched after folding case and spaces and dropping a trailing "*" (the
template marks required columns so), in Thai or English, so a sheet saved from the
template and one typed by hand both read.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .types import import_types


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy: Thai under the Thai catalogue
    required: bool = False
    help: object = ""


COMMON = [
    Column(
        "type",
        _("Item type"),
        True,
        _("The page type, e.g. กฎหมายหรือระเบียบ, or its category code (1.2)."),
    ),
    Column("title", _("Title"), True),
    Column(
        "summary", _("Summary"), True, _("One or two sentences for listings and the request form.")
    ),
    Column("owner_unit", _("Information owner (unit or group)"), True),
    Column("responsible_person", _("Person responsible (username or email)"), True),
    Column(
        "source", _("Source of the information"), False, _("Required for laws and knowledge items.")
    ),
    Column(
        "data_period_start",
        _("Data covers from"),
        True,
        _("A date: 15/01/2567, 2567-01-15 or 15 ม.ค. 2567 (B.E. or C.E.)."),
    ),
    Column("data_period_end", _("Data covers until")),
    Column(
        "published_on",
        _("Originally published on"),
        False,
        _("The date it was published on the previous website."),
    ),
    Column("review_by", _("Review by")),
    Column("expire_at", _("End of publication")),
    Column("tags", _("Tags"), False, _("Separated by commas.")),
    Column(
        "files",
        _("Attached files"),
        False,
        _("File names in the ZIP or folder, separated by semicolons."),
    ),
    Column(
        "old_url",
        _("Old URL"),
        False,
        _("The item's address on the previous website: it will redirect here."),
    ),
]
COMMON_KEYS = {column.key for column in COMMON}


def fold(text):
    return " ".join(str(text or "").replace("*", " ").split()).casefold()


def spellings(label):
    found = set()
    for language in ("th", "en"):
        with translation.override(language):
            found.add(fold(str(label)))
    return found


def common_headers():
    """{folded header: column key} for the columns every row has."""
    headers = {}
    for column in COMMON:
        for spelling in spellings(column.label) | {column.key}:
            headers[spelling] = column.key
    return headers


def field_headers(kind):
    """{folded header: field name} for one type's own fields."""
    headers = {}
    for field in kind.fields:
        for spelling in spellings(field.verbose_name) | {fold(field.name)}:
            headers.setdefault(spelling, field.name)
    return headers


def type_columns():
    """Each type's own fields as template columns, one column per Thai label."""
    columns = {}
    for kind in import_types().values():
        for field in kind.fields:
            with translation.override("th"):
                key = fold(str(field.verbose_name))
            columns.setdefault(key, field)
    return list(columns.values())
