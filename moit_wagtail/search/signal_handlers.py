"""Keep the index in step with what is live: publish indexes, unpublish and delete forget.

Deleting a page deletes its rows through the foreign keys (CASCADE); the post_delete
receiver removes them explicitly as well, whatever way the page was deleted. A move
rewrites the tree paths the index copies (under the old and the new parent: treebeard may
shift siblings).
"""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexer


def on_published(sender, instance, **kwargs):
    indexer.index_page(instance)


def on_unpublished(sender, instance, **kwargs):
    indexer.remove_page(instance.pk)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexer.remove_page(instance.pk)


def on_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    parents = {parent_page_after.pk: parent_page_after, parent_page_before.pk: parent_page_before}
    indexer.refresh_paths(*parents.values())


def connect():
    page_published.connect(on_published, dispatch_uid="moit_search_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="moit_search_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="moit_search_moved")
    post_delete.connect(on_deleted, dispatch_uid="moit_search_deleted")
