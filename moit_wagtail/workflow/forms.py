"""What an approver fills in when deciding on a publishing request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .reasons import REJECTION_REASONS


class RejectionForm(forms.Form):
    """Seed 2.2.3: a refusal always tells the owner why."""

    rejection_reason = forms.ChoiceField(
        label=_("Reason"), choices=REJECTION_REASONS, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("What the owner should change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Explain the refusal so the owner can correct it.")},
    )


class ApprovalCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the owner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
