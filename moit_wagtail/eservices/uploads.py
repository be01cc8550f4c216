"""Files citizens attach: checked by extension AND content, kept where no URL reaches them.

The checks are the ones every upload path shares (``moit_wagtail.uploads.checks``): a
renamed program, a document with script or macros, a zip bomb or an oversized file is
refused with a Thai message. Stored files get random names under a private root
(``MOIT_PRIVATE_MEDIA_ROOT``, default ``<MEDIA_ROOT>/../private-media``): the web server
never serves it, staff download through a view that checks their permission. The name
the citizen gave is kept (sanitised) for that download.
"""

import secrets

from django.conf import settings
from django.utils import timezone

from moit_wagtail.uploads import checks, filenames, signatures
from moit_wagtail.uploads.private import PrivateFiles

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3

ALLOWED_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "docx")
# Extension -> the bytes a real file of that type starts with (kept for callers).
SIGNATURES = {ext: signatures.SIGNATURES[ext] for ext in ALLOWED_EXTENSIONS}
CONTENT_TYPES = {ext: signatures.CONTENT_TYPES[ext] for ext in ALLOWED_EXTENSIONS}


def max_file_bytes():
    return getattr(settings, "MOIT_ESERVICE_MAX_FILE_BYTES", MAX_FILE_BYTES)


class PrivateStorage(PrivateFiles):
    """Citizens' attachments, at the root of the private files."""


private_storage = PrivateStorage()


def upload_path(instance, filename):
    """A random name: what the citizen called the file is kept in ``original_name``."""
    extension = extension_of(filename)
    today = timezone.localdate()
    return f"eservices/{today:%Y/%m}/{secrets.token_hex(16)}.{extension}"


def extension_of(filename):
    return filenames.extension_of(filename)


def check_upload(upload):
    """Raise ``ValidationError`` unless ``upload`` is an allowed, honest, small file; then
    give it a safe name (no path, control characters or second extension; Thai kept)."""
    checks.check_upload(upload, ALLOWED_EXTENSIONS, max_file_bytes())
    upload.name = filenames.safe_filename(upload.name)
