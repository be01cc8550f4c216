"""Index a site's content once when ``migrate`` finds the index empty but pages exist.

That is the state right after the upgrade that brought this backend (its migration replaced
the page-only tables), so a deployer who upgrades gets working search from ``migrate``
alone instead of an empty result for every query until someone thinks of ``update_index``.
"""

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS


def index_if_empty(sender, using=DEFAULT_DB_ALIAS, verbosity=1, stdout=None, **kwargs):
    from wagtail.models import Page

    from .models import IndexEntry

    if IndexEntry.objects.using(using).exists():
        return
    if not Page.objects.using(using).filter(depth__gt=2).exists():
        return  # a new database: Wagtail's root and welcome page only
    if verbosity and stdout is not None:
        stdout.write("Building the Thai search index (first migrate with this backend)...")
    call_command("update_index", verbosity=0)
