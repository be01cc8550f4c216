"""Seed 2.2 metadata: model validation, file type and size, and the admin create form."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile

from moit_wagtail.pages import models as pages
from moit_wagtail.pages.models.agency import YEARLY_TOPICS
from tests.factories import create_url, form_values

pytestmark = pytest.mark.django_db


def validation_errors(instance):
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


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


# -- through the Wagtail admin ----------------------------------------------------------------

MISSING_METADATA = {"owner_unit", "responsible_person", "data_period_start", "summary"}
BODY_TEXT = "สาระสำคัญของพระราชบัญญัติ"


def body_text(value):
    return " ".join(block["text"] for block in json.loads(value)["blocks"])


@pytest.fixture
def law_index(category_indexes):
    return category_indexes[pages.LawIndexPage]


@pytest.fixture
def law_post(admin_client, law_index, make_document):
    """Create-form data for a LawPage as the form renders it, with the law's own fields
    filled in but none of the seed 2.2 metadata (owner, person, period, summary)."""
    response = admin_client.get(create_url(law_index))
    assert response.status_code == 200
    data = form_values(response.content.decode())
    document = make_document("oia-act.pdf", b"%PDF-1.4 act")
    data.update(
        {
            "title": "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
            "slug": "official-information-act",
            "law_type": "act",
            "issuer": "รัฐสภา",
            "issued_on": "1997-09-10",
            "source_url": "https://ratchakitcha.soc.go.th/oia-2540",
            "source": "ราชกิจจานุเบกษา เล่ม 114",
            "body": rich_text(f"<p>{BODY_TEXT}</p>"),
            "review_by": "2027-09-30",
            "tags": "กฎหมาย",
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-document": str(document.pk),
            "attachments-0-caption": "ฉบับราชกิจจานุเบกษา",
            "attachments-0-ORDER": "0",
            "attachments-0-DELETE": "",
            "attachments-0-id": "",
        }
    )
    return data


def assert_values_kept(response, submitted):
    rendered = form_values(response.content.decode())
    for key, value in submitted.items():
        skipped = key.startswith("action-") or "__prefix__" in key or key.endswith("-ORDER")
        if skipped or key == "body":  # ORDER is renumbered; body is compared as text below
            continue
        assert rendered.get(key) == value, key
    assert body_text(rendered["body"]) == BODY_TEXT


def test_publishing_without_metadata_is_refused_and_keeps_every_value(
    admin_client, law_index, law_post
):
    for field in MISSING_METADATA:
        assert not law_post.get(field)
    response = admin_client.post(create_url(law_index), {**law_post, "action-publish": "1"})
    assert response.status_code == 200
    assert not pages.LawPage.objects.exists()
    form = response.context["form"]
    assert set(form.errors) == MISSING_METADATA
    assert not any(formset.errors and any(formset.errors) for formset in form.formsets.values())
    assert_values_kept(response, law_post)


def test_saving_a_draft_without_metadata_defers_the_required_fields(
    admin_client, law_index, law_post
):
    response = admin_client.post(create_url(law_index), law_post)
    assert response.status_code == 302
    page = pages.LawPage.objects.get(slug="official-information-act")
    assert not page.live
    assert page.owner_unit == "" and page.summary == ""
    assert page.responsible_person is None and page.data_period_start is None
    assert page.issuer == "รัฐสภา"
    assert [a.caption for a in page.attachments.all()] == ["ฉบับราชกิจจานุเบกษา"]
    # the deferred rules still apply once the draft is published
    assert set(validation_errors(page.get_latest_revision_as_object())) >= MISSING_METADATA


def test_publishing_with_all_metadata_creates_a_live_page(
    admin_client, admin_user, law_index, law_post
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(admin_user.pk),
        data_period_start="2025-10-01",
        summary="กฎหมายว่าด้วยการเปิดเผยข้อมูลข่าวสาร",
    )
    response = admin_client.post(create_url(law_index), {**law_post, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page = pages.LawPage.objects.get(slug="official-information-act")
    assert page.live and page.first_published_at is not None
    assert (page.clause, page.evidence_code) == ("1.2", "1.2")
    assert page.data_period_start == datetime.date(2025, 10, 1)
    assert page.attachments.get().file_type == "PDF"


def test_attachment_of_a_forbidden_type_is_refused_in_the_admin(
    admin_client, admin_user, law_index, law_post, make_document
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(admin_user.pk),
        data_period_start="2025-10-01",
        summary="สรุป",
        **{"attachments-0-document": str(make_document("macro.exe", b"MZ").pk)},
    )
    response = admin_client.post(create_url(law_index), {**law_post, "action-publish": "1"})
    assert response.status_code == 200
    assert not pages.LawPage.objects.exists()
    formset = response.context["form"].formsets["attachments"]
    assert set(formset.errors[0]) == {"document"}
    assert_values_kept(response, law_post)


def test_period_ending_before_start_in_the_admin_shows_the_error_and_keeps_values(
    admin_client, admin_user, law_index, law_post
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(admin_user.pk),
        data_period_start="2026-10-01",
        data_period_end="2026-09-30",
        summary="ช่วงข้อมูลผิด",
    )
    response = admin_client.post(create_url(law_index), {**law_post, "action-publish": "1"})
    assert response.status_code == 200
    assert not pages.LawPage.objects.exists()
    assert set(response.context["form"].errors) == {"data_period_end"}
    assert_values_kept(response, law_post)


def test_review_by_as_prefilled_by_the_create_form_is_accepted(
    admin_client, admin_user, law_index, law_post
):
    """Publishing without touching 'review by' must work: the prefilled value must parse."""
    prefilled = form_values(admin_client.get(create_url(law_index)).content.decode())
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(admin_user.pk),
        data_period_start="2025-10-01",
        summary="สรุป",
        review_by=prefilled["review_by"],
    )
    response = admin_client.post(create_url(law_index), {**law_post, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page = pages.LawPage.objects.get(slug="official-information-act")
    assert page.review_by == timezone.localdate() + datetime.timedelta(days=365)


@pytest.mark.parametrize("admin_language", ["th", "en"])
def test_edit_form_round_trip_keeps_the_dates(admin_language, admin_client, admin_user, make_page):
    """Opening a published page and publishing it unchanged must not lose or shift dates,
    whichever admin language the editor chose."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = admin_language
    profile.save()
    page = make_page(pages.LawPage)
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_values(admin_client.get(url).content.decode())
    response = admin_client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.data_period_start == datetime.date(2025, 10, 1)
    assert page.data_period_end == datetime.date(2026, 9, 30)
    assert page.issued_on == datetime.date(1997, 9, 10)


# -- conditional requirements through the admin ------------------------------------------------


def test_publishing_a_law_without_source_is_refused_but_a_draft_is_kept(
    admin_client, admin_user, law_index, law_post
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(admin_user.pk),
        data_period_start="2025-10-01",
        summary="สรุป",
        source="",
    )
    response = admin_client.post(create_url(law_index), {**law_post, "action-publish": "1"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"source"}
    assert not pages.LawPage.objects.exists()
    assert_values_kept(response, law_post)

    response = admin_client.post(create_url(law_index), law_post)
    assert response.status_code == 302
    assert pages.LawPage.objects.get(slug="official-information-act").source == ""


def test_publishing_a_yearly_plan_without_fiscal_year_is_refused(
    admin_client, admin_user, category_indexes
):
    parent = category_indexes[pages.AgencyInfoIndexPage]
    url = create_url(parent, pages.AgencyDocumentPage)
    data = form_values(admin_client.get(url).content.decode())
    data.update(
        title="แผนปฏิบัติราชการ",
        slug="action-plan",
        topic="1.1.7",
        owner_unit="กลุ่มงานยุทธศาสตร์",
        responsible_person=str(admin_user.pk),
        data_period_start="2025-10-01",
        summary="แผนปฏิบัติราชการประจำปี",
    )
    response = admin_client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"fiscal_year"}
    response = admin_client.post(url, {**data, "fiscal_year": "2569", "action-publish": "1"})
    assert response.status_code == 302
    page = pages.AgencyDocumentPage.objects.get(slug="action-plan")
    assert page.live and page.fiscal_year == 2569 and page.evidence_code == "1.1.7"
