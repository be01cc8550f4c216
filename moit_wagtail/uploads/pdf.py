"""PDFs that act: JavaScript (``/JS``, ``/JavaScript``) or launching programs (``/Launch``).

A published report never needs either, and PDF viewers run them outside the browser's
content security policy. The whole file is scanned in chunks for these names, including
their ``#xx``-escaped spellings (``/J#53``). Names inside compressed object streams are
not seen; such a PDF still opens in a viewer that obeys its own JavaScript settings. It
is a cheap filter for the common case (forms and malware droppers put them in plain
dictionaries), not a PDF sanitiser.
"""

import re

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


def has_actions(upload):
    upload.seek(0)
    tail = b""
    try:
        while chunk := upload.read(CHUNK):
            if ACTIONS.search(tail + chunk):
                return True
            tail = chunk[-OVERLAP:]
        return False
    finally:
        upload.seek(0)
