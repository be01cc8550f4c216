"""The archive's table of contents: what made it, from which schema, and every member's hash.

Restore reads it to refuse an archive it cannot load faithfully: a newer format, a schema
with migrations this code does not have (made by a newer release), a target database that
is not migrated as far as the archive, or any member whose SHA-256 differs.
"""

import platform
from importlib import metadata

import django
import wagtail
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import moit_wagtail

from .errors import BackupError
from .selection import EXCLUDED

FORMAT = "moit-wagtail-backup"
FORMAT_VERSION = 1
NAME = "manifest.json"


def package_version():
    try:
        return metadata.version("moit-wagtail")
    except metadata.PackageNotFoundError:
        return moit_wagtail.__version__


def applied_migrations(using):
    """App label -> applied migration names that this code knows (stale rows left out)."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    applied = {}
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        if (app_label, name) in known:
            applied.setdefault(app_label, []).append(name)
    return applied


def build(using, counts, members, media_counts):
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "versions": {
            "moit_wagtail": package_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "python": platform.python_version(),
        },
        "database": {
            "vendor": connections[using].vendor,
            "migrations": applied_migrations(using),
        },
        "counts": counts,
        "media": media_counts,
        "renditions": "not included: made again from the originals on first view",
        "excluded": EXCLUDED,
        "members": members,
    }


def check_format(manifest):
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This file is not a moit-wagtail backup archive."), "format")
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise BackupError(
            _(
                "The archive has format version %(found)s; this release reads up to "
                "%(known)s. Upgrade moit-wagtail first."
            )
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION},
            "format",
        )


def check_migrations(manifest, using):
    """Refuse an archive from a newer schema or a target not migrated as far as the archive.

    Returns the migrations the target has and the archive lacks (an older archive): the
    caller warns about them, since data migrations of those steps did not run on its rows.
    """
    connection = connections[using]
    known = set(MigrationLoader(connection, ignore_no_migrations=True).disk_migrations)
    applied = set(MigrationRecorder(connection).applied_migrations())
    archived = {
        (app, name) for app, names in manifest["database"]["migrations"].items() for name in names
    }
    newer = sorted(archived - known)
    if newer:
        raise BackupError(
            _(
                "The archive was made by a newer release: this code does not have the "
                "migrations %(names)s. Install the release that made the archive "
                "(moit-wagtail %(version)s) and restore with it."
            )
            % {
                "names": ", ".join(f"{app}.{name}" for app, name in newer[:10]),
                "version": manifest["versions"].get("moit_wagtail", "?"),
            },
            "migrations_newer",
        )
    unapplied = sorted(archived - applied)
    if unapplied:
        raise BackupError(
            _("The database is not migrated yet (%(names)s). Run “manage.py migrate” first.")
            % {"names": ", ".join(f"{app}.{name}" for app, name in unapplied[:10])},
            "not_migrated",
        )
    archived_apps = set(manifest["database"]["migrations"])
    return sorted(key for key in (applied & known) - archived if key[0] in archived_apps)
