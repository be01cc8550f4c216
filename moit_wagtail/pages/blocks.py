"""StreamField blocks shared by the manual page types (seed 1.6 and 1.7)."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from wagtail import blocks

DURATION_UNITS = [
    ("minutes", _("minutes")),
    ("hours", _("hours")),
    ("days", _("working days")),
]
MINUTES_PER_WORKING_DAY = 7 * 60
MINUTES_PER_UNIT = {"minutes": 1, "hours": 60, "days": MINUTES_PER_WORKING_DAY}


class StepBlock(blocks.StructBlock):
    """One step of a procedure with how long it takes (seed 1.6: steps and their durations)."""

    title = blocks.CharBlock(label=_("step"), max_length=255)
    description = blocks.TextBlock(label=_("what happens"), required=False)
    responsible = blocks.CharBlock(label=_("who does it"), required=False, max_length=255)
    duration = blocks.DecimalBlock(label=_("duration"), min_value=0, decimal_places=1)
    duration_unit = blocks.ChoiceBlock(
        label=pgettext_lazy("duration", "unit"), choices=DURATION_UNITS, default="minutes"
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")


@dataclass
class StepRow:
    number: int
    title: str
    description: str
    responsible: str
    duration: str


def _amount(value):
    return number_format(value, decimal_pos=1).rstrip("0").rstrip(".,")


def step_rows(steps):
    """The steps as plain rows for a table, with their durations in words."""
    labels = dict(DURATION_UNITS)
    return [
        StepRow(
            number,
            step.value["title"],
            step.value["description"],
            step.value["responsible"],
            f"{_amount(step.value['duration'] or 0)} {labels[step.value['duration_unit']]}",
        )
        for number, step in enumerate(steps, start=1)
    ]


def total_minutes(steps):
    """Sum of step durations in minutes (a working day counts as 7 hours)."""
    return sum(
        float(step.value["duration"] or 0) * MINUTES_PER_UNIT[step.value["duration_unit"]]
        for step in steps
    )


def format_minutes(minutes):
    """'1 working day 2 hours 30 minutes' style total, skipping zero parts."""
    minutes = round(minutes)
    days, rest = divmod(minutes, MINUTES_PER_WORKING_DAY)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(
            ngettext("%(count)s working day", "%(count)s working days", days) % {"count": days}
        )
    if hours:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if mins or not parts:
        parts.append(ngettext("%(count)s minute", "%(count)s minutes", mins) % {"count": mins})
    return " ".join(parts)
