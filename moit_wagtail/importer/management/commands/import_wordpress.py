"""``manage.py import_wordpress EXPORT.xml --site HOST --user NAME --uploads ZIP
--rules FILE --default TYPE --owner-unit TEXT --person USERNAME [--published-before] [--apply]``

A WordPress export (Tools > Export) and a ZIP of its ``wp-content/uploads``: previews by
default, ``--apply`` imports; the same checks as a sheet (``import_items``).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from moit_wagtail.importer.bundle import read_zip
from moit_wagtail.importer.wordpress import Rules, read_export, to_table

from .import_items import Command as SheetCommand
from .import_items import _read


class Command(SheetCommand):
    help = "Import the posts and pages of a WordPress export (WXR) with its uploads folder."

    def add_arguments(self, parser):
        parser.add_argument("export")
        parser.add_argument("--site", required=True, help="the unit site's host name")
        parser.add_argument("--user", required=True, help="who imports (a unit website admin)")
        parser.add_argument("--uploads", help="a ZIP of wp-content/uploads")
        parser.add_argument(
            "--rules", help="a text file: one 'WordPress category = item type' a line"
        )
        parser.add_argument("--default", default="", help="the item type of posts no rule names")
        parser.add_argument(
            "--owner-unit", required=True, help="the information owner of every item"
        )
        parser.add_argument("--person", required=True, help="the person responsible (username)")
        parser.add_argument("--published-before", action="store_true")
        parser.add_argument("--apply", action="store_true", help="import (default: preview)")

    def read(self, options):
        try:
            rules_text = Path(options["rules"]).read_text("utf-8") if options["rules"] else ""
            rules = Rules.parse(rules_text, options["default"])
            posts = _read(options["export"], read_export)
            uploads = {}
            if options["uploads"]:
                uploads = _read(options["uploads"], lambda upload: read_zip(upload, True))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        table = to_table(posts, rules, options["owner_unit"], options["person"])
        self.stdout.write(
            _("%(posts)s published posts and pages in the export.") % {"posts": len(table.rows)}
        )
        return table, uploads, Path(options["export"]).name
