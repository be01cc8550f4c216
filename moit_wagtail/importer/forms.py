"""The import form: which unit, how, the sheet and its files; bad files get the upload
checks' Thai message on the field, and the form keeps what was chosen."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .bundle import read_zip
from .models import ImportBatch
from .reading import read_table

OTHER_UNIT_IMPORT = _("Choose one of your own unit's websites: you may import only into it.")


class ImportForm(forms.Form):
    site = forms.ModelChoiceField(
        queryset=Site.objects.none(), label=_("Unit website"), empty_label=None
    )
    mode = forms.ChoiceField(
        label=_("Import the items"),
        choices=ImportBatch.MODE_CHOICES,
        initial=ImportBatch.SUBMIT,
        widget=forms.RadioSelect,
    )
    sheet = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_("Start from the template: one row per item, Thai headers."),
    )
    files = forms.FileField(
        label=_("Attached files (ZIP)"),
        required=False,
        help_text=_("The files the sheet names in “Attached files”, in one ZIP."),
    )

    def __init__(self, *args, sites=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Site.objects.filter(pk__in=[site.pk for site in sites])
        self.fields["site"].error_messages["invalid_choice"] = OTHER_UNIT_IMPORT
        self.table = None
        self.uploads = {}

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        try:
            self.table = read_table(sheet)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return sheet

    def clean_files(self):
        bundle = self.cleaned_data.get("files")
        if bundle:
            try:
                self.uploads = read_zip(bundle)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return bundle
