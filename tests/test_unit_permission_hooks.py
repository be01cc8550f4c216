"""Each app grants the units' roles the rights of its own features through the
``register_moit_unit_permissions`` hook, so an app left out grants (and breaks) nothing;
our custom permissions appear in Settings › Groups."""

import subprocess
import sys

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
from tests.test_settings import ROOT, clean_env

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


SETUP_A_UNIT = """
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site
from moit_wagtail.models import Unit
Unit.objects.create(site=Site.objects.get(), group_key="สสจ.", unit_type="pho")
call_command("setup_units")
for group in Group.objects.filter(name__startswith="สสจ.").order_by("name"):
    print(group.name, sorted(group.permissions.values_list("codename", flat=True)))
"""


def test_setup_units_runs_with_only_the_core_apps(tmp_path):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="tests.settings_core_apps",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'core.db'}",
    )

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("migrate", "-v0")
    output = manage("shell", "-v0", "-c", SETUP_A_UNIT)

    admins = "สสจ.: ผู้ดูแลเว็บไซต์"
    core_rights = ["access_admin", "add_unit", "change_unit", "publish_urgently", "view_unit"]
    assert f"{admins} {core_rights}" in output
