"""Highlighted titles and snippets: every piece of text is escaped, matches wrapped in <mark>.

Thai words are matched as substrings (that is the point: "อุตสาหกรรม" inside
"กระทรวงอุตสาหกรรม"); Latin words and numbers only as whole words, case-insensitively.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import segment

SNIPPET_LENGTH = 240
LEAD = 60


def matcher(terms):
    """A regex matching any of ``terms`` (longest first), or None."""
    patterns = []
    for term in sorted(set(terms), key=len, reverse=True):
        if segment.is_thai(term):
            patterns.append(re.escape(term))
        else:
            patterns.append(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])")
    return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None


def mark(text, pattern):
    """``text`` escaped, with each match in <mark>."""
    if pattern is None:
        return escape(text)
    pieces, position = [], 0
    for found in pattern.finditer(text):
        pieces.append(escape(text[position : found.start()]))
        pieces.append(f"<mark>{escape(found.group())}</mark>")
        position = found.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def snippet(text, pattern, length=SNIPPET_LENGTH):
    """About ``length`` characters of ``text`` around its first match, highlighted."""
    text = text or ""
    found = pattern.search(text) if pattern is not None else None
    start = max(0, found.start() - LEAD) if found else 0
    if start:
        space = text.find(" ", start, found.start())
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start + length // 2, end)
        end = space if space != -1 else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{mark(text[start:end], pattern)}{suffix}")
