"""Index every live page again (after an upgrade, a bulk import or a dictionary change)."""

from django.core.management.base import BaseCommand

from moit_wagtail.search import indexer


class Command(BaseCommand):
    help = "Rebuild the Thai word search index from every live page."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        stdout = self.stdout if options["verbosity"] > 1 else None
        done = indexer.rebuild(batch_size=options["batch_size"], stdout=stdout)
        if options["verbosity"]:
            self.stdout.write(f"Indexed {done} live pages.")
