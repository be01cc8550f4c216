"""What visitors sent: one row per response, one row per rated aspect.

A rating row keeps the aspect's label as it was when the visitor answered: an admin may
rename or remove an aspect later, and last year's published results must not change or
vanish with it (the aspect link is then cleared, the label stays).

No IP address, user agent or cookie of the visitor is stored: the rate limit lives only
in the cache, under a salted hash (see ``ratelimit``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_SCORE, MAX_SCORE = 1, 5
COMMENT_MAX_LENGTH = 2000


class CommentStatus(models.TextChoices):
    NONE = "none", _("No comment")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Published")
    HIDDEN = "hidden", _("Not published")


class SurveyResponse(models.Model):
    survey = models.ForeignKey(
        "moit_survey.SurveyPage",
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    comment_status = models.CharField(
        _("comment status"),
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.NONE,
        help_text=_("Only published comments are shown on the results page."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # Set when the comment was erased at the end of its retention; the scores stay.
    anonymised_at = models.DateTimeField(_("comment erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["survey", "submitted_at"]),
            models.Index(fields=["survey", "comment_status", "submitted_at"]),
        ]

    def __str__(self):
        from moit_wagtail.dates import format_datetime

        return f"{self.survey.title}: {format_datetime(self.submitted_at)}"

    @property
    def average(self):
        """Mean of this response's scores (uses prefetched ``ratings`` when present)."""
        scores = [rating.score for rating in self.ratings.all()]
        return sum(scores) / len(scores) if scores else None


class SurveyRating(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="ratings")
    aspect = models.ForeignKey(
        "moit_survey.SurveyAspect",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ratings",
    )
    aspect_label = models.CharField(_("aspect"), max_length=255)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)]
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="moit_survey_score_1_to_5",
            )
        ]

    def __str__(self):
        return f"{self.aspect_label}: {self.score}"
