"""Why a publishing request may be refused (seed 2.2.3), as data shared by forms and reports."""

from django.utils.translation import gettext_lazy as _

REJECTION_REASONS = [
    ("unrelated", _("Not related to the unit's mission")),
    ("file_format", _("File format not allowed")),
    ("inaccurate", _("Inaccurate or incomplete")),
    ("out_of_date", _("Out of date")),
    ("other", _("Other")),
]
REJECTION_REASON_CODES = {code for code, _label in REJECTION_REASONS}


def reason_label(code):
    return dict(REJECTION_REASONS).get(code, "")
