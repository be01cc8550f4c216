"""Build ``locale/th`` from the translators' ``po/*.po``.

Run as ``python -m moit_wagtail.wagtail_th.build`` (``make wagtail-th``). Translators work one
file per Wagtail area so that several can work at once; Django wants one catalogue per domain.
Every ``po/*.po`` except ``*.js.po`` (plus ``app.po``, this app's own strings) is merged into
``django.po``, every ``*.js.po`` into ``djangojs.po``, and msgfmt compiles each, checking
formats. Only translated, non-fuzzy entries are kept; an entry whose placeholders differ from
its msgid's is left out and reported (it would crash or mislead at render time); when two
files translate one msgid differently the first file wins and the clash is reported, so the
glossary can settle it (Django merges all apps' catalogues into one anyway). The output
carries no dates, so a rebuild from unchanged sources changes nothing in git.
"""

import argparse
import re
import shutil
import subprocess
import sys

from moit_wagtail.wagtail_th import APP_DIR, LANGUAGE, LOCALE_DIR, PO_DIR
from moit_wagtail.wagtail_th.pofile import POError, messages, render

OWN_STRINGS = APP_DIR / "app.po"
HEADER = {
    "Project-Id-Version": "moit-wagtail Thai for Wagtail's admin",
    "Language": LANGUAGE,
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}
NPLURALS = 1
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifgeExXrc%])")
_BRACE = re.compile(r"(?<!\{)\{(\w*)(?:[:!][^{}]*)?\}(?!\})")


def sources(domain, po_dir=PO_DIR):
    """The source files of a domain, in merge order (first wins)."""
    js = sorted(po_dir.glob("*.js.po"))
    if domain == "djangojs":
        return js
    own = [OWN_STRINGS] if OWN_STRINGS.exists() else []
    return own + sorted(path for path in po_dir.glob("*.po") if path not in js)


def placeholders(text, flags):
    """What must survive translation: named/positional %-fields and {}-fields."""
    found = []
    if "python-format" in flags or "javascript-format" in flags:
        found += sorted((name or "", kind) for name, kind in _PERCENT.findall(text) if kind != "%")
    if "python-brace-format" in flags:
        found += sorted(("{}", name) for name in _BRACE.findall(text))
    return found


def problems(entry):
    """Why an entry must not be compiled (empty list when it is fine)."""
    found = []
    forms = [entry.msgstr] if entry.msgid_plural is None else list(entry.msgstr_plural.values())
    wanted = placeholders(entry.msgid, entry.flags)
    wanted_plural = placeholders(entry.msgid_plural or "", entry.flags)
    for form in forms:
        got = placeholders(form, entry.flags)
        # Thai has one plural form: it may use the fields of either English form.
        if got != wanted and (entry.msgid_plural is None or got != wanted_plural):
            found.append(f"placeholders {got} differ from the msgid's {wanted}")
    return found


def merge(paths, report):
    """Translated entries of ``paths`` by key; ``report(message)`` hears every skip and clash."""
    merged, origin = {}, {}
    for path in paths:
        for key, entry in messages(path).items():
            if not entry.translated:
                continue
            where = f"{path.name}: {entry.msgid!r}"
            if entry.msgid_plural is not None and len(entry.msgstr_plural) > NPLURALS:
                report(f"{where}: extra plural forms dropped (Thai has one)")
                entry.msgstr_plural = {0: entry.msgstr_plural[0]}
            issues = problems(entry)
            if issues:
                report(f"{where}: left out, {'; '.join(issues)}")
                continue
            entry.flags.discard("fuzzy")
            if key in merged:
                first = merged[key]
                if (first.msgstr, first.msgstr_plural) != (entry.msgstr, entry.msgstr_plural):
                    report(f"{where}: translated differently in {origin[key]}, which wins")
                continue
            merged[key] = entry
            origin[key] = path.name
    return merged


def build(domain, locale_dir=LOCALE_DIR, po_dir=PO_DIR, report=print):
    """Write and compile ``<locale_dir>/th/LC_MESSAGES/<domain>.po``; return its entry count."""
    merged = merge(sources(domain, po_dir), report)
    out_dir = locale_dir / LANGUAGE / "LC_MESSAGES"
    out_dir.mkdir(parents=True, exist_ok=True)
    po_path = out_dir / f"{domain}.po"
    entries = sorted(merged.values(), key=lambda entry: (entry.msgid, entry.msgctxt or ""))
    for entry in entries:
        entry.comments = [line for line in entry.comments if line.startswith("# ")]
    po_path.write_text(render(entries, HEADER), encoding="utf-8")
    subprocess.run(
        [
            _msgfmt(),
            "--check-format",
            "--check-domain",
            "-o",
            str(out_dir / f"{domain}.mo"),
            str(po_path),
        ],
        check=True,
    )
    return len(entries)


def _msgfmt():
    found = shutil.which("msgfmt")
    if not found:
        raise SystemExit("msgfmt not found: install gettext (apt-get install gettext)")
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="fail on any skipped entry")
    args = parser.parse_args(argv)
    notes = []

    def report(message):
        notes.append(message)
        print(f"  {message}", file=sys.stderr)

    try:
        for domain in ("django", "djangojs"):
            count = build(domain, report=report)
            print(f"{LOCALE_DIR.relative_to(APP_DIR.parent.parent)}/{LANGUAGE}: {domain} {count}")
    except POError as error:
        raise SystemExit(f"cannot read a PO file: {error}") from error
    return 1 if args.strict and notes else 0


if __name__ == "__main__":
    sys.exit(main())
