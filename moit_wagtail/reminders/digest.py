"""Who must hear about which item today: one digest per person, one escalation per admin.

Seed 3.2 makes website staff check every published item for currency. Rather than mail
per page, each responsible person gets one digest of what is overdue or due soon; items
nobody can be reached for go to their unit's website admins, and so do items left
overdue too long (the escalation). The plan is built in a fixed number of queries,
whatever the number of pages; sending costs a few queries per email, never per page.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.mail import send_mail
from wagtail.models import Site

from moit_wagtail.access import SiteIndex
from moit_wagtail.checklist.attention import max_age_by_code, needing_attention, reasons_for
from moit_wagtail.monitoring.governance import unit_admins
from moit_wagtail.unit_urls import unit_admin_url

from .models import ReminderLog
from .open_parts import open_parts_by_site

DEFAULT_DAYS = 14
DEFAULT_ESCALATE_AFTER = 14
TEMPLATES = "moit_reminders/email/"


def reminder_days():
    return getattr(settings, "MOIT_REMINDER_DAYS", DEFAULT_DAYS)


def escalate_after_days():
    return getattr(settings, "MOIT_ESCALATE_AFTER_DAYS", DEFAULT_ESCALATE_AFTER)


@dataclass(frozen=True)
class Due:
    """A reason read for the email: days late, or days left (templates cannot negate)."""

    reason: object

    @property
    def label(self):
        return self.reason.label

    @property
    def date(self):
        return self.reason.due

    @property
    def days_late(self):
        return max(self.reason.days_overdue, 0)

    @property
    def days_left(self):
        return max(-self.reason.days_overdue, 0)


@dataclass
class Item:
    page: object
    reasons: list
    site: object = None

    @property
    def days_overdue(self):
        """Days the most overdue reason is past its date (negative: days left)."""
        return max(reason.days_overdue for reason in self.reasons)

    @property
    def is_overdue(self):
        return any(reason.is_overdue for reason in self.reasons)

    @property
    def admin_url(self):
        """The page in the admin on its unit's host (the site is already known: no query)."""
        return unit_admin_url(self.site, "wagtailadmin_pages:edit", self.page.pk)

    @property
    def dues(self):
        return [Due(reason) for reason in self.reasons]


@dataclass
class Reminder:
    recipient: object
    kind: str
    items: list = field(default_factory=list)
    parts: list = field(default_factory=list)  # OpenPart: checklist parts still owed

    @property
    def count(self):
        return len(self.items) + len(self.parts)

    @property
    def key(self):
        return (self.recipient.pk, self.kind)


@dataclass
class Plan:
    today: datetime.date
    within_days: int
    escalate_after: int
    reminders: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


@dataclass
class Outcome:
    sent: dict = field(default_factory=lambda: {ReminderLog.DIGEST: 0, ReminderLog.ESCALATION: 0})
    page_ids: set = field(default_factory=set)
    skipped: int = 0
    errors: list = field(default_factory=list)


def reachable(user):
    return user is not None and user.is_active and bool(user.email)


def plan_reminders(within_days=None, escalate_after=None, now=None):
    """Group today's items by recipient (no email is sent here)."""
    within_days = reminder_days() if within_days is None else within_days
    escalate_after = escalate_after_days() if escalate_after is None else escalate_after
    now = now or timezone.now()
    plan = Plan(timezone.localdate(now), within_days, escalate_after)
    limits = max_age_by_code()
    pages = (
        needing_attention(within_days, now, limits)
        .select_related("responsible_person__wagtail_userprofile")
        .order_by("path")
    )
    sites = list(Site.objects.select_related("root_page"))
    index = SiteIndex(sites)
    admins = {
        site_id: [user for user in users if reachable(user)]
        for site_id, users in unit_admins(sites, related=["user__wagtail_userprofile"]).items()
    }
    reminders = {}
    unreached = {}

    def add(users, kind, item):
        if not users:
            unreached.setdefault(item.site, set()).add(item.page.pk)
        for user in users:
            reminders.setdefault((user.pk, kind), Reminder(user, kind)).items.append(item)

    for page in pages:
        reasons = reasons_for(page, within_days, now, limits)
        if not reasons:
            continue
        item = Item(page, reasons, index.site_of(page.path))
        unit_admins_here = admins.get(item.site.pk, []) if item.site else []
        owner = page.responsible_person
        if not reachable(owner):  # the admins get it in their digest: nothing to escalate
            add(unit_admins_here, ReminderLog.DIGEST, item)
            continue
        add([owner], ReminderLog.DIGEST, item)
        if item.is_overdue and item.days_overdue > escalate_after:
            others = [user for user in unit_admins_here if user != owner]
            if others or not unit_admins_here:  # the sole admin already has it in the digest
                add(others, ReminderLog.ESCALATION, item)

    for site_pk, parts in open_parts_by_site(sites, within_days, now).items():
        digests = [
            reminders.setdefault((user.pk, ReminderLog.DIGEST), Reminder(user, ReminderLog.DIGEST))
            for user in admins.get(site_pk, [])
        ]
        for reminder in digests:
            reminder.parts.extend(parts)
        if not digests:
            unreached.setdefault(parts[0].site, set()).update(
                ("part", open_part.part.pk) for open_part in parts
            )

    plan.reminders = sorted(reminders.values(), key=lambda r: (r.kind, r.recipient.get_username()))
    for site, page_ids in unreached.items():
        plan.warnings.append(
            _("%(site)s: nobody to remind about %(count)d item(s), the unit has no active "
              "website admin with an email (check its agency profile and admin group).")
            % {"site": site or _("pages outside every site"), "count": len(page_ids)}
        )  # fmt: skip
    return plan


def preferred_language(user):
    try:
        language = user.wagtail_userprofile.preferred_language
    except AttributeError:  # no profile row (RelatedObjectDoesNotExist)
        language = ""
    return language or settings.LANGUAGE_CODE


def render(reminder, plan):
    """(subject, text, html) of one reminder, in the recipient's language."""
    context = {
        "user": reminder.recipient,
        "items": reminder.items,
        "parts": reminder.parts,
        "count": reminder.count,
        "within_days": plan.within_days,
        "escalate_after": plan.escalate_after,
        "today": plan.today,
        "show_owner": reminder.kind == ReminderLog.ESCALATION,
    }
    name = TEMPLATES + reminder.kind
    with translation.override(preferred_language(reminder.recipient)):
        subject = render_to_string(f"{name}_subject.txt", context).strip()
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    return " ".join(subject.split()), text, html


def send_reminders(plan, dry_run=False, write=None):
    """Send each reminder not yet sent today; ``write(line)`` reports what (would) go."""
    write = write or (lambda line: None)
    outcome = Outcome()
    sent_today = set(
        ReminderLog.objects.filter(sent_on=plan.today).values_list("recipient_id", "kind")
    )
    for reminder in plan.reminders:
        if reminder.key in sent_today:
            outcome.skipped += 1
            continue
        if dry_run:
            write(
                _("Would send the %(kind)s to %(email)s: %(count)d item(s)")
                % {
                    "kind": dict(ReminderLog.KIND_CHOICES)[reminder.kind],
                    "email": reminder.recipient.email,
                    "count": reminder.count,
                }
            )
        else:
            try:
                claimed = _send_once(reminder, plan)
            except Exception as error:  # mail server down: report it, the next run retries
                outcome.errors.append(f"{reminder.recipient.email}: {error}")
                continue
            if not claimed:
                outcome.skipped += 1
                continue
        outcome.sent[reminder.kind] += 1
        outcome.page_ids.update(item.page.pk for item in reminder.items)
    return outcome


def _send_once(reminder, plan):
    """Claim today's log row, then send; a concurrent run that claimed it first wins."""
    page_ids = [item.page.pk for item in reminder.items]
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                recipient=reminder.recipient,
                kind=reminder.kind,
                sent_on=plan.today,
                page_ids=page_ids,
                count=reminder.count,
            )
    except IntegrityError:
        return False
    subject, text, html = render(reminder, plan)
    try:
        send_mail(subject, text, [reminder.recipient.email], html_message=html)
    except Exception:
        log.delete()  # let the next run try again
        raise
    return True
