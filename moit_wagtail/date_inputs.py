"""Admin date inputs: the Buddhist-era date in words beside them, and B.E. years typed by hand.

The inputs keep Wagtail's Gregorian ISO values (``2027-12-03``): the picker writes them and
Django parses them in every language (see ``WAGTAILSEARCH_BACKENDS`` in the settings). Thai
staff think in B.E., so beside each input a hint says "พ.ศ. 2570: 3 ธันวาคม 2570", rendered
here and kept up to date by ``static/moit_wagtail/js/be-date-hint.js`` as the value changes,
and a year of 2400 or more typed by hand is read as B.E. (``2570-12-03`` saves 2027-12-03).

Why this touches Wagtail: Wagtail builds ``AdminDateInput`` and ``AdminDateTimeInput`` itself
in many places (the publishing panel's go-live and expiry dates, listing and report filters,
StreamField date blocks), so a subclass would miss most of them. ``install()`` changes the
two classes in place, once, from ``MoitWagtailConfig.ready()``: their template (Wagtail's own
plus the hint), ``get_context`` (hint text, ``aria-describedby``) and
``value_from_datadict`` (B.E. to C.E.). Model forms also get fields whose error message
explains the format, through Wagtail's public ``register_form_field_override``; our own
forms use ``AdminDateField`` and ``AdminDateTimeField``. Inputs that Wagtail's JavaScript
renders (StreamField blocks) still accept B.E. years, without the hint.
"""

import datetime
import re

from django import forms
from django.db import models
from django.templatetags.static import static
from django.utils.dates import MONTHS
from django.utils.html import format_html, json_script
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from .dates import BE_OFFSET

FIRST_BE_YEAR = 2400  # C.E. 1857: no admin date is that old, no B.E. year is that low
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
ISO = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?$"
)
TEMPLATE = "moit_wagtail/widgets/be_date_input.html"


def hint_strings():
    """Every text of the hint, for this module and the script (as JSON in each admin page)."""
    return {
        "months": [str(MONTHS[month]) for month in range(1, 13)],
        "offset": BE_OFFSET,
        "first_be_year": FIRST_BE_YEAR,
        # Translators: the hint beside an admin date input, e.g. "พ.ศ. 2570: 3 ธันวาคม 2570".
        "be": pgettext("admin date hint", "B.E. %(year)s: %(date)s"),
        # Translators: date and time in the hint, e.g. "3 ธันวาคม 2570 เวลา 09:30 น.".
        "date_time": pgettext("admin date hint", "%(date)s, %(time)s"),
        # Translators: after a Buddhist-era year typed by hand; iso is the C.E. value saved.
        "saved_as": pgettext("admin date hint", "%(hint)s (saved as %(iso)s)"),
        "invalid_date": pgettext(
            "admin date hint", "Not a date yet: type YYYY-MM-DD, e.g. 2027-12-03 or 2570-12-03"
        ),
        "invalid_datetime": pgettext(
            "admin date hint",
            "Not a date yet: type YYYY-MM-DD HH:MM, e.g. 2027-12-03 09:30 or 2570-12-03 09:30",
        ),
    }


def to_ce(text):
    """'2570-12-03' -> '2027-12-03': Thai digits read, a year >= 2400 taken as B.E."""
    if not isinstance(text, str):
        return text

    def gregorian(match):
        year = int(match.group(1))
        return str(year - BE_OFFSET) if year >= FIRST_BE_YEAR else match.group(1)

    return YEAR.sub(gregorian, text.translate(THAI_DIGITS).strip())


def parse(text, with_time):
    """``(value, typed_be)`` for an ISO text (B.E. or C.E. year), ``(None, False)`` if none."""
    match = ISO.match(text.translate(THAI_DIGITS).strip())
    if not match or (match["hour"] is not None and not with_time):
        return None, False
    parts = {key: int(value) for key, value in match.groupdict().items() if value is not None}
    typed_be = parts["year"] >= FIRST_BE_YEAR
    parts["year"] -= BE_OFFSET if typed_be else 0
    try:
        value = datetime.datetime(**parts)
    except ValueError:
        return None, False
    return (value if match["hour"] is not None else value.date()), typed_be


def hint(value, with_time=False):
    """'พ.ศ. 2570: 3 ธันวาคม 2570' for a date, a datetime or an input's text; '' if empty."""
    if value in (None, ""):
        return ""
    strings = hint_strings()
    typed_be = False
    if isinstance(value, str):
        value, typed_be = parse(value, with_time)
        if value is None:
            return strings["invalid_datetime" if with_time else "invalid_date"]
    year = value.year + BE_OFFSET
    words = f"{value.day} {strings['months'][value.month - 1]} {year}"
    if isinstance(value, datetime.datetime):
        words = strings["date_time"] % {"date": words, "time": f"{value:%H:%M}"}
    text = strings["be"] % {"year": year, "date": words}
    if typed_be:
        if isinstance(value, datetime.datetime):
            iso = value.isoformat(sep=" ", timespec="minutes")
        else:
            iso = value.isoformat()
        text = strings["saved_as"] % {"hint": text, "iso": iso}
    return text


def is_invalid(value, with_time):
    return isinstance(value, str) and value.strip() != "" and parse(value, with_time)[0] is None


class AdminDateField(forms.DateField):
    """An admin date that says how to type it (C.E. or B.E. year) when it cannot be read."""

    widget = AdminDateInput
    default_error_messages = {
        "invalid": _(
            "Enter the date as YYYY-MM-DD, for example 2027-12-03. "
            "A Buddhist-era year also works: 2570-12-03."
        ),
    }


class AdminDateTimeField(forms.DateTimeField):
    """An admin date and time that says how to type it when it cannot be read."""

    widget = AdminDateTimeInput
    default_error_messages = {
        "invalid": _(
            "Enter the date and time as YYYY-MM-DD HH:MM, for example 2027-12-03 09:30. "
            "A Buddhist-era year also works: 2570-12-03 09:30."
        ),
    }


def _patch(widget_class, with_time):
    wagtail_template = widget_class.template_name
    wagtail_get_context = widget_class.get_context
    wagtail_value_from_datadict = widget_class.value_from_datadict

    def get_context(self, name, value, attrs):
        context = wagtail_get_context(self, name, value, attrs)
        widget = context["widget"]
        widget["moit_wagtail_template"] = wagtail_template
        widget["moit_be_hint"] = hint(widget["value"], with_time)
        widget["moit_be_invalid"] = is_invalid(widget["value"], with_time)
        widget["attrs"]["data-moit-be-date"] = "datetime" if with_time else "date"
        if widget["attrs"].get("id"):
            hint_id = f"{widget['attrs']['id']}-be-hint"
            widget["moit_be_hint_id"] = hint_id
            described_by = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{described_by} {hint_id}".strip()
        return context

    def value_from_datadict(self, data, files, name):
        return to_ce(wagtail_value_from_datadict(self, data, files, name))

    widget_class.template_name = TEMPLATE
    widget_class.get_context = get_context
    widget_class.value_from_datadict = value_from_datadict
    widget_class.moit_be_installed = True


def admin_js():
    """For every admin page: the hint's texts (JSON, never run) and the script using them."""
    return format_html(
        '{}<script src="{}"></script>',
        json_script(hint_strings(), "moit-be-hint-strings"),
        static("moit_wagtail/js/be-date-hint.js"),
    )


def admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("moit_wagtail/css/be-date-hint.css")
    )


def install():
    """Once: the hint and B.E. reading on Wagtail's widgets, the clear fields on model forms."""
    from wagtail.admin.forms.models import register_form_field_override

    for widget_class, with_time in ((AdminDateInput, False), (AdminDateTimeInput, True)):
        if not getattr(widget_class, "moit_be_installed", False):
            _patch(widget_class, with_time)
    register_form_field_override(
        models.DateField, override={"form_class": AdminDateField, "widget": AdminDateInput}
    )
    register_form_field_override(
        models.DateTimeField,
        override={"form_class": AdminDateTimeField, "widget": AdminDateTimeInput},
    )
