"""A page saved without a slug, or with the slug Wagtail's own rules made from its title,
gets the slug of ``slugs.py`` instead.

Wagtail fills an empty slug with Django's ``slugify`` (which, through NFKC, splits ำ and
then drops its ring), and its admin JavaScript drops every Thai mark. Both happen before
``pre_save``, so the slug is corrected here, once, for every way a page is saved (the
admin, ``add_child`` in commands and tests, publishing a revision). A page whose URL has
ever been public keeps it: its slug is changed only by a person, and Wagtail then adds
the redirect from the old URL.
"""

from django.db.models.signals import pre_save
from wagtail.models import Page

from .slugs import is_wagtail_generated, slug_for


def _was_ever_public(page):
    row = Page.objects.filter(pk=page.pk).values("first_published_at", "numchild").first()
    return row is None or row["first_published_at"] is not None or row["numchild"] > 0


def replace_generated_slug(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or instance.is_root() or instance.depth is None:
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    if not is_wagtail_generated(instance.slug, instance.title):
        return
    if instance.pk and _was_ever_public(instance):
        return
    parent = instance.get_parent()
    if parent is None:
        return
    instance.slug = slug_for(instance.title, parent, instance)
    instance.set_url_path(parent)


def connect():
    pre_save.connect(replace_generated_slug, dispatch_uid="moit_page_slug_defaults")
