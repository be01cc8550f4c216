"""The import form: which unit, how, the sheet and its files; bad files get the upload
checks' Thai message on the field, and the form keeps what was chosen. The sheet is read
here (its headers, at most ``reading.MAX_ROWS`` rows); its rows are checked in the
background (``jobs``)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Site

from .models import ImportBatch
from .sources import SHEET, WORDPRESS, read_files, read_rows
from .types import import_types

OTHER_UNIT_IMPORT = _("Choose one of your own unit's websites: you may import only into it.")


class ImportForm(forms.Form):
    site = forms.ModelChoiceField(
        queryset=Site.objects.none(), label=_("Unit website"), empty_label=None
    )
    source = forms.ChoiceField(
        label=pgettext_lazy("import source", "From"),
        required=False,  # a sheet, unless WordPress is chosen
        choices=[
            (SHEET, _("a spreadsheet (XLSX or CSV)")),
            (WORDPRESS, _("a WordPress export (Tools > Export, XML)")),
        ],
        initial=SHEET,
        widget=forms.RadioSelect,
    )
    mode = forms.ChoiceField(
        label=_("Import the items"),
        choices=ImportBatch.MODE_CHOICES,
        initial=ImportBatch.SUBMIT,
        widget=forms.RadioSelect,
    )
    sheet = forms.FileField(
        label=_("Spreadsheet or WordPress export"),
        help_text=_("A sheet: start from the template, one row per item, Thai headers."),
    )
    files = forms.FileField(
        label=_("Attached files (ZIP)"),
        required=False,
        help_text=_(
            "The files the sheet names in “Attached files”, in one ZIP; for WordPress, "
            "its wp-content/uploads folder."
        ),
    )
    rules = forms.CharField(
        label=_("WordPress categories to item types"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: WordPress category or tag = item type, e.g. ข่าว = 1.8 …"),
    )
    default_type = forms.ChoiceField(label=_("Item type of posts no rule names"), required=False)
    owner_unit = forms.CharField(
        label=_("Information owner of the WordPress items"), required=False, max_length=255
    )
    person = forms.CharField(
        label=_("Person responsible for the WordPress items (username or email)"),
        required=False,
        max_length=150,
    )

    WORDPRESS_FIELDS = ("rules", "default_type", "owner_unit", "person")

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(pk__in=[site.pk for site in sites])
        self.fields["site"].error_messages["invalid_choice"] = OTHER_UNIT_IMPORT
        self.fields["default_type"].choices = [("", "-")] + [
            (kind.label, kind.label) for kind in import_types().values()
        ]
        self.table = None
        self.uploads = {}

    def options(self):
        """What reading a WordPress export again needs (kept with the staged files)."""
        return {name: self.cleaned_data.get(name, "") for name in self.WORDPRESS_FIELDS}

    def clean(self):
        cleaned = super().clean()
        source, sheet = cleaned.get("source") or SHEET, cleaned.get("sheet")
        cleaned["source"] = source
        if not sheet or self.errors:
            return cleaned
        try:
            self.table = read_rows(source, sheet, self.options())
        except ValidationError as error:
            self.add_error("rules" if error.code == "rules" else "sheet", error.messages)
        try:
            self.uploads = read_files(source, cleaned.get("files"))
        except ValidationError as error:
            self.add_error("files", error.messages)
        return cleaned
