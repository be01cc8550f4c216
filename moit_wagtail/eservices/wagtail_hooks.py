"""Wiring only: the staff screens for e-service submissions."""

from wagtail import hooks

from .admin_views import SubmissionViewSet


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return SubmissionViewSet("moit_eservice_submissions")
