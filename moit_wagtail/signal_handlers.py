"""Connects content changes to the anonymous page cache (see ``page_cache``)."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import page_cache

DISPATCH_PREFIX = "moit-page-cache"


def register_signal_handlers():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Site

    from .models import AgencyProfile

    page_published.connect(page_cache.invalidate, dispatch_uid=f"{DISPATCH_PREFIX}-published")
    page_unpublished.connect(page_cache.invalidate, dispatch_uid=f"{DISPATCH_PREFIX}-unpublished")
    post_page_move.connect(page_cache.invalidate, dispatch_uid=f"{DISPATCH_PREFIX}-moved")
    post_delete.connect(invalidate_on_page_delete, dispatch_uid=f"{DISPATCH_PREFIX}-page-del")
    # Page saves are left out on purpose: drafts don't change what visitors see.
    invalidate_on_changes_to(Site, AgencyProfile, get_document_model(), get_image_model())


def invalidate_on_changes_to(*models):
    """Forget cached pages whenever a row of one of ``models`` is saved or deleted."""
    for model in models:
        label = model._meta.label_lower
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache.invalidate,
                sender=model,
                dispatch_uid=f"{DISPATCH_PREFIX}-{signal is post_save}-{label}",
            )


def invalidate_on_page_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        page_cache.invalidate()
