"""Wiring only: the checklist admin screens and the roll-over view."""

from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_viewset")
def register_checklist_viewsets():
    return views.ChecklistViewSetGroup()


@hooks.register("register_admin_urls")
def register_checklist_urls():
    return [
        path(
            "moit/checklists/<int:pk>/next-year/",
            views.StartNextYearView.as_view(),
            name=views.START_NEXT_YEAR_URL,
        )
    ]
