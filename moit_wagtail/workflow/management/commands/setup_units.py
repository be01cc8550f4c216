"""Create every unit's groups and publishing workflow from its ``Unit`` record (idempotent).

Rights are derived only from ``Unit`` (type, group key, overseeing unit), which superusers
and the provincial office's admins set; never from a unit's own editable settings.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from moit_wagtail.models import Unit
from moit_wagtail.workflow.setup import ensure_unit_rights


class Command(BaseCommand):
    help = (
        "Create the groups and the publishing-request workflow of every unit site; the "
        "provincial health office's admins may also edit checklists and see every unit."
    )

    def handle(self, *args, **options):
        missing = Site.objects.filter(moit_unit__isnull=True).first()
        if missing:
            raise CommandError(
                f"Site {missing} is not a unit yet: a superuser adds it under "
                "Settings > Units first."
            )
        for unit in Unit.objects.select_related("site__root_page", "parent"):
            workflow = ensure_unit_rights(unit)
            self.stdout.write(f"{unit.site}: {workflow.name}")
            if unit.is_provincial:
                self.stdout.write(f"{unit.site}: {unit.group_key} follows every unit (roll-up)")
