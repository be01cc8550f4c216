"""StreamField blocks shared by the manual page types (seed 1.6 and 1.7)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

DURATION_UNITS = [
    ("minutes", _("minutes")),
    ("hours", _("hours")),
    ("days", _("working days")),
]
MINUTES_PER_UNIT = {"minutes": 1, "hours": 60, "days": 7 * 60}  # a working day is 7 hours


class StepBlock(blocks.StructBlock):
    """One step of a procedure with how long it takes (seed 1.6: steps and their durations)."""

    title = blocks.CharBlock(label=_("step"), max_length=255)
    description = blocks.TextBlock(label=_("what happens"), required=False)
    responsible = blocks.CharBlock(label=_("who does it"), required=False, max_length=255)
    duration = blocks.DecimalBlock(label=_("duration"), min_value=0, decimal_places=1)
    duration_unit = blocks.ChoiceBlock(label=_("unit"), choices=DURATION_UNITS, default="minutes")

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "moit_pages/blocks/step.html"


def total_minutes(steps):
    """Sum of step durations in minutes (a working day counts as 7 hours)."""
    return sum(
        float(step.value["duration"] or 0) * MINUTES_PER_UNIT[step.value["duration_unit"]]
        for step in steps
    )
