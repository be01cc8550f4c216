"""Governance checks per unit (seed 3.1, 2.2): two active admins, admins who log in,
no self-approval, urgent approvals confirmed, Wagtail's default groups off the root."""

import datetime

import pytest
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission, Page, Site, TaskState

from home.models import HomePage
from moit_wagtail.models import AgencyProfile, Unit
from moit_wagtail.monitoring.governance import (
    GROUPS_WITH_ROOT_PERMISSIONS,
    INACTIVE_ADMINS,
    PUBLISHED_BY_AUTHOR,
    SELF_APPROVALS,
    TOO_FEW_ADMINS,
    UNCONFIRMED_URGENT,
    URGENT_PUBLICATIONS,
    unit_checks,
)
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from moit_wagtail.workflow.models import UrgentApproval
from moit_wagtail.workflow.setup import ensure_publishing_workflow
from tests import factories

pytestmark = pytest.mark.django_db

OTHER_UNIT = "รพ.ทดสอบ"


@pytest.fixture
def site(home_page, unit):
    site = Site.objects.select_related("root_page").get(root_page=home_page)
    return site


@pytest.fixture
def other(home_page, make_member):
    """A second unit whose two admins logged in yesterday."""
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="รพ.ทดสอบ", slug="other-home", welcome="")
    )
    other = Site.objects.create(hostname="other.test", root_page=home, site_name=OTHER_UNIT)
    AgencyProfile.objects.create(site=other, name_th="โรงพยาบาลทดสอบ")
    Unit.objects.create(site=other, group_key=OTHER_UNIT, unit_type="hospital")
    ensure_publishing_workflow(other, OTHER_UNIT)
    admins = ensure_unit_groups(other, OTHER_UNIT).admins
    for name in ("other1", "other2"):
        logged_in(make_member(name, admins), days_ago=1)
    return Site.objects.select_related("root_page").get(pk=other.pk)


def logged_in(user, days_ago):
    user.last_login = None if days_ago is None else timezone.now() - datetime.timedelta(days_ago)
    user.save(update_fields=["last_login"])
    return user


def codes(report):
    return [warning.code for warning in report.warnings]


def remove_default_groups_from_root():
    GroupPagePermission.objects.filter(
        page__depth=1, group__name__in=("Editors", "Moderators")
    ).delete()


def approved_request(page, requester, approver):
    """A finished approval step of ``requester``'s request, decided by ``approver``."""
    workflow_state = page.get_workflow().start(page, requester)
    TaskState.objects.filter(pk=workflow_state.current_task_state.pk).update(
        status=TaskState.STATUS_APPROVED, finished_by=approver, finished_at=timezone.now()
    )
    return workflow_state


def test_a_unit_with_one_active_admin_is_warned(site, unit, make_member):
    active = logged_in(make_member("admin1", unit.admins), days_ago=3)
    gone = make_member("admin2", unit.admins)
    gone.is_active = False
    gone.save()

    [report] = unit_checks([site])

    warning = report.warning(TOO_FEW_ADMINS)
    assert (warning.count, warning.users) == (1, (active,))
    with translation.override("en"):
        assert str(warning.message).startswith("Fewer than two active website admins")
    assert not report.is_ok


def test_admins_idle_for_90_days_or_never_logged_in(site, unit, make_member):
    logged_in(make_member("recent", unit.admins), days_ago=89)
    idle = logged_in(make_member("idle", unit.admins), days_ago=91)
    never = logged_in(make_member("never", unit.admins), days_ago=None)

    [report] = unit_checks([site])

    assert TOO_FEW_ADMINS not in codes(report)
    warning = report.warning(INACTIVE_ADMINS)
    assert warning.count == 2
    assert set(warning.users) == {idle, never}


def test_self_approvals_are_counted_in_the_unit_of_the_page(
    site, other, unit, make_member, make_page
):
    approver = make_member("approver1", unit.approvers)
    editor = make_member("editor1", unit.editors)
    own = make_page(pages.LawPage, title="อนุมัติเอง", slug="own")
    fine = make_page(pages.KnowledgePage, title="อนุมัติโดยผู้อื่น", slug="fine")
    approved_request(own, approver, approver)
    approved_request(fine, editor, approver)

    here, there = unit_checks([site, other])

    warning = here.warning(SELF_APPROVALS)
    assert warning.count == 1
    [item] = warning.items
    assert (item.page_id, item.page_title, item.user) == (own.pk, "อนุมัติเอง", approver)
    assert SELF_APPROVALS not in codes(there)


def test_unconfirmed_urgent_approvals(site, other, unit, make_member, make_page):
    approver = make_member("approver1", unit.approvers)
    publisher = make_member("admin1", unit.admins)
    page = make_page(pages.NewsPage)
    record = {"approved_at": timezone.now(), "reason": "ข่าวด่วน", "published_by": publisher}
    waiting = UrgentApproval.objects.create(page=page, approver=approver, **record)
    UrgentApproval.objects.create(
        page=page, approver=approver, confirmed_at=timezone.now(), **record
    )

    here, there = unit_checks([site, other])

    warning = here.warning(UNCONFIRMED_URGENT)
    assert (warning.count, list(warning.items)) == (1, [waiting])
    assert UNCONFIRMED_URGENT not in codes(there)


def test_default_groups_on_the_root_are_reported_once(site, other):
    first, second = unit_checks([site, other])
    warning = first.warning(GROUPS_WITH_ROOT_PERMISSIONS)
    assert {group.name for group in warning.items} == {"Editors", "Moderators"}
    assert warning.count == 2
    assert second.is_ok  # two recent admins, nothing else

    remove_default_groups_from_root()
    first, second = unit_checks([site, other])
    assert GROUPS_WITH_ROOT_PERMISSIONS not in codes(first)


def test_a_well_run_unit_is_ok(site, unit, make_member):
    remove_default_groups_from_root()
    for name in ("admin1", "admin2"):
        logged_in(make_member(name, unit.admins), days_ago=2)
    [report] = unit_checks([site])
    assert report.is_ok and report.warnings == []


def test_a_site_that_is_no_unit_has_no_admins(site):
    Unit.objects.filter(site=site).delete()
    [report] = unit_checks([site])
    assert report.warning(TOO_FEW_ADMINS).count == 0


def test_fixed_number_of_queries_whatever_the_number_of_units(
    site, other, unit, make_member, make_page, editor, django_assert_num_queries
):
    approver = make_member("approver1", unit.approvers)
    logged_in(make_member("admin1", unit.admins), days_ago=200)
    page = make_page(pages.LawPage)
    approved_request(page, approver, approver)
    UrgentApproval.objects.create(
        page=page, approver=approver, approved_at=timezone.now(), reason="ด่วน",
        published_by=approver,
    )  # fmt: skip
    other_page = factories.publish(
        factories.build_page(pages.LawPage, editor, slug="o-law"), other.root_page
    )
    approved_request(other_page, approver, approver)
    sites = list(Site.objects.select_related("root_page").order_by("pk"))

    with django_assert_num_queries(8):
        one = unit_checks(sites[:1])
    with django_assert_num_queries(8):
        both = unit_checks(sites)
    assert one[0].warning(SELF_APPROVALS).count == 1
    assert both[1].warning(SELF_APPROVALS).count == 1


def test_every_exception_to_segregation_of_duties_is_counted(
    site, other, unit, make_member, make_page, admin_user
):
    """Urgent publications, and a superuser publishing his own text, are counted."""
    approver = make_member("approver1", unit.approvers)
    page = make_page(pages.NewsPage)
    UrgentApproval.objects.create(
        page=page, approver=approver, approved_at=timezone.now(), reason="ข่าวด่วน",
        published_by=admin_user, confirmed_at=timezone.now(),
    )  # fmt: skip
    page.title = "ข่าวที่ผู้ดูแลระบบเขียนเอง"
    page.save_revision(user=admin_user).publish(user=admin_user)

    here, there = unit_checks([site, other])

    assert here.warning(URGENT_PUBLICATIONS).count == 1
    warning = here.warning(PUBLISHED_BY_AUTHOR)
    assert warning.count == 1 and warning.items[0].user == admin_user
    assert warning.url == f"/admin/pages/{page.pk}/history/"
    assert URGENT_PUBLICATIONS not in codes(there) and PUBLISHED_BY_AUTHOR not in codes(there)
