"""Wiring only: admin menu entries and viewsets of the category pages."""

from wagtail import hooks

from .views import publication_listing_viewset


@hooks.register("register_admin_viewset")
def register_publication_listing():
    return publication_listing_viewset
