"""Seed 2.2 metadata: model validation, file type and size, and the admin create form."""

import datetime

import pytest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from wagtail.documents import get_document_model

from moit_wagtail.pages import models as pages
from moit_wagtail.pages.models.agency import YEARLY_TOPICS
from tests.factories import validation_errors

pytestmark = pytest.mark.django_db


# -- data period --------------------------------------------------------------------------


@pytest.mark.parametrize("model", [pages.LawPage, pages.NewsPage, pages.ContactPage])
def test_period_ending_before_it_starts_is_refused(model, make_page):
    page = make_page(model)
    page.data_period_end = page.data_period_start - datetime.timedelta(days=1)
    assert set(validation_errors(page)) == {"data_period_end"}


@pytest.mark.parametrize("days, end", [(0, True), (30, True), (None, False)])
def test_period_ending_on_or_after_start_or_open_ended_is_valid(days, end, make_page):
    page = make_page(pages.LawPage)
    page.data_period_end = page.data_period_start + datetime.timedelta(days=days) if end else None
    page.full_clean()


def test_period_start_is_required_to_publish(make_page):
    page = make_page(pages.NewsPage)
    page.data_period_start = None
    assert "data_period_start" in validation_errors(page)


# -- conditional requirements (checked on publish and submit, deferred for drafts) -----------


@pytest.mark.parametrize("model", [pages.LawPage, pages.KnowledgePage])
def test_laws_and_knowledge_need_a_source(model):
    assert set(model.conditional_requirements({"source": ""})) == {"source"}
    assert model.conditional_requirements({"source": "ราชกิจจานุเบกษา"}) == {}


@pytest.mark.parametrize("model", [pages.NewsPage, pages.EServicePage, pages.SopManualPage])
def test_other_types_may_omit_the_source(model, make_page):
    assert model.conditional_requirements({"source": ""}) == {}
    page = make_page(model)
    page.source = ""
    page.full_clean()


@pytest.mark.parametrize("topic", YEARLY_TOPICS)
def test_yearly_agency_topics_need_a_fiscal_year(topic):
    model = pages.AgencyDocumentPage
    assert set(model.conditional_requirements({"topic": topic})) == {"fiscal_year"}
    assert model.conditional_requirements({"topic": topic, "fiscal_year": 2569}) == {}


@pytest.mark.parametrize("topic", ["1.1.1", "1.1.5", "1.1.6"])
def test_other_agency_topics_need_no_fiscal_year(topic, make_page):
    assert pages.AgencyDocumentPage.conditional_requirements({"topic": topic}) == {}
    page = make_page(pages.AgencyDocumentPage, topic=topic)
    assert page.fiscal_year is None
    page.full_clean()


@pytest.mark.parametrize("year", [2026, 2499, 2701])
def test_fiscal_year_must_be_buddhist_era(year, make_page):
    page = make_page(pages.AgencyDocumentPage, topic="1.1.9", fiscal_year=2569)
    page.fiscal_year = year
    assert "fiscal_year" in validation_errors(page)


def test_job_applications_cannot_close_before_they_open(make_page):
    page = make_page(pages.JobAnnouncementPage)
    page.application_closes = page.application_opens - datetime.timedelta(days=1)
    assert set(validation_errors(page)) == {"application_closes"}


@pytest.mark.parametrize(
    "latitude, longitude, valid",
    [("16.4190", None, False), (None, "101.1606", False), ("16.4190", "101.1606", True)],
)
def test_contact_needs_both_coordinates_or_neither(latitude, longitude, valid, make_page):
    page = make_page(pages.ContactPage)
    page.latitude, page.longitude = latitude, longitude
    if valid:
        page.full_clean()
    else:
        assert set(validation_errors(page)) == {"longitude"}


def test_contact_map_link_uses_the_coordinates(make_page):
    page = make_page(pages.ContactPage, latitude="16.419000", longitude="101.160600")
    assert "mlat=16.419000" in page.map_url and "mlon=101.160600" in page.map_url
    page.latitude = page.longitude = None
    assert page.map_url == ""


# -- attachments: allowed types, type and size labels ---------------------------------------


@pytest.mark.parametrize("name", ["setup.exe", "page.html", "script.js", "noextension"])
def test_attachment_of_a_forbidden_type_is_refused(name, make_page, make_document):
    attachment = pages.PageAttachment(
        page=make_page(pages.NewsPage), document=make_document(name, b"MZ\x90\x00")
    )
    assert set(validation_errors(attachment)) == {"document"}


@pytest.mark.parametrize("name", ["plan.pdf", "BUDGET.XLSX", "photo.jpg", "data.csv"])
def test_attachment_of_an_allowed_type_passes(name, make_page, make_document):
    attachment = pages.PageAttachment(
        page=make_page(pages.NewsPage), document=make_document(name, b"content")
    )
    attachment.full_clean()


@pytest.mark.parametrize(
    "name, expected", [("plan.pdf", "PDF"), ("budget.xlsx", "XLSX"), ("Scan.JPG", "JPG")]
)
def test_file_type_comes_from_the_stored_file_name(name, expected, make_document):
    attachment = pages.PageAttachment(document=make_document(name, b"x", title="no extension"))
    assert attachment.file_type == expected


def test_file_size_is_measured_from_the_file_in_english(make_document):
    attachment = pages.PageAttachment(document=make_document("plan.pdf", b"x" * 2048))
    with translation.override("en"):
        assert attachment.file_size == "2.0\xa0KB"


@pytest.mark.parametrize("size", [10, 2048, 1_572_864])
def test_file_size_follows_the_active_language(size, make_document):
    attachment = pages.PageAttachment(document=make_document("plan.pdf", b"x" * size))
    with translation.override("th"):
        assert str(attachment.file_size) == filesizeformat(size)


def test_file_size_is_read_from_the_file_when_not_recorded(make_document):
    document = make_document("report.pdf", b"y" * 3 * 1024 * 1024)
    get_document_model().objects.filter(pk=document.pk).update(file_size=None)
    document.refresh_from_db()
    with translation.override("en"):
        assert pages.PageAttachment(document=document).file_size == "3.0\xa0MB"
    assert get_document_model().objects.get(pk=document.pk).file_size == 3 * 1024 * 1024


def test_file_size_of_a_missing_file_says_unknown(db):
    document = get_document_model().objects.create(title="gone", file="documents/gone.pdf")
    with translation.override("en"):
        assert str(pages.PageAttachment(document=document).file_size) == "unknown size"


def test_attachment_title_falls_back_to_the_document_title(make_document):
    document = make_document("plan.pdf", b"x", title="แผนปฏิบัติราชการ")
    assert pages.PageAttachment(document=document).title == "แผนปฏิบัติราชการ"
    assert pages.PageAttachment(document=document, caption="ฉบับย่อ").title == "ฉบับย่อ"


# -- publication and review dates -------------------------------------------------------------


def test_publication_date_is_the_first_publication(make_page):
    page = make_page(pages.NewsPage)
    first = page.first_published_at
    assert first is not None
    assert page.publication_date == first
    page.title = "แก้ไขแล้ว"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.last_published_at > first
    assert page.publication_date == first


def test_review_by_defaults_to_a_year_ahead(category_indexes, editor, publish):
    page = pages.NewsPage(title="ข่าว", body="<p>ข่าว</p>", owner_unit="ก", summary="ส")
    assert page.review_by == timezone.localdate() + datetime.timedelta(days=365)
    page.responsible_person = editor
    page.data_period_start = datetime.date(2026, 1, 1)
    publish(page, category_indexes[pages.NewsIndexPage], user=editor)
    stored = pages.PublicationPage.objects.get(pk=page.pk)
    assert stored.review_by == timezone.localdate() + datetime.timedelta(days=365)
