"""Wiring only: hooks of the core app."""

from wagtail import hooks

from .page_cache import mark_cacheable

hooks.register("before_serve_page", mark_cacheable)
