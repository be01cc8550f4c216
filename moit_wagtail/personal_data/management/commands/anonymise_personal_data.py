"""Erase citizens' personal data past each unit's retention, keeping the statistics."""

from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import Site

from moit_wagtail.locking import SingleRunCommand
from moit_wagtail.personal_data.retention import DEFAULT_BATCH, due, erase_in_batches, sources


class Command(SingleRunCommand):
    help = (
        "Erase the personal data of e-service submissions and survey comments past their "
        "unit's retention, in short batches (safe to run from several servers at once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would go.")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)

    def handle(self, *args, dry_run=False, batch_size=DEFAULT_BATCH, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        now = timezone.now()
        total = 0
        for site in Site.objects.order_by("pk"):
            for source in sources():
                if dry_run:
                    count = due(source, site, now).count()
                else:
                    count = sum(erase_in_batches(source, site, batch_size, now))
                total += count
                if count or options["verbosity"] > 1:
                    verb = "would be anonymised" if dry_run else "anonymised"
                    self.stdout.write(
                        f"{site.site_name or site.hostname}: {count} {source.name} {verb}."
                    )
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{total} rows {verb} in all.")
