"""``manage.py import_items SHEET --site HOST --user NAME [--files ZIP | --folder DIR]``

Previews by default (prints what each row would become and why refused rows are
refused); ``--apply`` imports. The same checks and the same code as the admin screen.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from moit_wagtail.importer.bundle import read_folder, read_zip
from moit_wagtail.importer.importing import import_rows
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.importer.reading import read_table
from moit_wagtail.importer.rows import CREATE, REFUSED, UPDATE


class Command(BaseCommand):
    help = "Import items of a previous website from a spreadsheet (XLSX or CSV) and files."

    def add_arguments(self, parser):
        parser.add_argument("sheet")
        parser.add_argument("--site", required=True, help="the unit site's host name")
        parser.add_argument("--user", required=True, help="who imports (a unit website admin)")
        files = parser.add_mutually_exclusive_group()
        files.add_argument("--files", help="a ZIP of the attached files")
        files.add_argument("--folder", help="a folder of the attached files")
        parser.add_argument(
            "--published-before",
            action="store_true",
            help="publish the items as already public on the previous website "
            "(default: drafts submitted for approval)",
        )
        parser.add_argument("--apply", action="store_true", help="import (default: preview)")

    def handle(self, *args, **options):
        site = Site.objects.filter(hostname=options["site"]).first()
        if site is None:
            raise CommandError(
                _("No unit site has the host name %(host)s.") % {"host": options["site"]}
            )
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(_("No user named %(name)s.") % {"name": options["user"]})
        table, uploads, source_name = self.read(options)
        mode = ImportBatch.PUBLISHED_BEFORE if options["published_before"] else ImportBatch.SUBMIT
        outcome = import_rows(
            site, user, table, uploads, mode,
            source_name=source_name,
            apply=options["apply"],
            progress=self.progress if options["verbosity"] else None,
        )  # fmt: skip
        for row in outcome.refused:
            self.stdout.write(
                _("Row %(number)s (%(title)s): %(reasons)s")
                % {
                    "number": row.number,
                    "title": row.title or "-",
                    "reasons": "; ".join(row.reasons),
                }
            )
        counts = {
            "created": outcome.count(CREATE),
            "updated": outcome.count(UPDATE),
            "refused": outcome.count(REFUSED),
        }
        if options["apply"]:
            summary = _("Imported: %(created)s created, %(updated)s updated, %(refused)s refused.")
        else:
            summary = _(
                "Preview, nothing written: %(created)s to create, %(updated)s to update, "
                "%(refused)s refused. Add --apply to import."
            )
        self.stdout.write(summary % counts)

    def read(self, options):
        """(Table, {file name: bytes}, source name) from the command's files."""
        try:
            table = _read(options["sheet"], read_table)
            uploads = {}
            if options["files"]:
                uploads = _read(options["files"], read_zip)
            elif options["folder"]:
                uploads = read_folder(options["folder"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        return table, uploads, Path(options["sheet"]).name

    def progress(self, done, total):
        if done == total or done % 50 == 0:
            self.stderr.write(f"{done}/{total}")


def _read(path, reader):
    with open(path, "rb") as handle:
        return reader(File(handle, name=Path(path).name))
