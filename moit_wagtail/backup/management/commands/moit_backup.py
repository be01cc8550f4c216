"""``manage.py moit_backup [--output PATH]``: the database and all media in one tar.gz."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moit_wagtail.backup.backup import create_backup
from moit_wagtail.backup.errors import BackupError


def default_name():
    return f"moit-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


class Command(BaseCommand):
    # A plain string: argparse formats it before Django's translation is set up.
    help = (
        "Back up the database content and every media file (documents, images, e-service "
        "attachments) into one tar.gz archive that moit_restore can load into an empty "
        "installation, on SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help=gettext_lazy(
                "Archive file to write, or an existing directory to put a date-stamped "
                "archive in (default: a date-stamped file in the current directory)."
            ),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        output = Path(options["output"] or default_name())
        if output.is_dir():
            output = output / default_name()
        verbose = options["verbosity"] > 1
        started = time.monotonic()
        try:
            manifest = create_backup(
                output,
                using=options["database"],
                progress=(lambda message: self.stdout.write(message)) if verbose else None,
            )
        except (BackupError, OSError) as error:
            raise CommandError(
                _("Backup failed, no archive was written: %(error)s") % {"error": error}
            ) from error
        if options["verbosity"]:
            self.stdout.write(
                _(
                    "Backup written to %(path)s (%(size)s, %(rows)d rows, %(files)d files) "
                    "in %(seconds).1f s."
                )
                % {
                    "path": output,
                    "size": filesizeformat(output.stat().st_size),
                    "rows": sum(manifest["counts"].values()),
                    "files": sum(manifest["media"].values()),
                    "seconds": time.monotonic() - started,
                }
            )
