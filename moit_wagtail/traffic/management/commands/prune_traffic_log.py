"""Delete traffic-log rows older than MOIT_TRAFFIC_LOG_RETENTION_DAYS (at least 90)."""

from django.core.management.base import CommandError
from django.utils import timezone

from moit_wagtail.locking import SingleRunCommand
from moit_wagtail.traffic.retention import (
    DEFAULT_BATCH,
    MINIMUM_DAYS,
    cutoff,
    expired,
    prune,
    retention_days,
)


class Command(SingleRunCommand):
    help = (
        "Delete traffic-log rows past their retention period, in short batches "
        "(safe to run from several servers at once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would go.")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)

    def handle(self, *args, dry_run=False, batch_size=DEFAULT_BATCH, **options):
        days = retention_days()
        if days < MINIMUM_DAYS:
            raise CommandError(
                f"MOIT_TRAFFIC_LOG_RETENTION_DAYS is {days}; the Computer Crime Act requires "
                f"at least {MINIMUM_DAYS} days. Nothing was deleted."
            )
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        before = cutoff(days)
        when = timezone.localtime(before).isoformat(timespec="seconds")
        if dry_run:
            count = expired(before).count()
            self.stdout.write(f"{count} rows older than {when} ({days} days) would be deleted.")
            return
        total = batches = 0
        for deleted in prune(before, batch_size):
            total += deleted
            batches += 1
        kept = expired(before).model.objects.count() if options["verbosity"] > 1 else None
        self.stdout.write(
            f"Deleted {total} rows older than {when} ({days} days) in {batches} batches."
            + (f" {kept} rows kept." if kept is not None else "")
        )
