"""Index every page, document and image again (after an upgrade, a bulk import or a
dictionary change): Wagtail's ``update_index`` through the Thai search backend, one run at
a time (``SingleRunCommand``): two servers rebuilding at once would only double the work.
"""

import io

from django.core.management import call_command

from moit_wagtail.locking import SingleRunCommand
from moit_wagtail.search.models import IndexEntry


class Command(SingleRunCommand):
    help = "Rebuild the Thai search index (Wagtail's update_index, one run at a time)."

    def handle(self, *args, **options):
        output = self.stdout if options["verbosity"] > 1 else io.StringIO()
        call_command("update_index", stdout=output, verbosity=options["verbosity"])
        if options["verbosity"]:
            self.stdout.write(f"Indexed {IndexEntry.objects.count()} objects.")
