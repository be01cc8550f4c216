"""Site settings are per unit: a unit's admins edit their own site's settings only, the
provincial office's admins those of the units it oversees (Wagtail's site permissions)."""

import pytest
from django.urls import reverse
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry

from moit_wagtail.models import AgencyProfile, Unit
from tests.units_helpers import assert_refused, setup_units, unit_site

pytestmark = pytest.mark.django_db

SITE_SETTINGS = [model for model in registry if issubclass(model, BaseSiteSetting)]


def edit_url(model, site):
    return reverse(
        "wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, site.pk]
    )


def profile_url(unit):
    return edit_url(AgencyProfile, unit.site)


def profile_form(name, **fields):
    return {"name_th": name, "name_en": "", "parent_unit": "", "address": "", "fax": "", **fields}


def test_a_unit_admin_edits_its_own_profile(client, units, unit_admin):
    client.force_login(unit_admin(units.dho))

    assert client.get(profile_url(units.dho)).status_code == 200
    response = client.post(
        profile_url(units.dho), profile_form("สสอ.ทดสอบ", phone="0 3000 0000", email="d@x.go.th")
    )

    assert response.status_code == 302
    assert AgencyProfile.for_site(units.dho.site).phone == "0 3000 0000"


@pytest.mark.parametrize("model", SITE_SETTINGS, ids=lambda model: model._meta.model_name)
def test_no_unit_admin_opens_another_units_settings(client, units, unit_admin, model):
    client.force_login(unit_admin(units.dho))

    for other in (units.pho, units.hospital):
        assert_refused(client.get(edit_url(model, other.site)))


def test_a_district_admin_cannot_change_the_provincial_offices_phone_or_email(
    client, units, unit_admin
):
    client.force_login(unit_admin(units.dho))

    response = client.post(
        profile_url(units.pho),
        profile_form("ถูกยึด", phone="0 9999 9999", email="attacker@evil.example"),
    )

    assert_refused(response)
    profile = AgencyProfile.for_site(units.pho.site)
    assert (profile.name_th, profile.phone, profile.email) == (
        "สำนักงานสาธารณสุขจังหวัดทดสอบ",
        "",
        "",
    )


def test_the_site_switcher_lists_only_the_sites_the_user_may_edit(client, units, unit_admin):
    client.force_login(unit_admin(units.dho))

    response = client.get(profile_url(units.dho))

    assert response.context["site_switcher"] is None  # one editable site: no dropdown
    html = response.content.decode()
    for other in (units.pho, units.hospital):
        assert profile_url(other) not in html
        assert other.site.hostname not in html


def test_the_settings_menu_opens_the_unit_admins_own_site(client, units, unit_admin):
    """The request is for the provincial site (testserver): still the admin's own opens."""
    client.force_login(unit_admin(units.dho))

    response = client.get(reverse("wagtailsettings:edit", args=["moit_wagtail", "agencyprofile"]))

    assert response.status_code == 302
    assert response["Location"] == profile_url(units.dho)


def test_the_provincial_admin_edits_the_settings_of_the_units_it_oversees(
    client, units, unit_admin
):
    client.force_login(unit_admin(units.pho))

    response = client.get(profile_url(units.hospital))

    assert response.status_code == 200
    switcher = response.context["site_switcher"]
    assert {url for url, _label in switcher.fields["site"].choices} == {
        profile_url(unit) for unit in (units.pho, units.dho, units.hospital)
    }
    response = client.post(
        profile_url(units.hospital), profile_form("รพ.ทดสอบ", phone="0 4000 0000", email="")
    )
    assert response.status_code == 302
    assert AgencyProfile.for_site(units.hospital.site).phone == "0 4000 0000"


def test_a_unit_the_province_does_not_oversee_keeps_its_settings_to_itself(
    client, units, unit_admin
):
    outside = Unit.objects.create(
        site=unit_site("outside", "outside.test", "รพ.นอกจังหวัด"),
        group_key="รพ.นอกจังหวัด",
        unit_type="hospital",
    )
    setup_units()
    client.force_login(unit_admin(units.pho))

    assert_refused(client.get(profile_url(outside)))


def test_a_district_admin_does_not_oversee_other_units_settings(client, units, unit_admin):
    """Only the provincial office's admins look after units below them."""
    units.hospital.parent = units.dho
    units.hospital.save()
    setup_units()
    client.force_login(unit_admin(units.dho))

    assert_refused(client.get(profile_url(units.hospital)))
