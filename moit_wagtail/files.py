"""What the seed (2.2) asks every item to state about its files: type and size, from the file."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from moit_wagtail.defaults import DOCUMENT_EXTENSIONS


def allowed_extensions():
    return [
        ext.lower()
        for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or DOCUMENT_EXTENSIONS
    ]


def file_type_label(document):
    """'PDF', 'XLSX', ... taken from the stored file name, never typed by hand."""
    return (document.file_extension or "").upper()


def file_size_label(document):
    """Human size ('1.2 MB'); Wagtail records ``file_size`` from the file when it is saved."""
    size = document.get_file_size()
    if size is None:
        return _("unknown size")
    return filesizeformat(size)
