"""The public forms (complaint, information request) and the staff reply form.

Bad input gets a Thai message next to the field and everything typed comes back; files
cannot be refilled by a browser, so the page says to choose them again. The honeypot
field is hidden from people (and from screen readers) but filled by form-spam robots.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from .models import Kind, Status, Submission
from .uploads import MAX_FILES, check_upload, max_file_bytes

HONEYPOT_FIELD = "website"
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx"
# The text columns have no length limit; the form has one, so 2 MB pasted into a field is
# refused with a message instead of stored (and mailed, and listed) as a complaint.
TEXT_LIMITS = {"details": 10_000, "purpose": 2_000, "address": 1_000}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to ``MAX_FILES`` files, each checked by ``uploads.check_upload``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True, "accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else [data]
        uploads = [super(MultipleFileField, self).clean(item, initial) for item in items if item]
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Attach at most %(count)s files.") % {"count": MAX_FILES}, code="too_many"
            )
        errors = []
        for upload in uploads:
            try:
                check_upload(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads


def too_long(limit):
    return MaxLengthValidator(
        limit,
        message=_(
            "This is too long: at most %(limit_value)s characters are allowed "
            "(it has %(show_value)s). Please shorten it."
        ),
    )


def attachments_field(help_text):
    from django.template.defaultfilters import filesizeformat

    return MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        help_text=_("%(help)s Up to %(count)s files: PDF, JPG, PNG or DOCX, %(size)s each at most.")
        % {"help": help_text, "count": MAX_FILES, "size": filesizeformat(max_file_bytes())},
    )


class EServiceForm(forms.ModelForm):
    """Shared by both public forms: consent, honeypot, attachments."""

    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that the unit uses my data "
            "to handle this matter."
        ),
        error_messages={"required": _("Please tick the box to agree to the privacy notice.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    kind = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in TEXT_LIMITS.items():
            if name in self.fields:
                self.fields[name].validators.append(too_long(limit))
                self.fields[name].widget.attrs["maxlength"] = str(limit)

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError(
                _("Your message was not sent: leave the field “Leave this field empty” empty."),
                code="honeypot",
            )
        return ""

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def honeypot_tripped(self):
        return any(
            error.code == "honeypot" for error in self.errors.as_data().get(HONEYPOT_FIELD, [])
        )

    def clean_subject(self):
        return self.cleaned_data.get("subject", "").strip()


class ComplaintForm(EServiceForm):
    kind = Kind.COMPLAINT
    attachments = attachments_field(_("Photos or documents that help us understand the matter."))

    class Meta:
        model = Submission
        fields = ["topic", "subject", "details", "name", "email", "phone"]
        labels = {
            "topic": _("What is it about?"),
            "subject": _("Subject"),
            "details": _("Details"),
            "name": _("Your name (optional)"),
            "email": _("Email (optional)"),
            "phone": _("Phone (optional)"),
        }
        help_texts = {
            "details": _("What happened, where and when, and what you would like the unit to do."),
            "name": _(
                "You may leave it empty; we cannot then contact you, but you can follow "
                "the matter with your tracking link."
            ),
            "email": _("We email you when the unit answers."),
        }
        error_messages = {
            "topic": {"required": _("Choose what your message is about.")},
            "subject": {"required": _("Give your message a short subject.")},
            "details": {"required": _("Describe the matter.")},
        }
        widgets = {
            "topic": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].required = True
        self.fields["topic"].choices = self.fields["topic"].choices[1:]  # no empty radio


class InformationRequestForm(EServiceForm):
    kind = Kind.INFORMATION_REQUEST
    attachments = attachments_field(
        _("For example a copy of your ID card if the unit asks for one.")
    )

    class Meta:
        model = Submission
        fields = ["name", "email", "phone", "address", "details", "purpose", "preferred_format"]
        labels = {
            "name": _("Full name"),
            "email": _("Email"),
            "phone": _("Phone"),
            "address": _("Address"),
            "details": _("Information you request"),
            "purpose": _("Purpose of the request"),
            "preferred_format": _("How would you like to receive it?"),
        }
        help_texts = {
            "email": _("Give an email, a phone number or both."),
            "details": _(
                "Describe the document or information as precisely as you can "
                "(title, date, period)."
            ),
        }
        error_messages = {
            "name": {"required": _("Enter your full name.")},
            "address": {"required": _("Enter your address.")},
            "details": {"required": _("Describe the information you request.")},
            "purpose": {"required": _("Say what you need the information for.")},
            "preferred_format": {"required": _("Choose how you would like to receive it.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "details": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "preferred_format": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "address", "purpose", "preferred_format"):
            self.fields[name].required = True
        self.fields["preferred_format"].choices = self.fields["preferred_format"].choices[1:]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Give an email or a phone number so the unit can reach you."))
        details = cleaned.get("details", "")
        self.instance.subject = Truncator(" ".join(details.split())).chars(80)
        return cleaned


FORMS = {Kind.COMPLAINT: ComplaintForm, Kind.INFORMATION_REQUEST: InformationRequestForm}


def form_class_for(kind):
    return FORMS[Kind(kind)]


class ReplyForm(forms.ModelForm):
    """Staff: answer the citizen, move the status, keep a note for colleagues."""

    message = forms.CharField(
        label=_("Reply to the citizen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the tracking page and emailed to the citizen if they gave an email."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For colleagues only; never shown to the citizen."),
    )

    class Meta:
        model = Submission
        fields = ["status"]
        labels = {"status": _("Status")}

    def __init__(self, *args, **kwargs):
        kwargs.pop("for_user", None)
        super().__init__(*args, **kwargs)
        self.initial_status = self.instance.status
        self.order_fields(["message", "status", "internal_note"])

    def clean(self):
        cleaned = super().clean()
        changed = cleaned.get("status") and cleaned["status"] != self.initial_status
        if not (
            cleaned.get("message", "").strip()
            or cleaned.get("internal_note", "").strip()
            or changed
        ):
            raise ValidationError(_("Write a reply or a note, or change the status."))
        if cleaned.get("status") == Status.ANSWERED and not (
            cleaned.get("message", "").strip() or self.instance.first_answered_at
        ):
            self.add_error("message", _("Write the answer before marking the matter answered."))
        return cleaned
