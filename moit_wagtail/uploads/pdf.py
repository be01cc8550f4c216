"""PDFs that act: JavaScript (``/JS``, ``/JavaScript``) or launching programs (``/Launch``).

A published report never needs either, and PDF viewers run them outside the browser's
content security policy. The whole file is scanned in chunks for these names, including
their ``#xx``-escaped spellings (``/J#53``), and so is every Flate-compressed stream once
inflated: PDF 1.5 object streams (``/Type /ObjStm``) hold whole dictionaries compressed,
where a byte scan of the file cannot see them. Inflating is bounded (streams examined,
bytes produced) so a compression bomb costs milliseconds, not memory; what lies beyond the
bounds is not scanned. A cheap filter for the common case, not a PDF sanitiser.
"""

import re
import zlib

CHUNK = 1024 * 1024
OVERLAP = 64
ACTION_NAMES = ("JavaScript", "JS", "Launch")


def _hex(digit):
    return f"[{digit.lower()}{digit.upper()}]" if digit.isalpha() else digit


def _name_pattern(name):
    """``JS`` -> ``(?:J|#4[aA])(?:S|#53)``: PDF names may escape any character as #xx."""
    return "".join(
        f"(?:{re.escape(ch)}|#{''.join(_hex(d) for d in f'{ord(ch):02x}')})" for ch in name
    )


_DELIMITER = rb"(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|$)"
ACTIONS = re.compile(
    rb"/(?:" + "|".join(_name_pattern(name) for name in ACTION_NAMES).encode() + rb")" + _DELIMITER
)


MAX_STREAMS = 2000
MAX_INFLATED = 32 * 1024 * 1024  # bytes produced by inflating, per file
MAX_SCANNED_FILE = 64 * 1024 * 1024  # larger files get the plain scan only
STREAM_START = re.compile(rb"stream\r?\n")


def _plain_scan(upload):
    tail = b""
    while chunk := upload.read(CHUNK):
        if ACTIONS.search(tail + chunk):
            return True
        tail = chunk[-OVERLAP:]
    return False


def _inflated_streams(data):
    """The inflated content of the file's Flate streams, within the bounds above."""
    budget = MAX_INFLATED
    for count, start in enumerate(STREAM_START.finditer(data)):
        if count >= MAX_STREAMS or budget <= 0:
            return
        end = data.find(b"endstream", start.end())
        body = data[start.end() : end if end != -1 else len(data)]
        try:
            inflated = zlib.decompressobj().decompress(body, budget)
        except zlib.error:
            continue  # not Flate (images, fonts in other filters) or corrupt
        budget -= len(inflated)
        yield inflated


def has_actions(upload):
    upload.seek(0)
    try:
        if _plain_scan(upload):
            return True
        if getattr(upload, "size", None) and upload.size > MAX_SCANNED_FILE:
            return False
        upload.seek(0)
        data = upload.read()
        return any(ACTIONS.search(inflated) for inflated in _inflated_streams(data))
    finally:
        upload.seek(0)
