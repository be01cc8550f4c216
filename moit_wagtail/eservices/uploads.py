"""Files citizens attach: checked by extension AND content, kept where no URL reaches them.

A renamed program (``virus.exe`` saved as ``letter.pdf``) passes an extension check, so
the first bytes must match the type too. Stored files get random names under a private
root (``MOIT_PRIVATE_MEDIA_ROOT``, default ``<MEDIA_ROOT>/../private-media``): the web
server never serves it, staff download through a view that checks their permission.
"""

import secrets
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3

# Extension -> the bytes a real file of that type starts with.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "docx": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def max_file_bytes():
    return getattr(settings, "MOIT_ESERVICE_MAX_FILE_BYTES", MAX_FILE_BYTES)


class PrivateStorage(FileSystemStorage):
    """A file system storage without a URL whose root follows the settings at run time."""

    @property
    def base_location(self):
        configured = getattr(settings, "MOIT_PRIVATE_MEDIA_ROOT", None)
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private-media")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private e-service files have no public URL.")


private_storage = PrivateStorage()


def upload_path(instance, filename):
    """A random name: what the citizen called the file is kept in ``original_name``."""
    extension = extension_of(filename)
    today = timezone.localdate()
    return f"eservices/{today:%Y/%m}/{secrets.token_hex(16)}.{extension}"


def extension_of(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _looks_like_docx(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def check_upload(upload):
    """Raise ``ValidationError`` unless ``upload`` is an allowed, honest, small file."""
    name = upload.name or ""
    extension = extension_of(name)
    allowed = ", ".join(sorted({ext.upper() for ext in SIGNATURES} - {"JPEG"}))
    if extension not in SIGNATURES:
        raise ValidationError(
            _("“%(name)s” is not an allowed file type. Allowed types: %(allowed)s.")
            % {"name": name, "allowed": allowed},
            code="file_type",
        )
    if upload.size > max_file_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s; files may be at most %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_file_bytes()),
            },
            code="file_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    honest = head.startswith(SIGNATURES[extension])
    if honest and extension == "docx":
        honest = _looks_like_docx(upload)
        upload.seek(0)
    if not honest:
        raise ValidationError(
            _(
                "“%(name)s” does not contain what its name says (.%(ext)s). "
                "Save it again as %(allowed)s."
            )
            % {"name": name, "ext": extension, "allowed": allowed},
            code="file_content",
        )
