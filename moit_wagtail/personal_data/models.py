"""How long each unit keeps citizens' personal data: a site setting, one row per unit.

Defaults (see README, *Personal data*): two years after a submission is closed, long
enough for appeals to the Official Information Commission and the Ombudsman and for the
unit's yearly complaint report; one year after a survey answer for its free-text comment,
which serves only the year's moderation and results.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_SUBMISSION_MONTHS = 24
DEFAULT_SURVEY_COMMENT_MONTHS = 12
MAX_MONTHS = 120


def _months(default, label, help_text):
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
        help_text=help_text,
    )


@register_setting(icon="lock")
class RetentionSettings(BaseSiteSetting):
    submission_months = _months(
        DEFAULT_SUBMISSION_MONTHS,
        _("keep e-service submissions' personal data for (months after closing)"),
        _(
            "After this, the citizen's name, contact details, texts and attached files are "
            "erased; the counts and statistics stay."
        ),
    )
    survey_comment_months = _months(
        DEFAULT_SURVEY_COMMENT_MONTHS,
        _("keep survey comments for (months after the answer)"),
        _("After this, the comment text is erased; the scores and results stay."),
    )

    panels = [FieldPanel("submission_months"), FieldPanel("survey_comment_months")]

    class Meta:
        verbose_name = _("personal data retention")
        verbose_name_plural = _("personal data retention")
