"""``manage.py load_demo``: three demo unit sites with every mandatory category filled in.

Demo accounts get the password in ``MOIT_DEMO_PASSWORD``, or the default ``moit-demo-2569``
when it is unset; existing accounts keep theirs. Sites listen on ``MOIT_DEMO_PORT`` (8000).
The accounts table and the password come last, where the person who ran it looks; the
demo's emails are kept in memory, not printed or sent (``home.demo.loader``).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.demo import build
from home.demo.units import UNITS
from home.demo.users import demo_accounts


def count_summary(counts):
    return (
        _(
            "%(sites)d sites, %(pages)d pages, %(revisions)d revisions, %(documents)d "
            "documents, %(images)d images, %(users)d users, %(groups)d groups"
        )
        % counts
    )


def accounts_table(accounts):
    """One line per account: the user name (aligned), then name, role and unit in Thai."""
    width = max(len(account.username) for account in accounts)
    lines = [_("Demo accounts (sign in at %(url)s):") % {"url": f"{UNITS[0].url}admin/"}]
    for account in accounts:
        what = f"{account.role}, {account.unit}" if account.role else _("superuser, every unit")
        lines.append(f"  {account.username.ljust(width)}  {account.name} - {what}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = gettext_lazy(
        "Load demo sites for a provincial health office, a district health office and a "
        "hospital. Safe to run again: existing objects are left as they are. Passwords of new "
        "demo accounts come from MOIT_DEMO_PASSWORD (default: moit-demo-2569)."
    )

    def handle(self, *args, **options):
        result = build(stdout=self.stdout if options["verbosity"] > 0 else None)
        self.stdout.write(_("Created: %(counts)s.") % {"counts": count_summary(result.created)})
        self.stdout.write(_("Now in total: %(counts)s.") % {"counts": count_summary(result.totals)})
        self.stdout.write(
            _("Pages past their end of publication (taken down): %(count)d.")
            % {"count": result.expired_pages}
        )
        if result.emails_kept:
            kept = {"count": result.emails_kept}
            self.stdout.write(_("Demo emails kept in memory, not sent: %(count)d.") % kept)
        self.stdout.write(_("Finished in %(seconds).1f s.") % {"seconds": result.seconds})
        self.stdout.write("")
        self.stdout.write(accounts_table(demo_accounts(UNITS)))
        self.stdout.write(self.password_notice(result))

    @staticmethod
    def password_notice(result):
        if not result.new_usernames:
            return _("Accounts that already existed keep their passwords.")
        if result.password.is_default:
            return _(
                "New demo accounts (%(users)s) have the default password %(password)s; "
                "set MOIT_DEMO_PASSWORD to choose another."
            ) % {"users": ", ".join(result.new_usernames), "password": result.password.value}
        return _("New demo accounts (%(users)s) have the password from MOIT_DEMO_PASSWORD.") % {
            "users": ", ".join(result.new_usernames)
        }
