"""Who may read submissions: holders of ``handle_submission``, for their own unit only.

Citizens' personal data belongs to the unit they wrote to. The unit rule is
``moit_wagtail.access`` with oversight off: the provincial oversight permission does not
open other units' submissions, only page permissions on a site's root (the unit's own
staff) or being a superuser do.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from moit_wagtail.access import UnitScope
from moit_wagtail.people import unit_staff_q

from .models import HANDLE_PERMISSION, Submission

DELETE_PERMISSION = "moit_eservices.delete_submission"


# The unit's own staff who may handle submissions; provincial oversight does not open them.
SCOPE = UnitScope(site_field="site", oversight=False, permission=HANDLE_PERMISSION)


def handled_sites(user):
    """Sites whose submissions ``user`` may read and answer."""
    return SCOPE.sites(user)


def handlers_of(site):
    """The unit's staff who may answer its submissions (alerted of each new one).

    Holders of ``handle_submission`` through a group or directly, among the active
    members of the unit's groups; superusers are not unit staff and are not alerted.
    """
    app_label, codename = HANDLE_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    user_model = get_user_model()
    by_group = user_model.groups.through.objects.filter(group__permissions__in=permission)
    direct = user_model.user_permissions.through.objects.filter(permission__in=permission)
    return (
        user_model.objects.filter(unit_staff_q(site))
        .filter(Q(pk__in=by_group.values("user_id")) | Q(pk__in=direct.values("user_id")))
        .order_by("first_name", "last_name", "username")
    )


def handled_site_ids(user):
    return [site.pk for site in handled_sites(user)]


def can_handle(user, submission):
    return submission.site_id in handled_site_ids(user)


class SubmissionPermissionPolicy(BasePermissionPolicy):
    """view/change: handlers; delete (erasure on request): holders of delete_submission;
    add: nobody (submissions come from the public forms)."""

    def __init__(self):
        super().__init__(Submission)

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in ("view", "change"):
            return user.has_perm(HANDLE_PERMISSION)
        if action == "delete":
            return user.has_perm(HANDLE_PERMISSION) and user.has_perm(DELETE_PERMISSION)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and can_handle(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Submission.objects.none()
        return Submission.objects.filter(site_id__in=handled_site_ids(user))

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        return [user for user in users if self.user_has_any_permission(user, actions)]


# Registered with Wagtail in ``apps.EServicesConfig.ready`` (before any view asks for it).
permission_policy = SubmissionPermissionPolicy()
