"""A citizen answers the satisfaction survey in a real browser and sees the results change.

With the anonymous page cache on, as in production: the results page must show the new
answer at once, and the form's CSRF token must be the visitor's own (the post succeeds).
"""

import pytest
from django.utils.translation import gettext

from moit_wagtail.pages import models as pages
from tests.survey_helpers import ASPECTS, build_survey

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None


def choice(group, score, label):
    """The radio button of ``score`` in an aspect's group (its label: "4 Satisfied")."""
    return group.get_by_label(f"{score} {gettext(label)}", exact=True)


@pytest.fixture
def survey_pages(category_indexes, settings):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    return build_survey(category_indexes[pages.StatisticsIndexPage])


def test_citizen_answers_the_survey_and_sees_the_count_go_up(
    page, site_url, survey_pages, traffic, save_screenshot
):
    survey, results = survey_pages
    count = page.get_by_test_id("response-count")

    page.goto(results.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(results.title)
    expect(count).to_have_text("0")
    page.get_by_role("link", name=gettext("Answer the survey")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)

    # Forgetting one aspect: a clear message, and what was chosen and typed is kept.
    comment = "อยากให้เพิ่มข้อมูลตารางเวรแพทย์"
    first, second, third = (page.get_by_role("group", name=label) for label in ASPECTS)
    choice(first, 5, "Very satisfied").check()
    choice(third, 3, "Neutral").check()
    page.get_by_label(survey.comment_label).fill(comment)
    page.get_by_role("button", name=gettext("Send my answers")).click()
    summary = page.get_by_role("alert")
    expected = gettext("Please choose a score from 1 to 5 for “%(aspect)s”.") % {
        "aspect": ASPECTS[1]
    }
    expect(summary).to_contain_text(expected)
    expect(choice(first, 5, "Very satisfied")).to_be_checked()
    expect(choice(third, 3, "Neutral")).to_be_checked()
    expect(page.get_by_label(survey.comment_label)).to_have_value(comment)

    # The message links to the aspect; completing it sends the answers.
    summary.get_by_role("link", name=expected).click()
    choice(second, 4, "Satisfied").check()
    save_screenshot(page, "survey-form")
    page.get_by_role("button", name=gettext("Send my answers")).click()
    expect(page.get_by_role("heading", name=gettext("Thank you for your answers"))).to_be_visible()

    page.get_by_role("link", name=gettext("See the results")).click()
    expect(count).to_have_text("1")
    expect(page.locator("#aspects-table tbody tr")).to_have_count(3)
    expect(page.locator("#aspects-table tfoot")).to_contain_text("4.00")  # (5 + 4 + 3) / 3
    expect(page.locator("svg.chart")).to_have_count(3)
    # The comment waits for the admin: not shown yet.
    expect(page.get_by_text(comment)).to_have_count(0)
    save_screenshot(page, "survey-results")

    assert traffic.offsite == []
    assert traffic.failed == ["400 " + site_url + survey.url]
