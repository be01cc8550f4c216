"""Each app grants the units' roles the rights of its own features through the
``register_moit_unit_permissions`` hook, so an app left out grants (and breaks) nothing;
our custom permissions appear in Settings › Groups."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site

from moit_wagtail.roles import (
    ROLES,
    UNIT_PERMISSIONS_HOOK,
    contributed_permissions,
    ensure_unit_groups,
)

pytestmark = pytest.mark.django_db

CRUD = ("add", "change", "delete", "view")
# The names other apps and helpers rely on: change them only on purpose.
EXPECTED = {
    "admins": {
        *(
            f"moit_checklist.{action}_{model}"
            for model in ("notapplicable", "itemevidence")
            for action in CRUD
        ),
        "moit_eservices.handle_submission",
        "moit_workflow.publish_urgently",
        "moit_importer.add_importbatch",
        "moit_importer.view_importbatch",
    },
    "editors": set(),
    "approvers": set(),
    "provincial": {
        "moit_checklist.view_all_units",
        *(f"moit_checklist.{action}_framework" for action in CRUD),
        "moit_traffic.export_trafficlog",
        *(f"moit_wagtail.{action}_unit" for action in ("add", "change", "view")),
    },
}


def names(permissions):
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


@pytest.mark.parametrize("role", ROLES)
def test_the_installed_apps_contribute_each_roles_grants(role):
    assert names(contributed_permissions(role)) == EXPECTED[role]


def test_a_contributed_grant_reaches_the_units_group(home_page):
    def grant():
        return [("editors", "moit_wagtail.view_unit")]

    with hooks.register_temporarily(UNIT_PERMISSIONS_HOOK, grant):
        groups = ensure_unit_groups(Site.objects.get(root_page=home_page), "สสจ.ทดสอบ")

    assert groups.editors.permissions.filter(codename="view_unit").exists()
    assert not groups.approvers.permissions.filter(codename="view_unit").exists()


def test_an_unknown_role_is_refused():
    def grant():
        return [("owners", "moit_wagtail.view_unit")]

    with (
        hooks.register_temporarily(UNIT_PERMISSIONS_HOOK, grant),
        pytest.raises(ImproperlyConfigured, match="owners"),
    ):
        list(contributed_permissions("admins"))


@pytest.mark.parametrize(
    "name", ["moit_workflow.publish_urgently", "moit_traffic.export_trafficlog"]
)
def test_our_custom_permissions_can_be_granted_in_the_group_editor(admin_client, name):
    app_label, codename = name.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)

    html = admin_client.get(reverse("wagtailusers_groups:add")).content.decode()

    assert f'value="{permission.pk}"' in html
