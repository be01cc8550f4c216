from django.core.management.base import BaseCommand

from moit_wagtail.checklist.frameworks import load_shipped


class Command(BaseCommand):
    help = (
        "Load the shipped checklists (website 1.1-1.10, OIA s.7/s.9, MOIT); "
        "creates only what is missing and never overwrites edits."
    )

    def handle(self, *args, **options):
        for framework, created in load_shipped():
            self.stdout.write(f"{framework.slug} {framework.fiscal_year}: {created} items created")
