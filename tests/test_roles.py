"""``ensure_unit_groups``: editors cannot publish (seed 2.1, 3.1); a second run adds nothing."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
)

from moit_wagtail.roles import (
    ADMINS_ROLE,
    APPROVERS_ROLE,
    EDITORS_ROLE,
    ensure_unit_groups,
    group_name,
)

UNIT = "สสจ.ตัวอย่าง"
OTHER_UNIT = "รพ.ตัวอย่าง"

pytestmark = pytest.mark.django_db


def make_site(slug, hostname):
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title=slug, slug=slug))
    return Site.objects.create(hostname=hostname, port=80, root_page=home)


@pytest.fixture
def unit_site():
    return make_site("unit-home", "unit.example")


@pytest.fixture
def member(django_user_model):
    """``member(group)``: a new active user in ``group``."""

    def make(group):
        user = django_user_model.objects.create_user(username=f"user-{group.pk}")
        user.groups.add(group)
        return user

    return make


def page_actions(group, page):
    return {
        codename.rsplit("_", 1)[0]
        for codename in GroupPagePermission.objects.filter(group=group, page=page).values_list(
            "permission__codename", flat=True
        )
    }


def media_codenames(group, collection):
    return set(
        GroupCollectionPermission.objects.filter(group=group, collection=collection).values_list(
            "permission__codename", flat=True
        )
    )


def test_three_groups_named_in_thai_with_admin_access(unit_site):
    groups = ensure_unit_groups(unit_site, UNIT)

    assert [group.name for group in groups.all()] == [
        group_name(UNIT, role) for role in (ADMINS_ROLE, EDITORS_ROLE, APPROVERS_ROLE)
    ]
    assert groups.editors.name == "สสจ.ตัวอย่าง: เจ้าของข้อมูล/ผู้จัดทำเนื้อหา"
    for group in groups.all():
        assert group.permissions.filter(codename="access_admin").exists()


def test_page_permissions_on_the_site_root(unit_site):
    groups = ensure_unit_groups(unit_site, UNIT)
    root = unit_site.root_page

    assert page_actions(groups.editors, root) == {"add", "change"}
    assert page_actions(groups.approvers, root) == {"add", "change", "publish"}
    assert page_actions(groups.admins, root) == {
        "add",
        "change",
        "publish",
        "lock",
        "unlock",
        "bulk_delete",
    }


def test_editors_cannot_publish_approvers_and_admins_can(unit_site, member):
    groups = ensure_unit_groups(unit_site, UNIT)
    page = unit_site.root_page.add_child(instance=Page(title="ข่าว", slug="news"))

    editor = page.permissions_for_user(member(groups.editors))
    approver = page.permissions_for_user(member(groups.approvers))
    admin = page.permissions_for_user(member(groups.admins))

    assert editor.can_edit() and not editor.can_publish()
    assert approver.can_publish() and not approver.can_unlock()
    assert admin.can_publish() and admin.can_lock() and admin.can_unlock()


def test_permissions_stop_at_the_units_own_site(unit_site, member):
    groups = ensure_unit_groups(unit_site, UNIT)
    other_site = make_site("other-home", "other.example")

    admin = other_site.root_page.permissions_for_user(member(groups.admins))

    assert not admin.can_edit()
    assert not admin.can_publish()


def test_collection_per_unit_with_media_permissions(unit_site):
    groups = ensure_unit_groups(unit_site, UNIT)
    collection = groups.collection

    assert collection.name == UNIT
    assert collection.get_parent() == Collection.get_first_root_node()
    everyday = {"add_document", "change_document", "choose_document"} | {
        "add_image",
        "change_image",
        "choose_image",
    }
    assert media_codenames(groups.editors, collection) == everyday
    assert media_codenames(groups.approvers, collection) == everyday
    assert media_codenames(groups.admins, collection) == everyday | {
        "delete_document",
        "delete_image",
    }


def test_only_admins_may_edit_the_units_site_settings_and_only_on_its_own_site(unit_site):
    other_site = make_site("other-home", "other.example")
    groups = ensure_unit_groups(unit_site, UNIT)
    ensure_unit_groups(other_site, OTHER_UNIT)

    def settings_sites(group):
        return {
            (codename, site_id)
            for codename, site_id in GroupSitePermission.objects.filter(group=group).values_list(
                "permission__codename", "site_id"
            )
        }

    assert settings_sites(groups.admins) == {
        ("change_agencyprofile", unit_site.pk),
        ("change_footersettings", unit_site.pk),
        ("change_retentionsettings", unit_site.pk),  # citizens' personal data
    }
    assert settings_sites(groups.editors) == settings_sites(groups.approvers) == set()
    # Model-wide, Wagtail would open every unit's settings to them.
    assert not groups.admins.permissions.filter(codename__startswith="change_agency").exists()


def test_a_model_wide_settings_right_from_earlier_versions_is_taken_back(unit_site):
    groups = ensure_unit_groups(unit_site, UNIT)
    groups.admins.permissions.add(
        Permission.objects.get(
            content_type__app_label="moit_wagtail", codename="change_agencyprofile"
        )
    )

    ensure_unit_groups(unit_site, UNIT)

    assert not groups.admins.permissions.filter(codename="change_agencyprofile").exists()


def test_running_twice_creates_nothing(unit_site):
    first = ensure_unit_groups(unit_site, UNIT)

    def counts():
        return (
            Group.objects.count(),
            Collection.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            sum(group.permissions.count() for group in Group.objects.all()),
        )

    before = counts()
    second = ensure_unit_groups(unit_site, UNIT)

    assert counts() == before
    assert [group.pk for group in second.all()] == [group.pk for group in first.all()]
    assert second.collection.pk == first.collection.pk


def test_each_unit_gets_its_own_groups_and_collection(unit_site):
    other_site = make_site("other-home", "other.example")

    first = ensure_unit_groups(unit_site, UNIT)
    second = ensure_unit_groups(other_site, OTHER_UNIT)

    assert {group.pk for group in first.all()}.isdisjoint(group.pk for group in second.all())
    assert first.collection != second.collection
    assert page_actions(second.editors, unit_site.root_page) == set()


def test_setup_units_gives_only_the_provincial_office_the_roll_up(django_user_model):
    from io import StringIO

    from django.core.management import call_command

    from moit_wagtail.access import sites_for_user
    from moit_wagtail.models import Unit

    Site.objects.all().delete()  # Wagtail's initial site is no unit
    province = make_site("pho", "pho.example")
    hospital = make_site("hospital", "hospital.example")
    pho = Unit.objects.create(site=province, group_key=UNIT, unit_type="pho")
    Unit.objects.create(site=hospital, group_key=OTHER_UNIT, unit_type="hospital", parent=pho)
    call_command("setup_units", stdout=StringIO())

    def admin_of(unit):
        user = django_user_model.objects.create_user(username=f"admin-{unit}")
        user.groups.add(Group.objects.get(name=group_name(unit, ADMINS_ROLE)))
        return user

    provincial, hospital_admin = admin_of(UNIT), admin_of(OTHER_UNIT)
    assert {site.pk for site in sites_for_user(provincial)} == {province.pk, hospital.pk}
    assert provincial.has_perm("moit_checklist.change_framework")
    assert [site.pk for site in sites_for_user(hospital_admin)] == [hospital.pk]
    assert not hospital_admin.has_perm("moit_checklist.change_framework")
    assert hospital_admin.has_perm("moit_checklist.add_notapplicable")


def test_setup_units_refuses_a_site_that_is_no_unit():
    from io import StringIO

    from django.core.management import CommandError, call_command

    make_site("new-home", "new.example")

    with pytest.raises(CommandError, match="not a unit yet"):
        call_command("setup_units", stdout=StringIO())
