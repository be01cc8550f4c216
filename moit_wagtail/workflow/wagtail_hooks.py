"""Wiring only: admin hooks of the publishing-request workflow."""

from wagtail import hooks

from .views import explain_own_request

hooks.register("before_edit_page", explain_own_request)
