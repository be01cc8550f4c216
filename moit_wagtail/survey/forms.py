"""The visitor's survey form: one required 1-5 choice per aspect, a comment, a honeypot.

Built per request from the page's aspects, so each error message can name the question
the visitor missed, in the visitor's language.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models.responses import COMMENT_MAX_LENGTH, MAX_SCORE, MIN_SCORE

HONEYPOT_FIELD = "website"
ASPECT_PREFIX = "aspect_"


def score_choices():
    labels = {
        5: _("Very satisfied"),
        4: _("Satisfied"),
        3: _("Neutral"),
        2: _("Dissatisfied"),
        1: _("Very dissatisfied"),
    }
    return [(score, labels[score]) for score in range(MAX_SCORE, MIN_SCORE - 1, -1)]


class SurveyForm(forms.Form):
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    # Hidden from people (CSS and aria-hidden) but tempting to form-filling robots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, survey, aspects, **kwargs):
        super().__init__(*args, **kwargs)
        self.aspects = list(aspects)
        comment = self.fields["comment"]
        comment.label = survey.comment_label
        comment.error_messages["max_length"] = gettext(
            "Your comment is too long: at most %(limit_value)s characters are allowed "
            "(it has %(show_value)s). Please shorten it."
        )
        for aspect in self.aspects:
            self.fields[f"{ASPECT_PREFIX}{aspect.pk}"] = forms.TypedChoiceField(
                label=aspect.label,
                help_text=aspect.help_text,
                choices=score_choices(),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": gettext("Please choose a score from 1 to 5 for “%(aspect)s”.")
                    % {"aspect": aspect.label},
                    "invalid_choice": gettext(
                        "The score for “%(aspect)s” must be a whole number from 1 to 5."
                    )
                    # Django formats this one again with the typed value: keep any % literal.
                    % {"aspect": aspect.label.replace("%", "%%")},
                },
            )

    def aspect_fields(self):
        return [self[f"{ASPECT_PREFIX}{aspect.pk}"] for aspect in self.aspects]

    def is_robot(self):
        """True when the hidden field was filled in (checked before anything else)."""
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def scores(self):
        """[(aspect, score)] of a valid form, in the page's order."""
        return [
            (aspect, self.cleaned_data[f"{ASPECT_PREFIX}{aspect.pk}"]) for aspect in self.aspects
        ]
