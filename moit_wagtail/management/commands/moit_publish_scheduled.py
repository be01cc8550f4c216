"""Wagtail's ``publish_scheduled`` under a lock, for cron on every app server at once.

Two servers publishing the same scheduled revision at the same minute would each log and
announce it (emails, audit log, cache purge); with the lock the second run skips its turn.
Takes the same options as ``publish_scheduled`` (``--dryrun``), plus ``--no-lock``.

A version scheduled by one of its own authors (segregation of duties, see
``moit_wagtail.workflow.duties``) does not go live: its schedule is withdrawn and the
page waits for another approver. Wagtail already refuses such scheduling; this catches
versions scheduled before the rule or through a route that skipped it. A superuser's
schedule goes ahead and is recorded as an exception when it is published.
"""

from django.utils import timezone
from wagtail.management.commands import publish_scheduled
from wagtail.models import PageLogEntry, Revision

from moit_wagtail.locking import SingleRunCommand
from moit_wagtail.workflow import duties


def withhold_self_scheduled(now=None):
    """Withdraw the schedule of due page versions scheduled by one of their authors."""
    due = Revision.objects.page_revisions().filter(approved_go_live_at__lte=now or timezone.now())
    withheld = []
    for revision in due:
        entry = (
            PageLogEntry.objects.filter(
                revision=revision, action__startswith="wagtail.publish.schedule"
            )
            .select_related("user")
            .order_by("-pk")
            .first()
        )
        scheduler = entry.user if entry else revision.user
        if scheduler is None or scheduler.is_superuser:
            continue
        page = revision.content_object
        if scheduler.pk in duties.authors(page):
            revision.approved_go_live_at = None
            revision.save(update_fields=["approved_go_live_at"])
            withheld.append(revision)
    return withheld


class Command(SingleRunCommand, publish_scheduled.Command):
    help = "Publish and unpublish scheduled pages (Wagtail's publish_scheduled), one run at a time."

    def handle(self, *args, **options):
        if not options.get("dryrun"):
            for revision in withhold_self_scheduled():
                self.stderr.write(
                    f"Not published: revision {revision.pk} of page {revision.object_id} "
                    "was scheduled by one of its authors; it needs another approver."
                )
        return super().handle(*args, **options)
