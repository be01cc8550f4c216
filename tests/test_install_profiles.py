"""Install profiles: the core alone, then each optional app alone on top of it.

For each profile a subprocess runs pytest under ``tests.settings_minimal`` with the
profile's apps in ``MOIT_PROFILE_APPS``: its test database is built by ``migrate``, and
``test_profile`` below builds a small unit site, runs ``setup_units``, renders every
category index and the 1.10 statistics page, and runs the system checks.
"""

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from tests.other_install import run_test_under

ROOT = Path(__file__).resolve().parent.parent
APP = "moit_wagtail."
# Each optional app with the optional apps it really needs (its system checks say so).
PROFILES = {
    "minimal": [],
    "evidence": ["checklist", "evidence"],
    "checklist": ["checklist"],
    "monitoring": ["checklist", "monitoring"],
    "reminders": ["checklist", "monitoring", "reminders"],
    "search": ["search"],
    "stats": ["stats"],
    "survey": ["survey"],
    "eservices": ["eservices"],
    "public": ["public"],
    "traffic": ["traffic"],
    "backup": ["backup"],
    "wagtail_th": ["wagtail_th"],
    "personal_data": ["personal_data"],
}
# What setup_units grants a provincial unit's admins when no optional app adds rights.
CORE_ADMIN_RIGHTS = ["access_admin", "add_unit", "change_unit", "publish_urgently", "view_unit"]
# The 1.10 page's section each app contributes.
SECTIONS = {
    "survey": "moit_survey/includes/statistics_section.html",
    "stats": "moit_stats/statistics_section.html",
}


@pytest.mark.install
@pytest.mark.parametrize("profile", PROFILES)
def test_the_install_profile_works(profile):
    run_test_under(
        "tests.settings_minimal",
        f"{__file__}::test_profile",
        MOIT_PROFILE_APPS=",".join(APP + a for a in PROFILES[profile]),
    )  # asserts the profile's test passed


@pytest.mark.under_settings("tests.settings_minimal")
def test_profile(client, home_page, category_indexes):
    """Run by the test above, under one install profile."""
    from moit_wagtail.models import Unit
    from moit_wagtail.pages import models as pages

    installed = {app.name.removeprefix(APP) for app in apps.get_app_configs()}
    wanted = set(settings.PROFILE_APPS)
    assert {app.name for app in apps.get_app_configs() if app.name.startswith(APP)} == {
        "moit_wagtail.pages",
        "moit_wagtail.workflow",
        *wanted,
    }
    call_command("check", fail_level="ERROR")
    site = home_page.get_site()
    Unit.objects.update_or_create(
        site=site, defaults={"group_key": "สสจ.ทดสอบ", "unit_type": "pho"}
    )
    call_command("setup_units", stdout=io.StringIO())
    if not wanted:  # each app grants its own rights: the core grants only its own
        admins = Group.objects.get(name="สสจ.ทดสอบ: ผู้ดูแลเว็บไซต์")
        assert sorted(admins.permissions.values_list("codename", flat=True)) == CORE_ADMIN_RIGHTS
    for model, index in category_indexes.items():
        response = client.get(index.url)
        assert response.status_code == 200, (model, response.status_code)
    statistics = client.get(category_indexes[pages.StatisticsIndexPage].url)
    shown = [section.template for section in statistics.context["statistics_sections"]]
    assert shown == [template for name, template in SECTIONS.items() if name in installed]
    if "stats" in installed:
        assert 'class="stats-report"' in statistics.content.decode()
    assert client.get(home_page.url).status_code == 200
