"""The text inside an attached file, for the search index: read once, bounded, never raising.

Most of what Thai offices publish is a PDF (announcements, orders, procurement results), so a
search that sees only titles misses what people look for. ``extract`` reads PDF (pypdf, page by
page), Office Open XML and OpenDocument files (``file_text_office``), and plain text. Every
read is bounded: the file's size, the pages read, the characters kept (``truncated``) and the
time spent; a damaged, encrypted or hostile file comes back as ``failed``, never as an
exception. A PDF whose pages carry no text layer (a scan) is ``no_text``, so the editor can be
told why it is not found.

Pure functions over a file object: no database, no storage. ``file_text_jobs`` decides when.
"""

import codecs
import contextlib
import dataclasses
import functools
import io
import logging
import re
import shutil
import tempfile
import time

from django.conf import settings
from django.utils.translation import gettext as _

from . import segment
from .models import FileText

logger = logging.getLogger(__name__)
Status = FileText.Status

PLAIN_ENCODINGS = ("utf-8-sig", "cp874")  # Thai Windows files are often TIS-620/cp874
_SPACES = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A PDF line that ends in Thai and a next line that starts in Thai: Thai wraps between words
# without a space, so the break is no word boundary a reader would see (or a search need).
_THAI_WRAP = re.compile(r"(?<=[\u0e01-\u0e4e])\n(?=[\u0e01-\u0e4e])")


@dataclasses.dataclass(frozen=True)
class Extracted:
    status: str
    text: str = ""
    pages: int | None = None
    truncated: bool = False


class TooLarge(Exception):
    """The file, or what it unpacks to, is over a cap: nothing more is read."""


def limits():
    """The caps, from settings (see docs/deploy.md)."""
    return {
        "bytes": getattr(settings, "MOIT_FILE_TEXT_MAX_MB", 30) * 1024 * 1024,
        "pages": getattr(settings, "MOIT_FILE_TEXT_MAX_PAGES", 500),
        "chars": getattr(settings, "MOIT_FILE_TEXT_MAX_CHARS", 200_000),
        "unpacked": getattr(settings, "MOIT_FILE_TEXT_MAX_UNPACKED_MB", 100) * 1024 * 1024,
        "seconds": getattr(settings, "MOIT_FILE_TEXT_MAX_SECONDS", 120),
    }


class Collector:
    """Pieces of text up to the character cap and the time budget; ``full`` once either ends."""

    def __init__(self, bounds):
        self.pieces, self.size, self.full = [], 0, False
        self.cap = bounds["chars"]
        self.deadline = time.monotonic() + bounds["seconds"]

    def add(self, text):
        """Keep ``text`` (a paragraph, a page, a row); False when nothing more should be read."""
        if self.full:
            return False
        if text:
            self.pieces.append(text)
            self.size += len(text)
        if self.size >= self.cap or time.monotonic() > self.deadline:
            self.full = True
        return not self.full

    def result(self, pages=None, status=Status.OK):
        text = clean("\n".join(self.pieces))
        truncated = self.full or len(text) > self.cap
        text = text[: self.cap]
        if not text and status == Status.OK:
            status = Status.NO_TEXT
        return Extracted(status, text, pages, truncated)


def clean(text):
    """One space between words, one line break between paragraphs, Thai marks in order."""
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text.replace("\r", "\n")))
    text = _LINES.sub("\n", _SPACES.sub(" ", text)).strip()
    return segment.normalize(text) if text else ""


# -- the readers --------------------------------------------------------------------------


def read_pdf(stream, bounds):
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted and not reader.decrypt(""):
        # Only a file that opens without a password can be read (an owner password that
        # merely restricts printing or copying still opens with the empty one).
        return Extracted(Status.FAILED)
    collector = Collector(bounds)
    if len(reader.pages) == 0:
        return Extracted(Status.FAILED)
    read = 0
    for page in reader.pages:
        if read >= bounds["pages"]:
            collector.full = True
            break
        read += 1
        text = page.extract_text() or ""
        if not collector.add(_THAI_WRAP.sub("", text.replace("\r", "\n"))):
            break
    return collector.result(pages=read)


def read_plain(stream, bounds):
    data = stream.read(bounds["chars"] * 4)  # at most 4 bytes a character in UTF-8
    for encoding in PLAIN_ENCODINGS:
        try:
            # Incremental: a character cut in two at the end of what was read is no error.
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
            break
        except UnicodeDecodeError:
            continue
    else:
        return Extracted(Status.FAILED)
    collector = Collector(bounds)
    collector.add(text)
    if stream.read(1):
        collector.full = True
    return collector.result()


def _readers():
    from . import file_text_office as office

    return {
        "pdf": read_pdf,
        "txt": read_plain,
        "csv": read_plain,
        "docx": office.read_docx,
        "pptx": office.read_pptx,
        "xlsx": office.read_xlsx,
        **{
            kind: functools.partial(office.read_opendocument, kind=kind)
            for kind in ("odt", "ods", "odp")
        },
    }


def extension(filename):
    name = (filename or "").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def readable(filename):
    """Whether ``extract`` reads text from files of this name's type."""
    return extension(filename) in _readers()


@contextlib.contextmanager
def _bounded_copy(fileobj, cap):
    """``fileobj`` itself when it can seek (its size known), else a spooled copy of it;
    ``TooLarge`` past ``cap`` bytes either way, before anything is parsed."""
    try:
        seekable = fileobj.seekable()
    except (AttributeError, OSError, ValueError):
        seekable = False
    if seekable:
        fileobj.seek(0, io.SEEK_END)
        if fileobj.tell() > cap:
            raise TooLarge
        fileobj.seek(0)
        yield fileobj
        return
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as copy:
        shutil.copyfileobj(_Capped(fileobj, cap), copy)
        copy.seek(0)
        yield copy


class _Capped(io.RawIOBase):
    """Reads ``source`` and raises ``TooLarge`` once more than ``cap`` bytes came out."""

    def __init__(self, source, cap):
        self.source, self.left = source, cap

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.source.read(len(buffer))
        self.left -= len(data)
        if self.left < 0:
            raise TooLarge
        buffer[: len(data)] = data
        return len(data)


def extract(fileobj, filename):
    """The text of ``fileobj`` (opened in binary), judged by ``filename``'s extension."""
    reader = _readers().get(extension(filename))
    if reader is None:
        return Extracted(Status.UNSUPPORTED)
    bounds = limits()
    try:
        with _bounded_copy(fileobj, bounds["bytes"]) as stream:
            return reader(stream, bounds)
    except TooLarge:
        return Extracted(Status.TOO_LARGE)
    except Exception:  # any parser fault on a hostile or damaged file: recorded, not raised
        logger.info("Could not read the text of %s", filename, exc_info=True)
        return Extracted(Status.FAILED)


# -- what the editor is told --------------------------------------------------------------


def status_note(file_text):
    """One sentence for the editor about a document's text in search ("" when all is well)."""
    if file_text is None:
        return ""
    notes = {
        Status.PENDING: _(
            "The text inside this file has not been read yet; it becomes searchable in a moment."
        ),
        Status.NO_TEXT: _("This file has no searchable text (it may be a scanned image)."),
        Status.TOO_LARGE: _(
            "This file is too large for its text to be read; only its title is searchable."
        ),
        Status.UNSUPPORTED: _(
            "The text of this type of file is not read; only its title is searchable."
        ),
        Status.FAILED: _(
            "The text inside this file could not be read (the file is damaged or protected "
            "by a password); only its title is searchable."
        ),
    }
    if file_text.status == Status.OK:
        if file_text.truncated:
            return _("Only the beginning of this file's text is searchable (the file is long).")
        return ""
    return notes.get(file_text.status, "")
