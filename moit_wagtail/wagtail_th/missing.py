"""Which of the installed Wagtail's strings our Thai lacks.

Run as ``python -m moit_wagtail.wagtail_th.missing`` (``make wagtail-th-missing``) after a
Wagtail upgrade. Each Wagtail app ships ``locale/en/LC_MESSAGES/*.po`` listing every msgid of
that release; the report compares them with our built catalogues, per app and domain, and
lists what has no Thai (noting which of those Wagtail's own Thai covers, and how many of our
entries the release no longer uses). With ``DJANGO_SETTINGS_MODULE`` set, only the Wagtail
apps in INSTALLED_APPS are checked; ``--strict`` exits 1 when anything is missing.
"""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

from moit_wagtail.wagtail_th import LANGUAGE, LOCALE_DIR
from moit_wagtail.wagtail_th.pofile import messages

DOMAINS = ("django", "djangojs")


def wagtail_dir():
    spec = importlib.util.find_spec("wagtail")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("Wagtail is not installed in this Python")
    return Path(next(iter(spec.submodule_search_locations)))


def english_catalogues(root=None):
    """``{(app, domain): path}`` of every English catalogue in the installed Wagtail."""
    root = root or wagtail_dir()
    found = {}
    for path in sorted(root.glob("**/locale/en/LC_MESSAGES/*.po")):
        package = path.parents[3].relative_to(root.parent)
        found[(".".join(package.parts), path.stem)] = path
    return found


def installed_wagtail_apps():
    """The Wagtail apps of the configured Django project, or None without settings."""
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        return None
    import django
    from django.apps import apps

    django.setup()
    return {config.name for config in apps.get_app_configs()}


def translated_keys(path):
    if not path.exists():
        return set()
    return {key for key, entry in messages(path).items() if entry.translated}


def compare(catalogues, locale_dir=LOCALE_DIR, wagtail_thai=True):
    """One row per (app, domain): counts and the missing msgids, in file order."""
    ours = {
        domain: translated_keys(locale_dir / LANGUAGE / "LC_MESSAGES" / f"{domain}.po")
        for domain in DOMAINS
    }
    used = {domain: set() for domain in DOMAINS}
    rows = []
    for (app, domain), path in catalogues.items():
        english = list(messages(path))
        used[domain].update(english)
        theirs = set()
        if wagtail_thai:
            theirs = translated_keys(path.parents[2] / LANGUAGE / "LC_MESSAGES" / path.name)
        missing = [key for key in english if key not in ours[domain]]
        rows.append(
            {
                "app": app,
                "domain": domain,
                "total": len(english),
                "missing": missing,
                "wagtail_has": [key for key in missing if key in theirs],
            }
        )
    stale = {domain: sorted(ours[domain] - used[domain], key=str) for domain in DOMAINS}
    return rows, stale


def _label(key):
    context, msgid = key
    return f"{msgid!r}" + (f" (context {context!r})" if context else "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a msgid lacks Thai")
    parser.add_argument("--summary", action="store_true", help="counts only, no msgids")
    parser.add_argument("--apps", help="comma-separated Wagtail apps (default: installed ones)")
    args = parser.parse_args(argv)
    catalogues = english_catalogues()
    wanted = set(args.apps.split(",")) if args.apps else installed_wagtail_apps()
    if wanted is not None:
        catalogues = {key: path for key, path in catalogues.items() if key[0] in wanted}
    rows, stale = compare(catalogues)
    total_missing = 0
    for row in rows:
        missing = row["missing"]
        total_missing += len(missing)
        print(
            f"{row['app']} {row['domain']}: {row['total']} msgids, {len(missing)} without our"
            f" Thai ({len(row['wagtail_has'])} of them in Wagtail's own Thai)"
        )
        if not args.summary:
            for key in missing:
                mark = "  (Wagtail's Thai)" if key in row["wagtail_has"] else ""
                print(f"    {_label(key)}{mark}")
    for domain, keys in stale.items():
        if keys and wanted is None:
            print(f"{domain}: {len(keys)} of our entries are no longer in this Wagtail")
    print(f"total: {total_missing} msgids without our Thai")
    return 1 if args.strict and total_missing else 0


if __name__ == "__main__":
    sys.exit(main())
