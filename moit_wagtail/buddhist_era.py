"""Buddhist-era years wherever Django formats a date for a person who reads Thai.

Why this touches Django: Wagtail's admin shows dates only through Django's date
formatting: the ``date`` filter, ``{{ value }}`` localisation (workflow history "Started
at", revision and lock messages), ``formats.date_format`` (``wagtail.utils.timestamps.
render_timestamp``: revisions, scheduled publishing, locks) and the tooltips of
``{% human_readable_date %}`` (explorer "Updated", documents, images, dashboard panels,
aging pages, locked pages, site history, workflow history, page history, our own reports).
Django has no era specifier and its Thai formats (``j F Y``) print the Gregorian year, so a
Thai admin read "3 ธันวาคม 2026". Overriding templates would miss the Python callers; all of
them meet in ``django.utils.dateformat.DateFormat``, whose year specifiers this module
makes Buddhist-era.

Covered: ``Y`` (2570) and ``y`` (70), only while the active language is Thai, and only in
formats meant for people. Unchanged: any other language (and none: commands, logs); ``c``
(ISO 8601), ``r`` (RFC 5322), ``U`` (Unix time) and ``o`` (ISO week year), which never call
``Y``; numeric year-first formats such as ``Y-m-d`` or ``YmdHis``, the order machines read
(file names, attributes); so also ``<time datetime="{{ d|date:'c' }}">``. CSV and XLSX
exports are not formatted text: Wagtail writes ISO values to CSV and real dates to XLSX
(its ``ExcelDateFormatter`` is no ``DateFormat``), our traffic log writes ISO 8601.
Inputs stay Gregorian ISO too (``strftime``, see ``moit_wagtail.date_inputs``).

``install()`` runs once, from ``MoitWagtailConfig.ready()``.
"""

from django.utils import dateformat
from django.utils.translation import get_language

from .dates import BE_OFFSET

# Specifiers that print words: a format with any of them is read by people.
WORD_SPECIFIERS = frozenset("DlNFMbE")
DAY_OR_MONTH = frozenset("djmn")

_original_format = dateformat.DateFormat.format


def thai_active():
    """Thai is the active language (no active language means untranslated output)."""
    return (get_language() or "").lower().startswith("th")


def for_people(formatstr):
    """False for numeric year-first formats (``Y-m-d``, ``Ymd``): ISO order, for machines."""
    specifiers = dateformat.re_formatchars.findall(str(formatstr))
    if WORD_SPECIFIERS.intersection(specifiers):
        return True
    positions = [i for i, char in enumerate(specifiers) if char in DAY_OR_MONTH]
    years = [i for i, char in enumerate(specifiers) if char in "Yy"]
    return not (years and positions and years[0] < positions[0])


def _format(self, formatstr):
    self.buddhist_era = thai_active() and for_people(formatstr)
    return _original_format(self, formatstr)


def _year(self):
    return self.data.year + (BE_OFFSET if getattr(self, "buddhist_era", False) else 0)


def _Y(self):
    """Year, four digits: 2570 in Thai, 2027 otherwise."""
    return f"{_year(self):04d}"


def _y(self):
    """Year, two digits: 70 in Thai, 27 otherwise."""
    return f"{_year(self) % 100:02d}"


def install():
    """Idempotent: the class attributes are simply set again."""
    dateformat.DateFormat.format = _format
    dateformat.DateFormat.Y = _Y
    dateformat.DateFormat.y = _y
