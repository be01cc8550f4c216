"""Create every unit's groups and publishing workflow from its agency profile (idempotent)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from moit_wagtail.models import AgencyProfile
from moit_wagtail.roles import ensure_unit_groups, grant_provincial_oversight
from moit_wagtail.workflow.setup import ensure_publishing_workflow


class Command(BaseCommand):
    help = (
        "Create the groups and the publishing-request workflow of every unit site; the "
        "provincial health office's admins may also edit checklists and see every unit."
    )

    def handle(self, *args, **options):
        profiles = {profile.site_id: profile for profile in AgencyProfile.objects.all()}
        for site in Site.objects.select_related("root_page"):
            profile = profiles.get(site.pk)
            short_name = profile and (profile.short_name or profile.name_th)
            if not short_name:
                raise CommandError(
                    f"Site {site} has no agency profile with a name: fill it in under "
                    "Settings > Agency profile first."
                )
            workflow = ensure_publishing_workflow(site, short_name)
            self.stdout.write(f"{site}: {workflow.name}")
            if profile.unit_type == "pho":
                # The provincial office edits the checklists and follows every unit.
                grant_provincial_oversight(ensure_unit_groups(site, short_name))
                self.stdout.write(f"{site}: {short_name} follows every unit (roll-up)")
