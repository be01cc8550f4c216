"""Seed 2.2 metadata through the Wagtail admin page form: errors name the fields and keep
every submitted value; drafts defer the requirements; conditional rules apply on publish."""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile

from moit_wagtail.pages import models as pages
from tests.factories import create_url, form_values, validation_errors

pytestmark = pytest.mark.django_db


# -- through the Wagtail admin ----------------------------------------------------------------

MISSING_METADATA = {"owner_unit", "responsible_person", "data_period_start", "summary"}
BODY_TEXT = "สาระสำคัญของพระราชบัญญัติ"


def body_text(value):
    return " ".join(block["text"] for block in json.loads(value)["blocks"])


@pytest.fixture
def staff_member(unit, make_member):
    """The person responsible must be one of the unit's staff (``moit_wagtail.people``)."""
    return make_member("owner", unit.editors, "สมศรี")


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
    admin_client, staff_member, law_index, law_post
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(staff_member.pk),
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
    admin_client, staff_member, law_index, law_post, make_document
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(staff_member.pk),
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
    admin_client, staff_member, law_index, law_post
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(staff_member.pk),
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
    admin_client, staff_member, law_index, law_post
):
    """Publishing without touching 'review by' must work: the prefilled value must parse."""
    prefilled = form_values(admin_client.get(create_url(law_index)).content.decode())
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(staff_member.pk),
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
    admin_client, staff_member, law_index, law_post
):
    law_post.update(
        owner_unit="กลุ่มกฎหมาย",
        responsible_person=str(staff_member.pk),
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
    admin_client, staff_member, category_indexes
):
    parent = category_indexes[pages.AgencyInfoIndexPage]
    url = create_url(parent, pages.AgencyDocumentPage)
    data = form_values(admin_client.get(url).content.decode())
    data.update(
        title="แผนปฏิบัติราชการ",
        slug="action-plan",
        topic="1.1.7",
        owner_unit="กลุ่มงานยุทธศาสตร์",
        responsible_person=str(staff_member.pk),
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
