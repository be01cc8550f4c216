"""Active web content in files that a browser could render: HTML/SVG/XML with script.

A ``.txt`` or ``.csv`` is harmless as long as it is text; the same bytes opened as a web
page (an old browser sniffing, a viewer, a page that pastes it in) run whatever script
they hold. Plain markup without script passes: a CSV cell may well contain ``<b>``.
Files are read in chunks, never whole; UTF-16 is read by dropping its zero bytes.
"""

import re

CHUNK = 1024 * 1024
OVERLAP = 4096

# Matched against lower-cased bytes; each pattern starts with a literal, so the regex
# engine jumps between candidates (about 20 ms per MB).
ACTIVE = (
    re.compile(rb"<\s*(?:script|iframe|frame|object|embed|applet|base)\b"),
    re.compile(rb"<\s*meta\s[^<>]{0,200}http-equiv"),
    re.compile(rb"<[a-z!?][^<>]{0,2000}?[\s\"'/]on[a-z]{3,30}\s*="),  # onload=, onclick=
    re.compile(rb"=\s*[\"']?\s*(?:javascript\s*:|vbscript\s*:|data\s*:\s*text/html|&#)"),
)


def _active(window):
    window = window.replace(b"\x00", b"").lower()
    return any(pattern.search(window) for pattern in ACTIVE)


def has_active_content(upload, limit=None):
    """Scan ``upload`` (a file object) from the start; ``limit`` bytes at most."""
    upload.seek(0)
    tail = b""
    read = 0
    while limit is None or read < limit:
        chunk = upload.read(CHUNK)
        if not chunk:
            break
        read += len(chunk)
        if _active(tail + chunk):
            upload.seek(0)
            return True
        tail = chunk[-OVERLAP:]
    upload.seek(0)
    return False


def is_text(head):
    """No NUL bytes in the first block, unless it is UTF-16 (with its byte-order mark)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head
