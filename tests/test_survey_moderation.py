"""Survey comments are published only after a permitted unit's staff approve them."""

import re

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from moit_wagtail.survey.models import (
    CommentStatus,
    SurveyResponse,
)
from tests.survey_helpers import (
    ADMIN_LIST_URL,
    ASPECTS,
    build_survey,
    current_fiscal_year,
    respond,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_unit(home_page):
    """A second unit (hospital) with its own site, groups and survey."""
    root = Page.get_first_root_node()
    home = HomePage(title="โรงพยาบาลอื่น", slug="other-hospital", welcome="ยินดีต้อนรับ")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname="other.test", port=80, root_page=home)
    index = pages.StatisticsIndexPage(title="1.10 สถิติ", slug="statistics")
    home.add_child(instance=index)
    index.save_revision().publish()
    groups = ensure_unit_groups(site, "รพ.อื่น")
    survey, _results = build_survey(index, slug="other-survey")
    return groups, survey


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def moderate(client, response, status):
    return client.post(f"{ADMIN_LIST_URL}edit/{response.pk}/", {"comment_status": status})


def test_unit_approver_approves_and_the_comment_appears(
    client, survey, results_page, unit, make_member
):
    pending = respond(survey, timezone.now(), (5, 4, 5), "เว็บไซต์ใช้งานง่าย")
    approver = make_member("approver", unit.approvers)
    client.force_login(approver)
    listing = client.get(ADMIN_LIST_URL)
    assert listing.status_code == 200 and "เว็บไซต์ใช้งานง่าย" in text(listing)
    form = client.get(f"{ADMIN_LIST_URL}edit/{pending.pk}/")
    assert form.status_code == 200 and ASPECTS[0] in text(form)
    assert moderate(client, pending, CommentStatus.APPROVED).status_code == 302
    pending.refresh_from_db()
    assert pending.comment_status == CommentStatus.APPROVED
    assert pending.reviewed_by == approver and pending.reviewed_at
    client.logout()
    assert "เว็บไซต์ใช้งานง่าย" in text(client.get(results_page.url))


def test_other_units_admin_can_neither_see_nor_approve(
    client, survey, unit, other_unit, make_member
):
    other_groups, other_survey = other_unit
    ours = respond(survey, timezone.now(), (5, 5, 5), "ความเห็นของหน่วยเรา")
    theirs = respond(other_survey, timezone.now(), (3, 3, 3), "ความเห็นของหน่วยอื่น")
    client.force_login(make_member("other-admin", other_groups.admins))
    listing = text(client.get(ADMIN_LIST_URL))
    assert "ความเห็นของหน่วยอื่น" in listing and "ความเห็นของหน่วยเรา" not in listing
    assert refused(client.get(f"{ADMIN_LIST_URL}edit/{ours.pk}/"))
    assert refused(moderate(client, ours, CommentStatus.APPROVED))
    assert refused(client.get(f"{ADMIN_LIST_URL}inspect/{ours.pk}/"))
    assert refused(client.get(f"{ADMIN_LIST_URL}history/{ours.pk}/"))
    ours.refresh_from_db()
    assert ours.comment_status == CommentStatus.PENDING
    assert moderate(client, theirs, CommentStatus.APPROVED).status_code == 302


def test_editor_may_read_but_not_approve(client, survey, unit, make_member):
    pending = respond(survey, timezone.now(), (5, 5, 5), "อ่านได้แต่อนุมัติไม่ได้")
    client.force_login(make_member("writer", unit.editors))
    assert "อ่านได้แต่อนุมัติไม่ได้" in text(client.get(ADMIN_LIST_URL))
    assert client.get(f"{ADMIN_LIST_URL}inspect/{pending.pk}/").status_code == 200
    assert refused(moderate(client, pending, CommentStatus.APPROVED))
    pending.refresh_from_db()
    assert pending.comment_status == CommentStatus.PENDING


def test_nobody_adds_or_deletes_responses_in_the_admin(client, survey, unit, make_member):
    response = respond(survey, timezone.now(), (5, 5, 5))
    client.force_login(make_member("boss", unit.admins))
    assert refused(client.get(f"{ADMIN_LIST_URL}new/"))
    assert refused(client.post(f"{ADMIN_LIST_URL}delete/{response.pk}/"))
    assert SurveyResponse.objects.filter(pk=response.pk).exists()


def test_anonymous_and_unprivileged_users_are_kept_out(client, survey, django_user_model):
    respond(survey, timezone.now(), (5, 5, 5), "ลับ")
    assert client.get(ADMIN_LIST_URL).status_code == 302  # to the login page
    nobody = django_user_model.objects.create_user("nobody", password="x")
    nobody.user_permissions.add(
        __import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.get(
            codename="access_admin"
        )
    )
    client.force_login(nobody)
    assert refused(client.get(ADMIN_LIST_URL))


def test_admin_listing_queries_do_not_grow(
    client, survey, unit, make_member, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_member("boss", unit.admins))
    for _ in range(3):
        respond(survey, timezone.now(), (5, 4, 3), "ก")
    with CaptureQueriesContext(connection) as few:
        assert client.get(ADMIN_LIST_URL).status_code == 200
    for _ in range(30):
        respond(survey, timezone.now(), (5, 4, 3), "ข")
    with django_assert_max_num_queries(len(few)):
        assert client.get(ADMIN_LIST_URL).status_code == 200


# -- demo data ---------------------------------------------------------------------------------


def test_demo_survey_is_built_once(category_indexes, unit, make_member, client):
    from types import SimpleNamespace

    from home.demo.content_survey import build_survey as build_demo

    context = SimpleNamespace(
        unit=SimpleNamespace(code="test"),
        editors=[make_member("demo-editor", unit.editors)],
        approver=make_member("demo-approver", unit.approvers),
    )
    index = category_indexes[pages.StatisticsIndexPage]
    survey, results = build_demo(context, index)
    count = SurveyResponse.objects.count()
    assert 40 <= count <= 60
    assert SurveyResponse.objects.filter(comment_status=CommentStatus.APPROVED).exists()
    assert SurveyResponse.objects.filter(comment_status=CommentStatus.PENDING).exists()
    again = build_demo(context, index)
    assert again == (survey, results) and SurveyResponse.objects.count() == count
    last_year = str(current_fiscal_year() - 1)
    html = text(client.get(results.url + "?period=" + last_year))
    assert re.search(r'data-testid="response-count">40<', html)
