"""Wagtail's document and image forms with the shared content checks and safe names.

Set ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and ``WAGTAILIMAGES_IMAGE_FORM_BASE`` to these:
Wagtail builds the add, edit, multiple-upload and chooser-upload forms from the base, so
every way into the library is checked. Wagtail already checks the extension
(``WAGTAILDOCS_EXTENSIONS`` via ``moit_wagtail.files.allowed_extensions``) and the size;
we add the content and the name. SVG images are refused whatever
``WAGTAILIMAGES_EXTENSIONS`` says: an SVG is a document that can carry script, event
handlers and external references, and sanitising it safely means trusting a parser to
agree with every browser; agencies publish photos and charts as PNG or JPEG.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtail.images.utils import get_allowed_image_extensions

from moit_wagtail import files

from .checks import check_upload
from .filenames import extension_of, safe_filename


def _checked(upload, allowed_extensions, max_bytes):
    """The new upload, checked and renamed; the stored file (an edit without one) as is."""
    if not isinstance(upload, UploadedFile):
        return upload
    check_upload(upload, allowed_extensions, max_bytes)
    upload.name = safe_filename(upload.name)
    return upload


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        return _checked(
            self.cleaned_data.get("file"),
            files.allowed_extensions(),
            getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None),
        )


class ImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile) and extension_of(upload.name) == "svg":
            raise ValidationError(
                _(
                    "SVG images are not accepted because they can contain script. "
                    "Upload PNG or JPEG."
                ),
                code="svg",
            )
        allowed = [ext for ext in get_allowed_image_extensions() if ext.lower() != "svg"]
        return _checked(upload, allowed, getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None))
