"""Read the text inside documents' files: those never read or whose file changed since.

For cron (a read queued in a process that then stopped is lost), and after a restore or a
bulk import that wrote documents without their text. ``--all`` reads every file again (after
an upgrade of the readers or of the caps); ``--document ID`` reads the named ones again.
One run at a time (``SingleRunCommand``): two servers reading the same files would only
double the load.
"""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model

from moit_wagtail.locking import SingleRunCommand
from moit_wagtail.search import file_text_jobs
from moit_wagtail.search.models import FileText


class Command(SingleRunCommand):
    help = gettext_lazy(
        "Read the text inside documents' files for search: new and changed files by default."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help=gettext_lazy("Read every document's file again.")
        )
        parser.add_argument(
            "--document",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help=gettext_lazy("Read this document's file again (may be repeated)."),
        )

    def handle(self, *args, **options):
        documents = get_document_model().objects.order_by("pk")
        if options["document"]:
            documents = documents.filter(pk__in=options["document"])
        force = options["all"] or bool(options["document"])
        stored = FileText.objects.only("document_id", "status", "file_hash").in_bulk()
        counts = Counter()
        for document in documents.iterator(chunk_size=200):
            if not force and not file_text_jobs.needs_reading(document, stored.get(document.pk)):
                counts["unchanged"] += 1
                continue
            result = file_text_jobs.read_document(document, force=True)
            counts[result.status] += 1
        if options["verbosity"]:
            self.report(counts)

    def report(self, counts):
        read = sum(count for status, count in counts.items() if status != "unchanged")
        self.stdout.write(_("Read the files of %(count)d document(s).") % {"count": read})
        for status, label in FileText.Status.choices:
            if counts[status]:
                self.stdout.write(f"  {label}: {counts[status]}")
        if counts["unchanged"]:
            unchanged = _("unchanged since last read: %(count)d") % {"count": counts["unchanged"]}
            self.stdout.write(f"  {unchanged}")
