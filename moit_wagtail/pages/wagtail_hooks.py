"""Wiring only: admin menu entries and viewsets of the category pages, the slug helper."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from .slug_view import page_slug
from .views import publication_listing_viewset


@hooks.register("register_admin_viewset")
def register_publication_listing():
    return publication_listing_viewset


@hooks.register("register_admin_urls")
def register_slug_url():
    return [path("moit/page-slug/", page_slug, name="moit_page_slug")]


@hooks.register("insert_editor_js")
def slug_editor_js():
    return format_html('<script src="{}"></script>', static("moit_pages/slug.js"))
