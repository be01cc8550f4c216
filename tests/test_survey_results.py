"""Survey results (seed 1.10): the maths, the periods and the public results page."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from moit_wagtail.survey.models import (
    CommentStatus,
    SurveyAspect,
    SurveyRating,
)
from moit_wagtail.survey.periods import Period, parse_period
from moit_wagtail.survey.results import SurveyResults, satisfaction_level
from tests.survey_helpers import (
    ASPECTS,
    BANGKOK,
    current_fiscal_year,
    respond,
    text,
)

pytestmark = pytest.mark.django_db


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
    rows = SurveyResults(survey, parse_period(str(current_fiscal_year()))).per_aspect()
    assert [row.label for row in rows] == [first.label, ASPECTS[1], ASPECTS[2]]
    assert [row.average for row in rows] == [5.0, 4.0, 3.0]
    assert SurveyRating.objects.filter(aspect=None, aspect_label=ASPECTS[2]).count() == 1


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
