"""Safe names for stored files: what a person called the file, minus anything that can hurt.

The name a browser sends is attacker-controlled: it may carry a path (``../../x``), control
or bidirectional-override characters (``report\u202efdp.exe`` shows as ``reportexe.pdf``),
a leading dot (hidden file) or two extensions (``report.pdf.exe``). Thai must survive:
Django's ``get_valid_name`` drops Thai vowel and tone marks (``หลักฐาน`` -> ``หลกฐาน``)
because they are combining marks, not ``\\w``; here every letter, mark and digit is kept.
"""

import re
import unicodedata

MAX_CHARACTERS = 80  # Wagtail stores "documents/<name>" in a 100-character column
MAX_BYTES = 200  # file systems count bytes; a Thai letter is three in UTF-8
FALLBACK_STEM = "file"
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{prefix}{number}" for prefix in ("com", "lpt") for number in range(10)
}


def extension_of(name):
    """The last extension, lower case, without the dot ('' if none)."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def _keep(character):
    return unicodedata.category(character)[0] in "LMN" or character in "-_()"


def _is_mark(character):
    return unicodedata.category(character).startswith("M")


def _visible(name):
    return "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")


def safe_filename(name, extension=None, max_characters=MAX_CHARACTERS):
    """``name`` reduced to ``stem.ext``: no path, no control characters, one extension.

    ``extension`` replaces the file's own (e.g. the one its content proved); dots inside the
    stem become ``-`` so that ``report.pdf.exe`` can never be stored with two extensions.
    """
    name = unicodedata.normalize("NFC", _visible(str(name or "")))
    name = re.split(r"[\\/]", name)[-1]
    stem, dot, own_extension = name.strip().rpartition(".")
    if not dot:
        stem, own_extension = name, ""
    extension = re.sub(r"[^a-z0-9]", "", (extension or own_extension).lower())[:10]
    stem = re.sub(r"\s+", "_", stem.strip())
    stem = "".join(ch if _keep(ch) else "-" for ch in stem)
    stem = re.sub(r"[-_]{2,}", lambda m: m.group(0)[0], stem).strip("-_.")
    if not stem or stem.lower() in _WINDOWS_RESERVED:
        stem = f"{FALLBACK_STEM}-{stem}" if stem else FALLBACK_STEM
    suffix = f".{extension}" if extension else ""
    stem = _truncate(stem, max_characters - len(suffix), MAX_BYTES - len(suffix.encode()))
    return stem + suffix


def _truncate(stem, characters, size):
    cut = min(len(stem), characters)
    while cut and len(stem[:cut].encode()) > size:
        cut -= 1
    # Never split a Thai cluster: a vowel or tone mark stays with its consonant.
    while 0 < cut < len(stem) and unicodedata.category(stem[cut]).startswith("M"):
        cut -= 1
    return stem[:cut].rstrip("-_") or FALLBACK_STEM


def storage_name(name):
    """Django's ``get_valid_name`` rules (spaces to ``_``, only word characters, ``-`` and
    ``.``) except that combining marks are kept, so stored Thai names stay readable."""
    name = _visible(unicodedata.normalize("NFC", str(name))).strip().replace(" ", "_")
    name = "".join(ch for ch in name if ch.isalnum() or ch in "-_." or _is_mark(ch))
    if name in {"", ".", ".."}:
        return FALLBACK_STEM
    return name
