"""The satisfaction survey (seed 1.10): answering, abuse limits, results maths, moderation.

Messages are compared with ``gettext`` of their msgid in the active (Thai) language, so
the tests hold both before and after the Thai catalogue is compiled.
"""

import datetime
import re
import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from moit_wagtail.survey import ratelimit
from moit_wagtail.survey.models import (
    CommentStatus,
    SurveyAspect,
    SurveyPage,
    SurveyRating,
    SurveyResponse,
    SurveyResultsPage,
)
from moit_wagtail.survey.periods import Period, parse_period
from moit_wagtail.survey.results import SurveyResults, satisfaction_level

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
ASPECTS = ["ความทันสมัยของข้อมูล", "ความง่ายในการค้นหา", "การออกแบบ"]
ADMIN_LIST_URL = "/admin/moit_survey_responses/"


def build_survey(parent, slug="survey"):
    survey = SurveyPage(
        title="แบบประเมินความพึงพอใจต่อเว็บไซต์",
        slug=slug,
        aspects=[SurveyAspect(label=label) for label in ASPECTS],
    )
    parent.add_child(instance=survey)
    survey.save_revision().publish()
    results = SurveyResultsPage(
        title="ผลการประเมินความพึงพอใจ", slug=f"{slug}-results", survey=survey
    )
    parent.add_child(instance=results)
    results.save_revision().publish()
    return SurveyPage.objects.get(pk=survey.pk), SurveyResultsPage.objects.get(pk=results.pk)


@pytest.fixture
def pages_(category_indexes):
    return build_survey(category_indexes[pages.StatisticsIndexPage])


@pytest.fixture
def survey(pages_):
    return pages_[0]


@pytest.fixture
def results_page(pages_):
    return pages_[1]


def answer(survey, scores=(5, 4, 3), comment="", **extra):
    data = {f"aspect_{a.pk}": str(s) for a, s in zip(survey.aspects.all(), scores, strict=False)}
    return {**data, "comment": comment, "website": "", **extra}


def respond(survey, when, scores, comment="", status=None):
    """A stored response at local (Bangkok) time ``when``."""
    moment = when if when.tzinfo else when.replace(tzinfo=BANGKOK)
    response = SurveyResponse.objects.create(
        survey=survey,
        submitted_at=moment,
        comment=comment,
        comment_status=status or (CommentStatus.PENDING if comment else CommentStatus.NONE),
    )
    for aspect, score in zip(survey.aspects.all(), scores, strict=False):
        SurveyRating.objects.create(
            response=response, aspect=aspect, aspect_label=aspect.label, score=score
        )
    return response


def text(response):
    return response.content.decode()


def checked_values(html):
    return set(re.findall(r'name="(aspect_\d+)" value="(\d)" id="[^"]+" checked', html))


# -- answering -----------------------------------------------------------------------------


def test_form_shows_every_aspect_with_a_1_to_5_scale(client, survey):
    html = text(client.get(survey.url))
    for label in ASPECTS:
        assert label in html
    assert html.count('type="radio"') == 15
    assert 'name="csrfmiddlewaretoken"' in html


def test_valid_answer_is_counted_and_redirects_to_thanks(client, survey):
    response = client.post(survey.url, answer(survey, (5, 4, 2), comment="ดีมาก"))
    assert response.status_code == 302
    assert response["Location"] == survey.url + "thanks/"
    stored = SurveyResponse.objects.get()
    assert sorted(stored.ratings.values_list("aspect_label", "score")) == sorted(
        zip(ASPECTS, (5, 4, 2), strict=True)
    )
    assert stored.comment == "ดีมาก" and stored.comment_status == CommentStatus.PENDING
    thanks = client.get(response["Location"])
    assert gettext("Thank you for your answers") in text(thanks)
    assert "csrfmiddlewaretoken" not in text(thanks)


def test_answer_without_comment_has_nothing_to_moderate(client, survey):
    client.post(survey.url, answer(survey))
    assert SurveyResponse.objects.get().comment_status == CommentStatus.NONE


def _missing_rating(survey):
    data = answer(survey, comment="ข้อความที่พิมพ์ไว้")
    del data[f"aspect_{survey.aspects.all()[1].pk}"]
    return data, gettext("Please choose a score from 1 to 5 for “%(aspect)s”.") % {
        "aspect": ASPECTS[1]
    }


def _bad_score(value):
    def make(survey):
        data = answer(survey, comment="ข้อความที่พิมพ์ไว้")
        data[f"aspect_{survey.aspects.all()[1].pk}"] = value
        message = gettext("The score for “%(aspect)s” must be a whole number from 1 to 5.")
        return data, message % {"aspect": ASPECTS[1]}

    return make


def _long_comment(survey):
    data = answer(survey, comment="ก" * 2001)
    message = gettext(
        "Your comment is too long: at most %(limit_value)s characters are allowed "
        "(it has %(show_value)s). Please shorten it."
    ) % {"limit_value": 2000, "show_value": 2001}
    return data, message


@pytest.mark.parametrize(
    "make_case",
    [
        _missing_rating,
        _bad_score("7"),
        _bad_score("0"),
        _bad_score("สี่"),
        _bad_score("4.5"),
        _long_comment,
    ],
    ids=["missing", "too-high", "zero", "not-a-number", "fraction", "comment-too-long"],
)
def test_invalid_answer_is_refused_with_a_message_and_keeps_what_was_typed(
    client, survey, make_case
):
    data, message = make_case(survey)
    response = client.post(survey.url, data)
    html = text(response)
    assert response.status_code == 400
    assert message in html
    assert SurveyResponse.objects.count() == 0
    # What the visitor chose or typed is still there.
    first = survey.aspects.all()[0]
    assert (f"aspect_{first.pk}", "5") in checked_values(html)
    assert data["comment"] in html
    assert 'aria-invalid="true"' in html
    assert "no-store" in response["Cache-Control"]


def test_honeypot_is_silently_dropped(client, survey):
    response = client.post(survey.url, answer(survey, website="http://spam.example"))
    assert response.status_code == 302 and response["Location"].endswith("thanks/")
    assert SurveyResponse.objects.count() == 0


def test_closed_survey_accepts_nothing(client, survey):
    survey.accepting_responses = False
    survey.save_revision().publish()
    response = client.post(survey.url, answer(survey))
    assert response.status_code == 200
    assert SurveyResponse.objects.count() == 0
    assert gettext("This survey is closed and no longer accepts answers.") in text(response)


# -- rate limit ------------------------------------------------------------------------------


def test_rate_limit_per_client_keeps_the_answers(client, survey, monkeypatch):
    for _ in range(3):
        assert client.post(survey.url, answer(survey)).status_code == 302
    refused = client.post(survey.url, answer(survey, (1, 1, 1), comment="ลองอีกครั้ง"))
    assert refused.status_code == 429
    html = text(refused)
    expected = gettext(
        "You have sent this survey several times in a short while. "
        "Please try again in %(minutes)s minutes."
    ) % {"minutes": 10}
    assert expected in html and "ลองอีกครั้ง" in html
    assert SurveyResponse.objects.count() == 3
    # Another client is not affected.
    other = client.post(survey.url, answer(survey), REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 302
    # After the window, the first client may answer again.
    later = time.time() + 601
    monkeypatch.setattr(ratelimit.time, "time", lambda: later)
    assert client.post(survey.url, answer(survey)).status_code == 302
    assert SurveyResponse.objects.count() == 5


def test_rate_limit_stores_no_address(client, survey):
    from django.core.cache import cache

    client.post(survey.url, answer(survey), REMOTE_ADDR="203.0.113.7")
    keys = list(cache._cache.keys())
    assert keys and not any("203.0.113.7" in key for key in keys)


def test_proxy_header_names_the_client(rf, settings):
    """Behind one reverse proxy, the last X-Forwarded-For entry is the address it saw;
    whatever the client wrote before it cannot pick another counter."""
    settings.MOIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    one = rf.post("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    two = rf.post("/", HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert ratelimit.client_address(one) == "198.51.100.7"
    assert ratelimit.client_key(one, 1) == ratelimit.client_key(two, 1)
    settings.MOIT_CLIENT_IP_HEADER = ""
    assert ratelimit.client_address(one) == "10.0.0.2"


# -- results maths -----------------------------------------------------------------------------


def test_averages_distribution_and_level(survey):
    respond(survey, datetime.datetime(2025, 11, 3, 10), (5, 4, 3))
    respond(survey, datetime.datetime(2025, 11, 20, 10), (5, 5, 2))
    respond(survey, datetime.datetime(2026, 2, 1, 10), (4, 4, 4))
    results = SurveyResults(survey, Period(2569))
    overall = results.overall
    assert overall.responses == 3 and overall.ratings == 9
    assert overall.average == pytest.approx(36 / 9)
    assert overall.percent == pytest.approx(80.0)
    assert [(score, count) for score, count, _pct in overall.distribution()] == [
        (5, 3),
        (4, 4),
        (3, 1),
        (2, 1),
        (1, 0),
    ]
    assert [row.average for row in results.per_aspect()] == pytest.approx([14 / 3, 13 / 3, 3.0])
    assert [row.label for row in results.per_aspect()] == ASPECTS
    months = {row.label: row.responses for row in results.per_month() if row.responses}
    assert list(months.values()) == [2, 1]
    assert [row.responses for row in results.per_quarter()] == [2, 1, 0, 0]
    assert results.per_quarter()[0].average == pytest.approx(24 / 6)
    november = SurveyResults(survey, Period(2569, month=11)).overall
    assert november.responses == 2 and november.average == pytest.approx(4.0)


@pytest.mark.parametrize(
    ("average", "level"),
    [
        (5, "Highest"),
        (4.5, "Highest"),
        (4.495, "Highest"),
        (4.49, "High"),
        (3.5, "High"),
        (3.49, "Moderate"),
        (2.5, "Moderate"),
        (1.5, "Low"),
        (1.49, "Lowest"),
        (1, "Lowest"),
    ],
)
def test_satisfaction_level_bands(average, level):
    assert satisfaction_level(average) == gettext(f"{level} level")


def test_fiscal_year_and_quarter_boundaries_in_bangkok_time(survey):
    respond(survey, datetime.datetime(2026, 9, 30, 23, 59), (1, 1, 1))  # FY2569 Q4
    respond(survey, datetime.datetime(2026, 10, 1, 0, 0), (5, 5, 5))  # FY2570 Q1
    # 17:30 UTC on 30 September is already 1 October 00:30 in Bangkok.
    respond(survey, datetime.datetime(2026, 9, 30, 17, 30, tzinfo=datetime.UTC), (3, 3, 3))
    respond(survey, datetime.datetime(2025, 12, 31, 23, 59), (2, 2, 2))  # FY2569 Q1
    respond(survey, datetime.datetime(2026, 1, 1, 0, 0), (4, 4, 4))  # FY2569 Q2

    def summary(period):
        overall = SurveyResults(survey, parse_period(period)).overall
        return overall.responses, overall.average

    assert summary("2569-q4") == (1, 1.0)
    assert summary("2569-m9") == (1, 1.0)
    assert summary("2570") == (2, 4.0)
    assert summary("2570-q1") == (2, 4.0)
    assert summary("2570-m10") == (2, 4.0)
    assert summary("2569-q1") == (1, 2.0)
    assert summary("2569-q2") == (1, 4.0)
    assert summary("2569") == (3, pytest.approx(7 / 3))


def test_period_names():
    assert parse_period("2569") == Period(2569)
    assert parse_period("2569-Q3") == Period(2569, quarter=3)
    assert parse_period("2569-m01") == Period(2569, month=1)
    for bad in ["", "abc", "2569-q5", "2569-m13", "1999", "2569-m0", "2569;drop"]:
        assert parse_period(bad) is None
    start, end = Period(2569, quarter=1).bounds()
    assert start == datetime.datetime(2025, 10, 1, tzinfo=BANGKOK)
    assert end == datetime.datetime(2026, 1, 1, tzinfo=BANGKOK)


def test_renamed_or_removed_aspects_keep_their_history(survey, editor):
    respond(survey, timezone.now(), (5, 4, 3))
    first, _second, third = survey.aspects.all()
    # An admin renames the first aspect and removes the third in the page editor.
    first.label = "ความทันสมัยและความถูกต้องของข้อมูล"
    survey.aspects = [first, _second]
    survey.save_revision(user=editor).publish()
    assert SurveyAspect.objects.filter(pk=third.pk).count() == 0
    rows = SurveyResults(survey, parse_period(str(_current_fy()))).per_aspect()
    assert [row.label for row in rows] == [first.label, ASPECTS[1], ASPECTS[2]]
    assert [row.average for row in rows] == [5.0, 4.0, 3.0]
    assert SurveyRating.objects.filter(aspect=None, aspect_label=ASPECTS[2]).count() == 1


def _current_fy():
    from moit_wagtail.dates import fiscal_year

    return fiscal_year(timezone.localdate())


# -- the public results page -------------------------------------------------------------------


def test_results_page_shows_counts_charts_and_tables(client, survey, results_page):
    respond(survey, timezone.now(), (5, 4, 3))
    respond(survey, timezone.now(), (4, 4, 4))
    response = client.get(results_page.url)
    html = text(response)
    assert response.status_code == 200
    assert re.search(r'data-testid="response-count">2<', html)
    assert "4.00" in html  # overall average 24 / 6
    assert html.count("<svg") == 3 and 'role="img"' in html
    assert 'id="aspects-table"' in html and 'id="distribution-table"' in html
    for label in ASPECTS:
        assert label in html
    assert gettext("Quarter %(quarter)s") % {"quarter": 4} in html


def test_results_page_period_selection_and_bad_input(client, survey, results_page):
    respond(survey, datetime.datetime(2025, 11, 3, 10), (5, 5, 5))
    html = text(client.get(results_page.url + "?period=2569-m11"))
    assert re.search(r'data-testid="response-count">1<', html)
    assert 'value="2569-m11" selected' in html
    other = text(client.get(results_page.url + "?period=2569-m12"))
    assert re.search(r'data-testid="response-count">0<', other)
    bad = client.get(results_page.url + "?period=<script>alert(1)</script>")
    assert bad.status_code == 200
    assert gettext(
        "That period is not one we know; showing the current fiscal year instead."
    ) in text(bad)
    assert "<script>alert(1)" not in text(bad)


def test_results_page_queries_do_not_grow_with_responses(
    client, survey, results_page, django_assert_max_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(results_page.url).status_code == 200
        return len(captured)

    for day in range(3):
        respond(
            survey,
            timezone.now() - datetime.timedelta(days=day),
            (4, 4, 4),
            "ดี",
            CommentStatus.APPROVED,
        )
    few = count_queries()
    for day in range(60):
        respond(
            survey,
            timezone.now() - datetime.timedelta(days=day),
            (3, 5, 4),
            "ดีมาก",
            CommentStatus.APPROVED,
        )
    with django_assert_max_num_queries(few):
        assert client.get(results_page.url).status_code == 200
    # 7 of them are the survey's own (linked survey, 2 grouped counts, aspects, months
    # with answers, comment count and page); the rest is the site's base template.
    assert few <= 40


def test_submission_shows_on_results_at_once_even_with_the_page_cache(
    client, settings, survey, results_page
):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    before = text(client.get(results_page.url))
    assert re.search(r'data-testid="response-count">0<', before)
    assert client.post(survey.url, answer(survey)).status_code == 302
    client.cookies.clear()  # an anonymous visitor without the CSRF cookie either
    after = client.get(results_page.url)
    assert "X-Page-Cache" not in after
    assert re.search(r'data-testid="response-count">1<', text(after))


def test_survey_form_is_never_served_from_the_page_cache(client, settings, survey):
    """The form embeds the visitor's CSRF token: another visitor must never get it."""
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    first = client.get(survey.url)
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    stranger = client.__class__()
    second = stranger.get(survey.url)
    assert "X-Page-Cache" not in second

    def token(response):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text(response))[1]

    assert token(first) != token(second)
    # And the stranger's own token works (CSRF checks on, as in production).
    strict = client.__class__(enforce_csrf_checks=True)
    page = strict.get(survey.url)
    posted = strict.post(survey.url, answer(survey, csrfmiddlewaretoken=token(page)))
    assert posted.status_code == 302


def test_english_version_of_the_survey(client, survey):
    english = "/en" + survey.url  # before any request: a request leaves its language active
    response = client.get(english)
    assert response.status_code == 200 and 'lang="en"' in text(response)
    posted = client.post(english, answer(survey))
    assert posted["Location"] == english + "thanks/"


# -- comments and moderation ---------------------------------------------------------------------


def test_comments_are_published_only_when_approved(client, survey, results_page):
    respond(survey, timezone.now(), (5, 5, 5), "ความคิดเห็นที่รออนุมัติ")
    respond(survey, timezone.now(), (5, 5, 5), "ความคิดเห็นที่ถูกซ่อน", CommentStatus.HIDDEN)
    approved = respond(
        survey, timezone.now(), (4, 4, 4), "ความคิดเห็นที่อนุมัติแล้ว", CommentStatus.APPROVED
    )
    html = text(client.get(results_page.url))
    assert "ความคิดเห็นที่อนุมัติแล้ว" in html
    assert "ความคิดเห็นที่รออนุมัติ" not in html and "ความคิดเห็นที่ถูกซ่อน" not in html
    assert approved.comment in html


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
    last_year = str(_current_fy() - 1)
    html = text(client.get(results.url + "?period=" + last_year))
    assert re.search(r'data-testid="response-count">40<', html)
