"""Two-way e-services (seed 1.9): the forms, tracking codes, the tracking page, abuse limits
and the page cache."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site

from moit_wagtail.eservices.models import (
    Kind,
    Status,
    Submission,
)
from moit_wagtail.eservices.replies import post_reply
from moit_wagtail.pages import models as pages
from tests.eservices_helpers import (
    CODE_PATTERN,
    complaint_data,
    make_other_unit,
    make_submission,
    request_data,
    site_of,
    soup_of,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_unit(home_page):
    return make_other_unit()


# -- submitting -------------------------------------------------------------------------


def test_complaint_is_saved_with_a_code_and_the_secret_link_is_shown_once(client, complaint_page):
    response = client.post(complaint_page.url, complaint_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("moit_eservices:received")
    submission = Submission.objects.get()
    assert CODE_PATTERN.match(submission.code) and submission.code.startswith("C-")
    assert submission.site == site_of(complaint_page) and submission.kind == Kind.COMPLAINT
    assert submission.status == Status.RECEIVED and submission.consent_at is not None
    assert len(submission.secret) >= 20

    receipt = client.get(response["Location"])
    body = receipt.content.decode()
    assert submission.code in body and submission.secret in body
    assert f"/e-services/track/{submission.code}/{submission.secret}/" in body
    assert "private" in receipt["Cache-Control"]

    again = client.get(reverse("moit_eservices:received"))
    assert submission.secret not in again.content.decode()
    # The citizen's receipt email carries the tracking link.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["somchai@example.com"]
    assert submission.code in mail.outbox[0].subject
    assert f"http://testserver/e-services/track/{submission.code}/{submission.secret}/" in (
        mail.outbox[0].body
    )


def test_information_request_is_saved_with_its_act_fields(client, request_page):
    response = client.post(request_page.url, request_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.code.startswith("R-") and submission.kind == Kind.INFORMATION_REQUEST
    assert submission.preferred_format == "certified_copy"
    assert submission.purpose == "ติดตามการใช้งบประมาณ"
    assert submission.address == "99 หมู่ 1 ตำบลนาสุข"
    assert submission.subject.startswith("สำเนาสัญญาจ้าง")


def test_missing_fields_get_thai_errors_and_what_was_typed_is_kept(client, request_page):
    data = request_data(
        name="", address="", purpose="", preferred_format="", consent="", email="", phone=""
    )
    response = client.post(request_page.url, data)
    assert response.status_code == 200
    assert not Submission.objects.exists()
    text = text_of(response)
    with translation.override("th"):
        from django.utils.translation import gettext

        for message in [
            "Enter your full name.",
            "Enter your address.",
            "Say what you need the information for.",
            "Choose how you would like to receive it.",
            "Please tick the box to agree to the privacy notice.",
            "Give an email or a phone number so the unit can reach you.",
        ]:
            assert gettext(message) in text, message
    soup = soup_of(response)
    assert soup.find("textarea", attrs={"name": "details"}).get_text().strip() == data["details"]
    assert soup.find(attrs={"name": "name"}).get("aria-invalid") == "true"


def test_invalid_email_is_refused_and_the_rest_kept(client, complaint_page):
    response = client.post(complaint_page.url, complaint_data(email="somchai-at-example"))
    assert response.status_code == 200 and not Submission.objects.exists()
    soup = soup_of(response)
    assert soup.find("input", attrs={"name": "subject"})["value"] == "รอคิวนานเกินไป"
    assert soup.find("input", attrs={"name": "email"})["value"] == "somchai-at-example"
    assert soup.select_one("#id_email_error") is not None


# -- tracking codes ---------------------------------------------------------------------


def test_codes_count_per_site_kind_and_buddhist_year(home_page, other_unit):
    site = Site.objects.get(root_page=home_page)
    other_site, _groups = other_unit
    in_2026 = timezone.make_aware(datetime.datetime(2026, 5, 1, 10))
    in_2027 = timezone.make_aware(datetime.datetime(2027, 1, 2, 10))
    first = make_submission(site, created_at=in_2026)
    second = make_submission(site, created_at=in_2026)
    request = make_submission(site, kind=Kind.INFORMATION_REQUEST, created_at=in_2026)
    elsewhere = make_submission(other_site, created_at=in_2026)
    next_year = make_submission(site, created_at=in_2027)
    assert [first.code, second.code] == ["C-2569-000001", "C-2569-000002"]
    assert request.code == "R-2569-000001"
    assert elsewhere.code == "C-2569-000001"  # each unit numbers its own
    assert next_year.code == "C-2570-000001"
    assert len({first.secret, second.secret, request.secret}) == 3


def test_the_same_code_cannot_exist_twice_on_one_site(home_page):
    from django.db import IntegrityError, transaction

    site = Site.objects.get(root_page=home_page)
    first = make_submission(site)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            site=site, kind=Kind.COMPLAINT, code=first.code, year=first.year, sequence=1,
            secret="x", subject="s", details="d",
        )  # fmt: skip


# -- tracking page ----------------------------------------------------------------------


def test_tracking_with_the_right_secret_shows_status_and_public_reply_only(
    client, home_page, handler
):
    submission = make_submission(Site.objects.get(root_page=home_page), email="a@example.com")
    post_reply(submission, handler, Status.ANSWERED, "ได้ปรับปรุงระบบคิวแล้ว", "ผู้ร้องเคยร้องเรื่องนี้")
    response = client.get(
        reverse("moit_eservices:track_detail", args=[submission.code, submission.secret])
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "ได้ปรับปรุงระบบคิวแล้ว" in text
    with translation.override("th"):
        assert str(Status.ANSWERED.label) in text
    assert "ผู้ร้องเคยร้องเรื่องนี้" not in text  # internal note
    assert "a@example.com" not in text
    assert response["Referrer-Policy"] == "no-referrer" and "private" in response["Cache-Control"]


def test_wrong_secret_looks_exactly_like_an_unknown_code(client, home_page):
    submission = make_submission(Site.objects.get(root_page=home_page))
    wrong = client.get(reverse("moit_eservices:track_detail", args=[submission.code, "guess"]))
    unknown = client.get(reverse("moit_eservices:track_detail", args=["C-2569-999999", "guess"]))
    assert wrong.status_code == unknown.status_code == 404
    strip = lambda response, code: response.content.decode().replace(code, "CODE")  # noqa: E731
    assert strip(wrong, submission.code) == strip(unknown, "C-2569-999999")


def test_track_form_redirects_to_the_tracking_page(client, home_page):
    submission = make_submission(Site.objects.get(root_page=home_page))
    response = client.get(
        reverse("moit_eservices:track"),
        {"code": submission.code.lower(), "secret": submission.secret},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "moit_eservices:track_detail", args=[submission.code, submission.secret]
    )
    missing = client.get(reverse("moit_eservices:track"), {"code": submission.code, "secret": ""})
    assert missing.status_code == 400
    assert soup_of(missing).find("input", attrs={"name": "code"})["value"] == submission.code


def test_a_code_of_another_site_is_not_found_here(client, other_unit):
    other_site, _groups = other_unit
    submission = make_submission(other_site)
    url = reverse("moit_eservices:track_detail", args=[submission.code, submission.secret])
    assert client.get(url).status_code == 404  # asked on testserver, not other.test
    assert client.get(url, HTTP_HOST="other.test").status_code == 200


def test_tracking_lookups_are_rate_limited_per_client(client, home_page, settings):
    settings.MOIT_ESERVICE_RATE_LIMITS = {"track": (3, 600)}
    url = reverse("moit_eservices:track_detail", args=["C-2569-000001", "nope"])
    assert [client.get(url).status_code for _ in range(3)] == [404, 404, 404]
    assert client.get(url).status_code == 429
    other_client = Client(REMOTE_ADDR="10.1.2.3")
    assert other_client.get(url).status_code == 404


# -- abuse --------------------------------------------------------------------------------


def test_honeypot_stops_robots(client, complaint_page):
    response = client.post(complaint_page.url, complaint_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_submissions_are_rate_limited_per_client_and_keep_the_text(
    client, complaint_page, settings
):
    settings.MOIT_ESERVICE_RATE_LIMITS = {"submit": (2, 3600)}
    for _ in range(2):
        assert client.post(complaint_page.url, complaint_data()).status_code == 302
    response = client.post(complaint_page.url, complaint_data(subject="ครั้งที่สาม"))
    assert response.status_code == 429
    assert Submission.objects.count() == 2
    assert soup_of(response).find("input", attrs={"name": "subject"})["value"] == "ครั้งที่สาม"
    assert (
        Client(REMOTE_ADDR="10.9.9.9").post(complaint_page.url, complaint_data()).status_code == 302
    )


# -- the anonymous page cache and CSRF ------------------------------------------------------


def test_form_pages_are_never_cached_with_someone_elses_csrf_token(
    settings, complaint_page, make_page
):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    law = make_page(pages.LawPage)
    reader = Client()
    reader.get(law.url)
    assert reader.get(law.url)["X-Page-Cache"] == "hit"  # the cache is on

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(complaint_page.url)
    second_page = second.get(complaint_page.url)
    assert "X-Page-Cache" not in second_page
    assert "private" in first_page["Cache-Control"]

    def token(response):
        return soup_of(response).find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]

    assert token(first_page) != token(second_page)
    response = second.post(
        complaint_page.url, complaint_data(csrfmiddlewaretoken=token(second_page))
    )
    assert response.status_code == 302
