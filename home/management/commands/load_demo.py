"""``manage.py load_demo``: three demo unit sites with every mandatory category filled in.

Demo accounts get the password in ``MOIT_DEMO_PASSWORD``, or the default ``moit-demo-2569``
when it is unset; existing accounts keep theirs. Sites listen on ``MOIT_DEMO_PORT`` (8000).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.demo import build


def count_summary(counts):
    return (
        _(
            "%(sites)d sites, %(pages)d pages, %(revisions)d revisions, %(documents)d "
            "documents, %(images)d images, %(users)d users, %(groups)d groups"
        )
        % counts
    )


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
        self.stdout.write(_("Finished in %(seconds).1f s.") % {"seconds": result.seconds})
        if result.new_usernames:
            self.stdout.write(self.password_notice(result))

    @staticmethod
    def password_notice(result):
        if result.password.is_default:
            return _(
                "New demo accounts (%(users)s) have the default password %(password)s; "
                "set MOIT_DEMO_PASSWORD to choose another."
            ) % {"users": ", ".join(result.new_usernames), "password": result.password.value}
        return _("New demo accounts (%(users)s) have the password from MOIT_DEMO_PASSWORD.") % {
            "users": ", ".join(result.new_usernames)
        }
