"""WCAG 2.1 AA on the interactive pages (seed 1.9 and 1.10) in every state a citizen sees.

``test_accessibility.py`` sweeps every page type as first shown; forms also have an error
state, a confirmation and results that only exist after someone used them. Each is reached
here the way a citizen reaches it (posting in the browser), then checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from home.demo.content_stats import seed_visitor_stats
from moit_wagtail.eservices.models import (
    ComplaintFormPage,
    InformationRequestFormPage,
    Status,
    Submission,
    SubmissionReply,
)
from moit_wagtail.pages import models as pages
from tests import factories
from tests.survey_helpers import build_survey, respond

from .test_accessibility import run_axe, th

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (fails them on CI) with the install hint
    expect = None

CONSENT = (
    "I have read the privacy notice and agree that the unit uses my data to handle this matter."
)


@pytest.fixture
def forms(home_page, category_indexes, editor):
    """The survey, its results (with answers), both e-service forms and news to search."""
    survey, results = build_survey(category_indexes[pages.StatisticsIndexPage])
    now = timezone.localtime()
    for back, scores in enumerate([(5, 4, 4), (3, 3, 2), (4, 5, 5), (2, 3, 4)]):
        respond(survey, (now - datetime.timedelta(days=35 * back)).replace(tzinfo=None), scores)
    services = category_indexes[pages.EServiceIndexPage]
    complaint = factories.publish(
        ComplaintFormPage(title="แจ้งเรื่องร้องเรียน", slug="complaints", **factories.metadata(editor)),
        services,
        user=editor,
    )
    request_form = factories.publish(
        InformationRequestFormPage(
            title="ขอข้อมูลข่าวสารของราชการ", slug="oia-request", **factories.metadata(editor)
        ),
        services,
        user=editor,
    )
    news = category_indexes[pages.NewsIndexPage]
    for number in range(12):
        factories.publish(
            factories.build_page(
                pages.NewsPage, editor, title=f"ข่าวกระทรวงอุตสาหกรรมประกาศนโยบาย {number}"
            ),
            news,
            user=editor,
        )
    seed_visitor_stats(Site.objects.get(root_page=home_page))
    return {
        "survey": survey,
        "results": results,
        "complaint": complaint,
        "request": request_form,
        "statistics": category_indexes[pages.StatisticsIndexPage],
    }


def check(tab, axe_path, name, problems):
    found = run_axe(tab, axe_path)
    if found:
        problems[name] = found


def test_axe_finds_no_serious_violation_on_forms_results_tracking_and_search(
    page, forms, axe, traffic
):
    problems = {}

    # Satisfaction survey: empty form, the error state, the thanks page, the results.
    page.goto(forms["survey"].url)
    check(page, axe, "survey form", problems)
    page.get_by_role("button", name=th("Send my answers")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    check(page, axe, "survey with errors", problems)
    for group in page.get_by_role("group").all():
        radios = group.get_by_role("radio")
        if radios.count():
            radios.nth(3).check()
    page.get_by_role("button", name=th("Send my answers")).click()
    expect(page.get_by_role("heading", name=th("Thank you for your answers"))).to_be_visible()
    check(page, axe, "survey thanks", problems)
    page.goto(forms["results"].url)
    expect(page.locator("svg.chart").first).to_be_visible()
    check(page, axe, "survey results", problems)

    # E-services: both forms, the error state, the confirmation, tracking with a reply.
    page.goto(forms["request"].url)
    check(page, axe, "OIA request form", problems)
    page.goto(forms["complaint"].url)
    check(page, axe, "complaint form", problems)
    page.get_by_role("button", name=th("Send")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    check(page, axe, "complaint with errors", problems)
    page.get_by_label(th("Complaint about a service")).check()
    page.locator("#id_subject").fill("ห้องน้ำชั้นสองชำรุด")
    page.get_by_label(th("Details")).fill("ก๊อกน้ำรั่วมาหลายวันแล้ว")
    page.get_by_label(th(CONSENT)).check()
    page.get_by_role("button", name=th("Send")).click()
    expect(page.locator(".eservice-code")).to_be_visible()
    check(page, axe, "complaint received", problems)
    submission = Submission.objects.get()
    SubmissionReply.objects.create(
        submission=submission, status=Status.ANSWERED, message="ซ่อมแล้วเมื่อวันที่ 2"
    )
    submission.status = Status.ANSWERED
    submission.save(update_fields=["status"])
    page.goto(page.locator(".eservice-secret-link").get_attribute("href"))
    expect(page.get_by_text("ซ่อมแล้วเมื่อวันที่ 2")).to_be_visible()
    check(page, axe, "tracking with a reply", problems)
    page.goto(reverse("moit_eservices:track"))
    check(page, axe, "tracking lookup form", problems)

    # Search: results with pagination, nothing found, an empty query.
    search = reverse("moit_search:search")
    page.goto(f"{search}?q=อุตสาหกรรม")
    expect(page.locator("mark").first).to_be_visible()
    check(page, axe, "search results", problems)
    page.goto(f"{search}?q=ดาวเทียม")
    check(page, axe, "search without results", problems)
    page.goto(f"{search}?q=")
    check(page, axe, "empty search", problems)

    # Visitor statistics (1.10) with a year of counts: charts and tables.
    page.goto(forms["statistics"].url)
    expect(page.locator("svg").first).to_be_visible()
    check(page, axe, "statistics", problems)

    assert problems == {}
    assert traffic.offsite == []
