"""The files that go with a sheet: a ZIP uploaded beside it, or a folder (command only).

The ZIP passes the project's archive checks first (size once unpacked, compression ratio,
member count, nested archives or programs, encryption). Windows' own "compressed folder"
writes Thai file names in the Thai code page without saying so (no UTF-8 flag), so such
names are read as cp874; names are matched without their folders.
"""

import zipfile
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from moit_wagtail.uploads.checks import check_upload

UTF8_FLAG = 0x800
MAX_BUNDLE_BYTES = 500 * 1024 * 1024


def member_name(info):
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def read_zip(upload, keep_paths=False):
    """{file name: bytes} of the ZIP's files; ``ValidationError`` in Thai if refused.

    ``keep_paths``: name files by their path below ``uploads/`` (a WordPress uploads
    folder: ``2567/01/ประกาศ.pdf``), else by their name alone."""
    check_upload(upload, ["zip"], MAX_BUNDLE_BYTES)
    upload.seek(0)
    found = {}
    with zipfile.ZipFile(upload) as archive:
        for info in archive.infolist():
            path = member_name(info).replace("\\", "/")
            name = PurePosixPath(path).name
            if info.is_dir() or not name or "__MACOSX" in info.filename or name.startswith("."):
                continue
            if keep_paths:
                name = path.split("uploads/", 1)[-1]
            if name in found:
                raise ValidationError(
                    _("The ZIP holds two files named “%(name)s”: rename one."),
                    code="duplicate_name",
                    params={"name": name},
                )
            found[name] = archive.read(info)
    return found


def read_folder(path):
    """{file name: bytes} of the files directly in ``path`` and below (for the command)."""
    found = {}
    for item in sorted(Path(path).rglob("*")):
        if item.is_file() and not item.name.startswith("."):
            found.setdefault(item.name, item.read_bytes())
    return found
