"""The one rule for page slugs (the last part of a page's URL): readable Thai.

A slug keeps Thai words whole, with every vowel and tone mark (ำ stays ำ), Latin letters
(lower-cased) and digits (Thai digits become 0-9); words are joined by "-" and anything
else is dropped. Thai is cut into words by PyThaiNLP (newmm, offline), and a long title
is cut after a whole word, so the URL stays short enough to paste into LINE or an email.
The admin's title->slug sync, the server's fallback for pages saved without a slug and
the slug validator all use this module, so they cannot disagree.
"""

import re
import unicodedata
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.text import slugify as django_slugify
from django.utils.translation import gettext_lazy as _

# At most this many words, and this many characters a reader sees (Thai vowel and tone
# marks above or below a letter take no width and are not counted).
MAX_WORDS = 8
MAX_VISIBLE_CHARS = 40
# A single word longer than this (a pasted code or address) is cut between letters.
MAX_WORD_CHARS = 80
# The slug of a title with nothing usable in it (only punctuation or emoji): "page".
FALLBACK_SLUG = "หน้า"

THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
THAI_LETTERS = "\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46"  # consonants, vowels, ฯ, ๆ
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Invisible characters Thai text often carries (zero-width space as a word hint, BOM).
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

_WORD_PART = re.compile(f"[a-z0-9{THAI_LETTERS}{THAI_MARKS}]+")
_LEADING_MARKS = re.compile(f"^[{THAI_MARKS}]+")
# The full stop of a Thai abbreviation (พ.ศ., สขร.) belongs to its word: "พศ", not "พ-ศ".
_ABBREVIATION_DOT = re.compile("(?<=[\u0e01-\u0e2e])\\.")
# What a slug may contain: everything Django's Unicode slugs allowed before (letters,
# digits, "_", "-"), plus the Thai marks, each placed after a Thai character.
SLUG_CHARACTERS = f"-\\w{THAI_MARKS}"  # also the public URL pattern's (serve_urls.py)
_VALID_SLUG = re.compile(f"[{SLUG_CHARACTERS}]+\\Z")
_STRAY_MARK = re.compile(f"(?<![\u0e01-\u0e4e])[{THAI_MARKS}]")
_SUFFIX = re.compile(r"-(\d+)\Z")


def normalise(text):
    """The same Thai text, spelt one way: NFC, ํ+า typed as ำ, zero-width characters
    removed, Thai digits as 0-9. Never NFKC, which would split ำ into ํ + า."""
    text = unicodedata.normalize("NFC", text or "").translate(INVISIBLE)
    return text.replace("\u0e4d\u0e32", "\u0e33").translate(THAI_DIGITS)


def visible_length(text):
    return len(re.sub(f"[{THAI_MARKS}]", "", text))


@lru_cache(maxsize=1024)
def _tokenize(text):
    # Imported here: loading the dictionary takes a moment, and most processes
    # (the public site, cron commands) never make a slug.
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=False))


def words(title):
    """The slug words of ``title``, in order: Thai words whole, Latin lower-cased."""
    found = []
    for token in _tokenize(normalise(title).lower()):
        for part in _WORD_PART.findall(_ABBREVIATION_DOT.sub("", token)):
            part = _LEADING_MARKS.sub("", part)  # a mark whose letter was dropped
            if part:
                found.append(part)
    return found


def _cut_word(word):
    """A word longer than MAX_WORD_CHARS, cut before a letter (never between a letter
    and its marks)."""
    end = MAX_WORD_CHARS
    while end > 1 and re.match(f"[{THAI_MARKS}]", word[end]):
        end -= 1
    return word[:end]


def slugify_title(title):
    """The slug for ``title`` by the rule above; "" when nothing in it can be used."""
    kept = []
    for word in words(title):
        if len(word) > MAX_WORD_CHARS:
            word = _cut_word(word)
        candidate = "-".join([*kept, word])
        if kept and (len(kept) >= MAX_WORDS or visible_length(candidate) > MAX_VISIBLE_CHARS):
            break
        kept.append(word)
    return "-".join(kept)


# -- uniqueness among siblings ------------------------------------------------------------


def sibling_slugs(base, parent, page=None):
    """Slugs of ``parent``'s children that ``base`` or ``base-N`` would clash with: one query."""
    siblings = parent.get_children().filter(slug__startswith=base)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    return set(siblings.values_list("slug", flat=True))


def available_slug(base, parent, page=None):
    """``base``, or ``base-2``, ``base-3``... as Wagtail numbers copies: the first one no
    sibling of ``page`` under ``parent`` has."""
    if parent is None:
        return base
    taken = sibling_slugs(base, parent, page)
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def slug_for(title, parent, page=None):
    """The slug a page titled ``title`` gets under ``parent``: our rule, made unique."""
    return available_slug(slugify_title(title) or FALLBACK_SLUG, parent, page)


# -- slugs made by Wagtail's own rules, recognised so that ours can replace them ----------


def wagtail_js_slug(title):
    """What Wagtail's admin (its JavaScript ``urlify`` with Unicode allowed) makes of
    ``title``: it drops every Thai vowel and tone mark."""
    value = re.sub(r"[^-\w\s]", "", (title or "").strip().lower())
    return re.sub(r"[-\s]+", "-", value)[:255].rstrip("-")


def is_wagtail_generated(slug, title):
    """Whether ``slug`` is what Wagtail itself made from ``title`` (its admin's slugify or
    its server's fallback, possibly with a "-N" suffix), and differs from ours."""
    if not slug:
        return True
    base = _SUFFIX.sub("", slug)
    ours = slugify_title(title)
    theirs = {wagtail_js_slug(title), django_slugify(title or "", allow_unicode=True)}
    theirs.discard("")
    return bool({slug, base} & theirs) and base != ours and slug != ours


# -- validation -----------------------------------------------------------------------------

INVALID_MESSAGE = _(
    "Enter a valid slug: Thai or English letters, Thai vowel and tone marks, numbers, "
    "hyphens (-) or underscores (_), with no spaces, slashes or other symbols."
)


def validate_page_slug(value):
    """A typed slug is accepted with its Thai marks; spaces, "/", "%", "?", "#", control
    and zero-width characters are refused, as is a mark that follows no Thai letter."""
    if not _VALID_SLUG.match(value or "") or _STRAY_MARK.search(value):
        raise ValidationError(INVALID_MESSAGE, code="invalid")
