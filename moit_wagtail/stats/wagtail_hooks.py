"""Wiring: mark requests that Wagtail serves as a page, so the middleware counts them."""

from wagtail import hooks

from .rules import PAGE_FLAG


@hooks.register("before_serve_page")
def mark_page_request(page, request, serve_args, serve_kwargs):
    setattr(request, PAGE_FLAG, True)
