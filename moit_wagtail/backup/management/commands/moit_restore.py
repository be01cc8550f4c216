"""``manage.py moit_restore PATH``: load a moit_backup archive into an empty installation."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from moit_wagtail.backup.errors import BackupError
from moit_wagtail.backup.restore import rebuild_derived, restore_archive


class Command(BaseCommand):
    # A plain string: argparse formats it before Django's translation is set up.
    help = (
        "Restore a moit_backup archive into a new installation: a freshly migrated, empty "
        "database and empty media folders. Refuses anything else and changes nothing then."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=gettext_lazy("The archive made by moit_backup."))
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        progress = (lambda message: self.stdout.write(message)) if verbose else None
        started = time.monotonic()
        try:
            manifest, older = restore_archive(
                options["path"], using=options["database"], progress=progress
            )
            for app_label, name in older:
                self.stderr.write(
                    _(
                        "Warning: the archive predates migration %(app)s.%(name)s; its data "
                        "was loaded without that migration's data changes."
                    )
                    % {"app": app_label, "name": name}
                )
            rebuild_derived(progress)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"]:
            self.stdout.write(
                _(
                    "Restored %(rows)d rows and %(files)d files from a backup of "
                    "%(created)s in %(seconds).1f s."
                )
                % {
                    "rows": sum(manifest["counts"].values()),
                    "files": sum(manifest["media"].values()),
                    "created": manifest["created_at"],
                    "seconds": time.monotonic() - started,
                }
            )
