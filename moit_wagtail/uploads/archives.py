"""ZIP containers (OOXML, OpenDocument, .zip) judged from the central directory alone.

Nothing is ever extracted: the central directory states every member's name, sizes,
flags and offset, which is enough to refuse a zip bomb (too much unpacked data, too high
a ratio, too many members, members overlapping each other as in the "non-recursive"
bombs), nested archives and programs inside a .zip, encrypted members we cannot check,
macros in an OOXML file, and an "Office document" that is some other ZIP.
Declared sizes can lie; an unpacker that trusts them stops at the declared size, and we
never unpack, so the check protects the people who download the file.
"""

import struct
import zipfile

from django.conf import settings

OOXML_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
NESTED_ARCHIVES = {"zip", "7z", "rar", "gz", "tgz", "bz2", "xz", "tar", "cab", "iso", "zst"}
PROGRAMS = {
    "exe", "dll", "com", "scr", "msi", "bat", "cmd", "ps1", "vbs", "vbe", "js", "jse",
    "wsf", "hta", "lnk", "jar", "apk", "sh", "app", "elf", "so", "dylib", "pif", "cpl",
}  # fmt: skip
SMALL_MEMBER = 1024 * 1024  # below this a high ratio harms nobody (e.g. an empty sheet)


class ArchiveProblem(Exception):
    """Why a container is refused: ``code`` and the values its message needs."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


def limits():
    return {
        "members": getattr(settings, "MOIT_UPLOAD_MAX_ARCHIVE_MEMBERS", 10_000),
        "unpacked": getattr(settings, "MOIT_UPLOAD_MAX_UNPACKED_MB", 500) * 1024 * 1024,
        "ratio": getattr(settings, "MOIT_UPLOAD_MAX_COMPRESSION_RATIO", 100),
    }


def _declared_member_count(upload):
    """Entries in the end-of-central-directory record, read before parsing the directory."""
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(max(0, size - 65_557))
    tail = upload.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    return struct.unpack("<H", tail[at + 10 : at + 12])[0]


def inspect(upload, extension):
    """Raise ``ArchiveProblem`` unless ``upload`` is a sane container of type ``extension``."""
    bounds = limits()
    count = _declared_member_count(upload)
    if count is not None and count > bounds["members"]:
        raise ArchiveProblem("archive_members", count=count, limit=bounds["members"])
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveProblem("damaged") from error
    try:
        _check_members(members, bounds)
        _check_kind(archive, members, extension)
    finally:
        upload.seek(0)


def _check_members(members, bounds):
    if not members:
        raise ArchiveProblem("damaged")
    if len(members) > bounds["members"]:
        raise ArchiveProblem("archive_members", count=len(members), limit=bounds["members"])
    unpacked = sum(member.file_size for member in members)
    if unpacked > bounds["unpacked"]:
        raise ArchiveProblem("zip_bomb", unpacked=unpacked, limit=bounds["unpacked"])
    for member in members:
        if member.flag_bits & 0x1:
            raise ArchiveProblem("encrypted")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > SMALL_MEMBER and ratio > bounds["ratio"]:
            raise ArchiveProblem("zip_ratio", ratio=int(ratio), limit=bounds["ratio"])
    # Members sharing or overlapping their data (one deflate stream counted many times).
    previous_end = 0
    for member in sorted(members, key=lambda item: item.header_offset):
        if member.header_offset < previous_end:
            raise ArchiveProblem("zip_bomb", unpacked=unpacked, limit=bounds["unpacked"])
        encoding = "utf-8" if member.flag_bits & 0x800 else "cp437"
        name_bytes = len(member.orig_filename.encode(encoding, "replace"))
        previous_end = member.header_offset + 30 + name_bytes + member.compress_size


def _check_kind(archive, members, extension):
    names = {member.filename for member in members}
    if extension in OOXML_MAIN_PARTS:
        if "[Content_Types].xml" not in names or OOXML_MAIN_PARTS[extension] not in names:
            raise ArchiveProblem("file_content")
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise ArchiveProblem("macros")
    elif extension in ODF_MIMETYPES:
        if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
            raise ArchiveProblem("file_content")
        with archive.open("mimetype") as handle:
            if handle.read(100).strip() != ODF_MIMETYPES[extension]:
                raise ArchiveProblem("file_content")
        if any(name.lower().startswith("basic/") for name in names):
            raise ArchiveProblem("macros")
    elif extension == "zip":
        for name in names:
            parts = name.replace("\\", "/").split("/")
            if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                raise ArchiveProblem("nested", member=name)
            inner = parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
            if inner in NESTED_ARCHIVES or inner in PROGRAMS:
                raise ArchiveProblem("nested", member=name)
