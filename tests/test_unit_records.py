"""The facts that decide rights (unit type, group key, overseeing unit) are set by
superusers and the provincial office's admins only, and ``setup_units`` derives rights
from nothing a unit's own admins can edit."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Task,
    WorkflowPage,
)

from moit_wagtail.models import AgencyProfile, Unit
from moit_wagtail.public.models import FooterSettings
from tests.units_helpers import DHO, HOSPITAL, assert_refused, setup_units

pytestmark = pytest.mark.django_db


def unit_form(unit, **fields):
    values = {
        "site": unit.site_id,
        "group_key": unit.group_key,
        "unit_type": unit.unit_type,
        "parent": unit.parent_id or "",
    }
    return {**values, **fields}


def edit_url(unit):
    return reverse("moit_units:edit", args=[unit.pk])


def settings_url(model, unit):
    meta = model._meta
    return reverse("wagtailsettings:edit", args=[meta.app_label, meta.model_name, unit.site_id])


def facts(unit):
    unit.refresh_from_db()
    return (unit.site_id, unit.group_key, unit.unit_type, unit.parent_id)


def rights():
    """Every right an account can hold, by group name: nothing here may move unseen."""
    return {
        "group permissions": {
            (group.name, codename)
            for group in Group.objects.all()
            for codename in group.permissions.values_list("codename", flat=True)
        },
        "page permissions": set(
            GroupPagePermission.objects.values_list("group__name", "page_id", "permission_id")
        ),
        "collection permissions": set(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection_id", "permission_id"
            )
        ),
        "site permissions": set(
            GroupSitePermission.objects.values_list("group__name", "site_id", "permission_id")
        ),
        "workflows": set(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "approving groups": {
            (task.name, group.name)
            for task in Task.objects.all()
            for group in task.specific.groups.all()
        },
        "members": set(Group.user_set.through.objects.values_list("group__name", "user__username")),
    }


# -- the attack: a district admin makes itself provincial, takes the hospital's prefix --


def test_a_district_admin_cannot_open_the_units(client, units, unit_admin):
    client.force_login(unit_admin(units.dho))

    assert_refused(client.get(reverse("moit_units:index")))
    assert_refused(client.get(edit_url(units.dho)))


def test_a_district_admin_cannot_make_its_unit_provincial(client, units, unit_admin):
    client.force_login(unit_admin(units.dho))
    before = facts(units.dho)

    assert_refused(client.post(edit_url(units.dho), unit_form(units.dho, unit_type="pho")))
    assert facts(units.dho) == before


def test_a_district_admin_cannot_give_the_hospital_its_group_key(client, units, unit_admin):
    client.force_login(unit_admin(units.dho))
    before = facts(units.hospital)

    assert_refused(client.post(edit_url(units.hospital), unit_form(units.hospital, group_key=DHO)))
    assert facts(units.hospital) == before


def test_the_unit_profile_no_longer_carries_the_units_type_or_group_key(client, units, unit_admin):
    """What the old profile form accepted is ignored: the profile only holds public facts."""
    client.force_login(unit_admin(units.dho))
    before = facts(units.dho)

    response = client.post(
        settings_url(AgencyProfile, units.dho),
        {"name_th": "สสอ.ทดสอบ", "unit_type": "pho", "short_name": HOSPITAL, "group_key": HOSPITAL},
    )

    assert response.status_code == 302
    assert facts(units.dho) == before


def test_setup_units_after_every_edit_a_unit_admin_can_make_changes_no_ones_rights(
    client, units, unit_admin
):
    client.force_login(unit_admin(units.dho))
    before = rights()
    hostile = {"unit_type": "pho", "short_name": DHO, "group_key": DHO, "parent": ""}

    for path, data in [
        (settings_url(AgencyProfile, units.dho), {"name_th": HOSPITAL, "name_en": "", **hostile}),
        (settings_url(FooterSettings, units.dho), hostile),
        (settings_url(AgencyProfile, units.hospital), {"name_th": DHO, **hostile}),
        (edit_url(units.dho), unit_form(units.dho, unit_type="pho")),
        (edit_url(units.hospital), unit_form(units.hospital, group_key=DHO, parent=units.dho.pk)),
    ]:
        client.post(path, data)
    setup_units()

    assert AgencyProfile.for_site(units.dho.site).name_th == HOSPITAL  # its own: saved
    assert rights() == before


# -- who may set units up ---------------------------------------------------------------


def test_the_provincial_admin_changes_a_units_type_and_overseer(client, units, unit_admin):
    client.force_login(unit_admin(units.pho))
    assert client.get(edit_url(units.hospital)).status_code == 200

    response = client.post(
        edit_url(units.hospital), unit_form(units.hospital, unit_type="sho", parent=units.dho.pk)
    )

    assert response.status_code == 302
    assert facts(units.hospital)[2:] == ("sho", units.dho.pk)


def test_a_units_site_and_group_key_are_fixed_once_it_exists(client, units, admin_user):
    """Its groups, collection and workflow carry the key: a rename would orphan them."""
    client.force_login(admin_user)
    before = facts(units.hospital)

    response = client.post(
        edit_url(units.hospital),
        unit_form(units.hospital, site=units.dho.site_id, group_key="รพ.ใหม่"),
    )

    assert response.status_code == 302
    assert facts(units.hospital) == before


def test_the_provincial_admin_adds_a_unit(client, units, unit_admin):
    from tests.units_helpers import unit_site

    site = unit_site("new", "new.test", "รพ.สต.ใหม่")
    client.force_login(unit_admin(units.pho))

    response = client.post(
        reverse("moit_units:add"),
        {"site": site.pk, "group_key": "รพ.สต.ใหม่", "unit_type": "sho", "parent": units.pho.pk},
    )

    assert response.status_code == 302
    assert facts(Unit.objects.get(site=site))[1:] == ("รพ.สต.ใหม่", "sho", units.pho.pk)


def test_a_unit_cannot_oversee_itself(units):
    from django.core.exceptions import ValidationError

    units.pho.parent = units.hospital
    with pytest.raises(ValidationError):
        units.pho.full_clean()


def test_only_the_provincial_admins_see_units_in_the_settings_menu(client, units, unit_admin):
    url = reverse("moit_units:index")
    client.force_login(unit_admin(units.dho))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(unit_admin(units.pho))
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
