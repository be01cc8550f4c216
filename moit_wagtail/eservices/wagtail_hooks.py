"""Wiring only: the staff screens for e-service submissions and their dashboard panel."""

from wagtail import hooks

from .admin_views import SubmissionViewSet
from .panels import OpenSubmissionsPanel


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return SubmissionViewSet("moit_eservice_submissions")


@hooks.register("construct_homepage_panels")
def add_open_submissions_panel(request, panels):
    if OpenSubmissionsPanel.is_shown_to(request.user):
        panels.append(OpenSubmissionsPanel(request))


@hooks.register("register_moit_unit_permissions")
def eservices_unit_permissions():
    # Citizens' complaints and information requests hold personal data: admins only.
    return [("admins", "moit_eservices.handle_submission")]
