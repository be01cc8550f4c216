"""Many documents at once into one category, with the details they share.

A unit's admin chooses the item type, the details every item shares (the seed's owner,
person responsible, data period, publication date) and many files; each file becomes an
item titled by its file name, or all of them the attachments of one item. The form
writes what a unit would otherwise type: a sheet of one row per item, and keeps the files
as they are (not as a ZIP, whose checks would refuse all of them for one bad file), so
the same checks, preview, refused-rows sheet, import and record apply (the
refused rows come back as a sheet the admin can fix and upload on the sheet screen).
"""

from pathlib import PurePosixPath

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Site

from moit_wagtail.uploads.filenames import safe_filename

from .columns import COMMON, fold
from .forms import OTHER_UNIT_IMPORT
from .models import ImportBatch
from .refused import workbook_bytes
from .types import import_types

EACH, ONE = "each", "one"
MAX_DOCUMENTS = 500
MAX_DOCUMENTS_BYTES = 200 * 1024 * 1024  # together; nginx's import location takes 210 MB


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern for ``multiple``)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            return super().clean(None, initial)  # "required" in the field's own words
        single = super().clean
        return [single(upload, initial) for upload in files]


def required_fields(kind):
    """The type's own fields an item cannot go without (no default): asked once for all."""
    return [field for field in kind.fields if not field.blank and not field.has_default()]


def title_from(filename):
    """A file name as an item title: "ประกาศ_ผลการจัดซื้อ_มีค67.pdf" -> "ประกาศ ผลการจัดซื้อ มีค67"."""
    stem = PurePosixPath(filename).stem
    return " ".join(stem.replace("_", " ").split()) or filename


class DocumentsForm(forms.Form):
    site = forms.ModelChoiceField(
        queryset=Site.objects.none(), label=_("Unit website"), empty_label=None
    )
    mode = forms.ChoiceField(
        label=_("Import the items"),
        choices=ImportBatch.MODE_CHOICES,
        initial=ImportBatch.SUBMIT,
        widget=forms.RadioSelect,
    )
    documents = MultipleFileField(
        label=_("Documents"),
        help_text=_("Choose many files at once: hold Ctrl (or Shift) while clicking them."),
    )
    grouping = forms.ChoiceField(
        label=_("The files become"),
        choices=[
            (EACH, _("one item each, titled by its file name")),
            (ONE, _("the attachments of one item")),
        ],
        initial=EACH,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title of that one item"), required=False, max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Left empty, each item's title is its summary."),
    )
    owner_unit = forms.CharField(label=_("Information owner (unit or group)"), max_length=255)
    person = forms.CharField(label=_("Person responsible (username or email)"), max_length=150)
    data_period_start = forms.CharField(
        label=_("Data covers from"), help_text=_("e.g. 1/10/2567 or 1 ต.ค. 2567")
    )
    data_period_end = forms.CharField(label=_("Data covers until"), required=False)
    published_on = forms.CharField(
        label=_("Originally published on"),
        required=False,
        help_text=_("Needed when the items were already public on the previous website."),
    )
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))

    def __init__(self, *args, kind, sites=(), user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["site"].queryset = Site.objects.filter(pk__in=[site.pk for site in sites])
        self.fields["site"].error_messages["invalid_choice"] = OTHER_UNIT_IMPORT
        if user is not None:
            self.fields["person"].initial = user.get_username()
        for field in required_fields(kind):
            self.fields[f"field_{field.name}"] = _ask(field)

    def own_fields(self):
        return [self[f"field_{field.name}"] for field in required_fields(self.kind)]

    def clean(self):
        cleaned = super().clean()
        documents = cleaned.get("documents") or []
        if len(documents) > MAX_DOCUMENTS:
            self.add_error(
                "documents",
                _("Choose at most %(limit)s files at a time.") % {"limit": MAX_DOCUMENTS},
            )
        elif sum(upload.size for upload in documents) > MAX_DOCUMENTS_BYTES:
            self.add_error(
                "documents",
                _("These files come to more than %(limit)s MB: choose fewer at a time.")
                % {"limit": MAX_DOCUMENTS_BYTES // (1024 * 1024)},
            )
        if (
            cleaned.get("grouping") == ONE
            and not cleaned.get("title")
            and "title" not in self.errors
        ):
            self.add_error("title", _("Give the title of the item the files go into."))
        return cleaned

    def item_count(self):
        return 1 if self.cleaned_data["grouping"] == ONE else len(self.cleaned_data["documents"])

    def sheet_and_files(self):
        """The sheet (XLSX) this form stands for, and its files as [(stored name, bytes)]
        (each file is checked on its own row, so one bad file refuses only its row)."""
        data, files, taken = self.cleaned_data, [], set()
        for upload in data["documents"]:
            name = _unique(safe_filename(upload.name).lstrip(".") or "file", taken)
            upload.seek(0)
            files.append((name, upload.read(), title_from(upload.name)))
        shared = {
            "type": self.kind.label,
            "owner_unit": data["owner_unit"],
            "responsible_person": data["person"],
            "data_period_start": data["data_period_start"],
            "data_period_end": data["data_period_end"],
            "published_on": data["published_on"],
            "tags": data["tags"],
        }
        if data["grouping"] == ONE:
            items = [(data["title"], [name for name, _data, _title in files])]
        else:
            items = [(title, [name]) for name, _data, title in files]
        own = required_fields(self.kind)
        with translation.override("th"):
            headers = [str(column.label) for column in COMMON]
            headers += [str(field.verbose_name) for field in own]
        lines = [headers]
        for title, names in items:
            cells = {**shared, "title": title, "summary": data["summary"] or title,
                     "files": "; ".join(names)}  # fmt: skip
            line = [cells.get(column.key, "") for column in COMMON]
            line += [str(data[f"field_{field.name}"]) for field in own]
            lines.append(line)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        sheet = SimpleUploadedFile(f"documents-{stamp}.xlsx", workbook_bytes(lines, "items"))
        return sheet, [(name, content) for name, content, _title in files]


def _ask(field):
    """A form field for a model field's one value shared by every item."""
    label, help_text = field.verbose_name, field.help_text
    if field.choices:
        choices = [("", "-")] + [(value, name) for value, name in field.flatchoices]
        return forms.ChoiceField(label=label, choices=choices, help_text=help_text)
    if isinstance(field, RichTextField):
        return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}))
    return forms.CharField(label=label, help_text=help_text)


def _unique(name, taken):
    """``name``, numbered if a name already taken reads the same to the importer (which
    matches file names regardless of case and spacing)."""
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 1
    while fold(candidate) in taken:
        number += 1
        candidate = f"{stem}-{number}.{extension}" if dot else f"{name}-{number}"
    taken.add(fold(candidate))
    return candidate


def find_kind(name):
    """The importable type named by its model label (``moit_pages.newspage``), or None."""
    return next(
        (kind for kind in import_types().values() if kind.model._meta.label_lower == name), None
    )
