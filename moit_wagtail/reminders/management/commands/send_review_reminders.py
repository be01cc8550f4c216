"""Daily (or weekly) cron job: mail review reminders and escalations (seed 3.2).

Safe to run again the same day: whoever already got today's reminder is skipped; safe to
run from several servers at once: a second run finds the lock taken and skips its turn.
"""

from django.utils.translation import gettext as _

from moit_wagtail.locking import SingleRunCommand
from moit_wagtail.reminders.digest import (
    escalate_after_days,
    plan_reminders,
    reminder_days,
    send_reminders,
)
from moit_wagtail.reminders.models import ReminderLog


class Command(SingleRunCommand):
    help = _(
        "Email each person responsible a digest of their published items that are overdue "
        "or due for review soon, and escalate long-overdue items to the unit's website admins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_("Include items due within this many days (default: MOIT_REMINDER_DAYS, 14)."),
        )
        parser.add_argument(
            "--escalate-after",
            type=int,
            default=None,
            help=_(
                "Escalate items overdue by more than this many days "
                "(default: MOIT_ESCALATE_AFTER_DAYS, 14)."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Print what would be sent; send nothing.")
        )

    def handle(self, *args, days=None, escalate_after=None, dry_run=False, **options):
        days = reminder_days() if days is None else days
        escalate_after = escalate_after_days() if escalate_after is None else escalate_after
        plan = plan_reminders(days, escalate_after)
        for warning in plan.warnings:
            self.stderr.write(self.style.WARNING(warning))
        outcome = send_reminders(plan, dry_run=dry_run, write=self.stdout.write)
        for error in outcome.errors:
            self.stderr.write(self.style.ERROR(_("Could not send to %s") % error))
        summary = _(
            "%(digests)d digest(s) and %(escalations)d escalation(s) about %(items)d item(s); "
            "%(skipped)d already sent today; %(failed)d failed."
        ) % {
            "digests": outcome.sent[ReminderLog.DIGEST],
            "escalations": outcome.sent[ReminderLog.ESCALATION],
            "items": len(outcome.page_ids),
            "skipped": outcome.skipped,
            "failed": len(outcome.errors),
        }
        self.stdout.write((_("Dry run, nothing sent: ") if dry_run else "") + summary)
