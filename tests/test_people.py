"""People choosers offer the unit's own staff by Thai name and position, and the server
refuses anyone else: the person responsible of a publication and the verbal approver."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail import people
from moit_wagtail.models import StaffProfile
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from tests.factories import build_page, form_values

pytestmark = pytest.mark.django_db

POSITION = "นักวิชาการสาธารณสุขชำนาญการ"


@pytest.fixture
def other_unit(home_page):
    """A district office's site beside the test unit's, with its own groups."""
    home = HomePage(title="สสอ.อื่น", slug="other-unit", welcome="ยินดีต้อนรับ")
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.create(hostname="other.testserver", port=80, root_page=home)
    return ensure_unit_groups(site, "สสอ.อื่น")


@pytest.fixture
def staff(unit, make_member):
    """The unit's editor (with a position), approver and admin."""
    editor = make_member("somsri", unit.editors, "สมศรี")
    editor.last_name = "ใจดี"
    editor.save()
    StaffProfile.objects.create(user=editor, position=POSITION)
    return {
        "editor": editor,
        "approver": make_member("head", unit.approvers, "ประเสริฐ"),
        "admin": make_member("webadmin", unit.admins, "วิไล"),
    }


@pytest.fixture
def outsiders(unit, other_unit, make_member, admin_user):
    """Accounts a chooser must never offer: another unit's editor, a superuser who is even
    in the unit's group, and a former member whose account is disabled."""
    admin_user.groups.add(unit.editors)
    gone = make_member("gone", unit.editors, "ลาออก")
    gone.is_active = False
    gone.save()
    return {
        "other": make_member("dho-editor", other_unit.editors, "อื่น"),
        "superuser": admin_user,
        "inactive": gone,
    }


@pytest.fixture
def law(make_page, staff):
    return make_page(pages.LawPage, title="ประกาศหลักเกณฑ์", responsible_person=staff["editor"])


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def offered(response, name="responsible_person"):
    field = response.context["form"].fields[name]
    return {str(value): label for value, label in field.choices if value}


def test_unit_staff_are_the_active_members_of_the_units_groups(unit, staff, outsiders):
    site = Site.objects.get(root_page=unit.admins.page_permissions.first().page)
    assert set(people.unit_staff(site)) == set(staff.values())


def test_person_label_is_thai_name_and_position(staff):
    assert people.person_label(staff["editor"]) == f"สมศรี ใจดี ({POSITION})"
    assert people.person_label(staff["approver"]) == "ประเสริฐ ทดสอบ"


def test_the_person_responsible_is_chosen_from_the_units_staff_by_name(
    admin_client, law, staff, outsiders
):
    choices = offered(admin_client.get(edit_url(law)))

    assert set(choices) == {str(user.pk) for user in staff.values()}
    assert choices[str(staff["editor"].pk)] == f"สมศรี ใจดี ({POSITION})"
    assert not any(user.username in label for user in outsiders.values() for label in choices)


def test_a_new_page_offers_the_staff_of_the_unit_it_goes_under(
    admin_client, category_indexes, staff, outsiders
):
    parent = category_indexes[pages.LawIndexPage]
    url = f"/admin/pages/add/moit_pages/lawpage/{parent.pk}/"
    assert set(offered(admin_client.get(url))) == {str(user.pk) for user in staff.values()}


def test_a_crafted_post_with_another_units_account_is_refused(admin_client, law, staff, outsiders):
    data = form_values(admin_client.get(edit_url(law)).content.decode())
    data["responsible_person"] = str(outsiders["other"].pk)

    response = admin_client.post(edit_url(law), {**data, "action-publish": "1"})

    assert response.status_code == 200
    assert response.context["form"].errors["responsible_person"] == [str(people.NOT_UNIT_STAFF)]
    law.refresh_from_db()
    assert law.responsible_person == staff["editor"]


def test_a_superuser_cannot_be_posted_either(admin_client, law, staff, outsiders):
    data = form_values(admin_client.get(edit_url(law)).content.decode())
    data["responsible_person"] = str(outsiders["superuser"].pk)
    response = admin_client.post(edit_url(law), data)
    assert "responsible_person" in response.context["form"].errors


def test_a_unit_member_is_accepted(admin_client, law, staff):
    data = form_values(admin_client.get(edit_url(law)).content.decode())
    data["responsible_person"] = str(staff["approver"].pk)
    response = admin_client.post(edit_url(law), {**data, "action-publish": "1"})
    assert response.status_code == 302
    law.refresh_from_db()
    assert law.responsible_person == staff["approver"]


def test_a_saved_person_now_out_of_scope_stays_visible_and_is_kept(
    admin_client, law, staff, outsiders
):
    """Someone who moved to another unit is still shown (marked), and saving the page
    without touching the field keeps them instead of dropping the value."""
    mover = staff["editor"]
    mover.groups.clear()

    response = admin_client.get(edit_url(law))
    choices = offered(response)
    assert choices[str(mover.pk)].startswith(f"สมศรี ใจดี ({POSITION})")
    assert choices[str(mover.pk)] != f"สมศรี ใจดี ({POSITION})"  # marked out of scope
    data = form_values(response.content.decode())
    assert data["responsible_person"] == str(mover.pk)

    response = admin_client.post(edit_url(law), {**data, "action-publish": "1"})
    assert response.status_code == 302
    law.refresh_from_db()
    assert law.responsible_person == mover


def test_the_editor_page_renders_in_the_same_queries_whatever_the_staff_size(
    admin_client, law, unit, staff, make_member, django_assert_max_num_queries
):
    admin_client.get(edit_url(law))  # warm Wagtail's caches (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(edit_url(law))
    for number in range(25):
        member = make_member(f"staff{number}", unit.editors)
        StaffProfile.objects.create(user=member, position=POSITION)

    with django_assert_max_num_queries(len(few)):
        response = admin_client.get(edit_url(law))
    assert len(offered(response)) == 28


# -- the verbal approver of the urgent path ---------------------------------------------


@pytest.fixture
def pending_page(staff, category_indexes):
    parent = category_indexes[pages.NewsIndexPage]
    page = build_page(pages.NewsPage, staff["editor"], title="แจ้งเตือนด่วน", kind="1.8.4")
    page.live = False
    parent.add_child(instance=page)
    page.save_revision(user=staff["editor"])
    page.get_workflow().start(page, staff["editor"])
    return page


def urgent_url(page):
    return f"/admin/moit/urgent/publish/{page.pk}/"


def an_hour_ago():
    return (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")


def test_the_verbal_approver_is_one_of_the_units_approvers_by_name(
    client, unit, other_unit, staff, outsiders, pending_page
):
    outsiders["superuser"].groups.add(unit.approvers)
    other_head = outsiders["other"]
    other_head.groups.add(other_unit.approvers)
    client.force_login(staff["admin"])

    choices = offered(client.get(urgent_url(pending_page)), "approver")

    assert choices == {str(staff["approver"].pk): "ประเสริฐ ทดสอบ"}


def test_a_crafted_approver_from_another_unit_is_refused_in_thai(
    client, other_unit, staff, outsiders, pending_page
):
    other_head = outsiders["other"]
    other_head.groups.add(other_unit.approvers)
    client.force_login(staff["admin"])

    response = client.post(
        urgent_url(pending_page),
        {"approver": other_head.pk, "approved_at": an_hour_ago(), "reason": "ด่วน"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["approver"] == [str(people.NOT_UNIT_STAFF)]
    pending_page.refresh_from_db()
    assert not pending_page.live
