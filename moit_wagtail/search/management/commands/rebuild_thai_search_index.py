"""Index every live page again (after an upgrade, a bulk import or a dictionary change).

One run at a time (``SingleRunCommand``): two servers rebuilding at once would only
double the work and the database load.
"""

from moit_wagtail.locking import SingleRunCommand
from moit_wagtail.search import indexer


class Command(SingleRunCommand):
    help = "Rebuild the Thai word search index from every live page."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        stdout = self.stdout if options["verbosity"] > 1 else None
        done = indexer.rebuild(batch_size=options["batch_size"], stdout=stdout)
        if options["verbosity"]:
            self.stdout.write(f"Indexed {done} live pages.")
