"""Read and write gettext PO files with the standard library only.

The build and the missing-strings report run before Django is configured (and on machines
without the gettext tools' Python bindings), so they need their own small PO reader. It
understands what ``makemessages`` and translators write: comments, flags, ``msgctxt``,
plurals, multi-line strings and obsolete ``#~`` entries (which it skips).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_CONTINUATION = re.compile(r'^"(.*)"\s*$')


class POError(ValueError):
    """A line the reader does not understand, with its file and line number."""


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)

    @property
    def translated(self):
        """True when msgfmt would compile it: not fuzzy and every form filled in."""
        if "fuzzy" in self.flags or not self.msgid:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)


def _unescape(text, where):
    def replace(match):
        char = match.group(1)
        if char not in _ESCAPES:
            raise POError(f"{where}: unknown escape \\{char}")
        return _ESCAPES[char]

    return re.sub(r"\\(.)", replace, text)


def _escape(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")


def parse(path):
    """The entries of a PO file, header (empty msgid) included, in file order."""
    path = Path(path)
    entries = []
    current = None
    target = None  # (attribute, plural index) the next continuation line extends
    pending_comments, pending_flags = [], set()

    def finish():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):
            target = None  # obsolete entry: ignored, as msgfmt does
            continue
        if line.startswith("#"):
            if current is not None and current.msgid is not None:
                finish()
                target = None
            if line.startswith("#,"):
                pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            else:
                pending_comments.append(raw)
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, index, text = keyword.groups()
            text = _unescape(text, where)
            starts_entry = name == "msgctxt" or (
                name == "msgid" and current and current.msgid is not None
            )
            if current is not None and starts_entry:
                finish()
            if current is None:
                current = Entry(msgid=None, flags=pending_flags, comments=pending_comments)
                pending_comments, pending_flags = [], set()
            if name == "msgctxt":
                current.msgctxt, target = text, ("msgctxt", None)
            elif name == "msgid":
                current.msgid, target = text, ("msgid", None)
            elif name == "msgid_plural":
                current.msgid_plural, target = text, ("msgid_plural", None)
            elif index is not None:
                current.msgstr_plural[int(index)], target = text, ("msgstr_plural", int(index))
            else:
                current.msgstr, target = text, ("msgstr", None)
            continue
        continuation = _CONTINUATION.match(line)
        if continuation and target is not None:
            text = _unescape(continuation.group(1), where)
            attribute, index = target
            if attribute == "msgstr_plural":
                current.msgstr_plural[index] += text
            else:
                setattr(current, attribute, getattr(current, attribute) + text)
            continue
        raise POError(f"{where}: cannot read {raw!r}")
    finish()
    for entry in entries:
        if entry.msgid is None:
            raise POError(f"{path}: an entry has no msgid")
    return entries


def messages(path):
    """``{(msgctxt, msgid): Entry}`` of a file's real messages (the header left out)."""
    return {entry.key: entry for entry in parse(path) if entry.msgid}


def _quoted(keyword, text):
    if "\n" not in text.rstrip("\n") or not text:
        return f'{keyword} "{_escape(text)}"\n'
    lines = [f'{keyword} ""\n']
    lines += [f'"{_escape(part)}"\n' for part in text.splitlines(keepends=True)]
    return "".join(lines)


def render(entries, header):
    """PO text: ``header`` (``{"Language": "th", ...}``) then each entry."""
    header_text = "".join(f"{name}: {value}\n" for name, value in header.items())
    chunks = [_quoted("msgid", "") + _quoted("msgstr", header_text)]
    for entry in entries:
        lines = [line + "\n" for line in entry.comments]
        flags = sorted(entry.flags)
        if flags:
            lines.append(f"#, {', '.join(flags)}\n")
        if entry.msgctxt is not None:
            lines.append(_quoted("msgctxt", entry.msgctxt))
        lines.append(_quoted("msgid", entry.msgid))
        if entry.msgid_plural is not None:
            lines.append(_quoted("msgid_plural", entry.msgid_plural))
            for index in sorted(entry.msgstr_plural):
                lines.append(_quoted(f"msgstr[{index}]", entry.msgstr_plural[index]))
        else:
            lines.append(_quoted("msgstr", entry.msgstr))
        chunks.append("".join(lines))
    return "\n".join(chunks)
