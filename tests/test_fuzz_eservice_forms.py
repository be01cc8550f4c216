"""Hostile input on the two e-service forms (complaint, information request): random and
malicious field values, bogus multipart files, broken bodies and wrong content types.

Same properties as ``test_fuzz_public_forms``: never a 500, nothing rendered unescaped, one
submission saved after a valid post and none after an invalid one. What files are allowed
is tested with the upload checks; here only that no file makes anything fail.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moit_wagtail.eservices.models import Submission
from moit_wagtail.survey.models import SurveyResponse
from tests import fuzz_strategies as fz
from tests.eservices_helpers import complaint_data, request_data
from tests.fuzz_strategies import FUZZ, fresh_limits

pytestmark = pytest.mark.django_db

TRACK_URL = "/e-services/track/"


@pytest.fixture
def survey_pages(survey_and_results):
    return survey_and_results


# -- e-services ------------------------------------------------------------------------------

EMAILS = st.one_of(
    st.just("somchai@example.com"),
    st.just(""),
    st.just("สมชาย@ตัวอย่าง.ไทย"),
    st.just('"<script>moitxss()</script>"@example.com'),
    st.just("a@" + "b" * 300 + ".com"),
    fz.hostile_text(),
)


def complaint_is_valid(data):
    subject, details = data["subject"].strip(), data["details"].strip()
    return (
        data["email"] in {"somchai@example.com", ""}
        and all("\x00" not in data[name] for name in ("subject", "details", "name", "phone"))
        and 0 < len(subject) <= 255
        and 0 < len(details) <= 10_000
        and len(data["name"].strip()) <= 255
        and len(data["phone"].strip()) <= 64
    )


@FUZZ
@given(
    subject=fz.hostile_text(),
    details=fz.hostile_text(),
    name=fz.hostile_text(),
    phone=st.one_of(fz.numbers, fz.hostile_text()),
    email=EMAILS,
)
def test_complaint_saves_one_submission_or_nothing(
    client, form_pages, subject, details, name, phone, email
):
    fresh_limits()
    data = complaint_data(subject=subject, details=details, name=name, phone=phone, email=email)
    before = Submission.objects.count()
    response = client.post(form_pages[0].url, data)
    fz.assert_safe(response, *data.values())
    if complaint_is_valid(data):
        assert response.status_code == 302
        submission = Submission.objects.order_by("-pk").first()
        assert Submission.objects.count() == before + 1
        assert (submission.subject, submission.details) == (subject.strip(), details.strip())
        receipt = client.get(response["Location"])
        fz.assert_safe(receipt)
        detail = client.get(f"{TRACK_URL}{submission.code}/{submission.secret}/")
        assert detail.status_code == 200
        fz.assert_safe(detail, subject, details)
    else:
        assert response.status_code in {200, 400}
        assert Submission.objects.count() == before


def test_unbounded_text_fields_have_a_limit_with_a_message(client, form_pages):
    """Regression: details, purpose and address had no limit (2.5 MB were stored)."""
    from django.utils.translation import gettext

    data = request_data(details="ข" * 10_001, purpose="x" * 2_001)
    too_long = client.post(form_pages[1].url, data)
    assert too_long.status_code == 200 and not Submission.objects.exists()
    message = gettext(
        "This is too long: at most %(limit_value)s characters are allowed "
        "(it has %(show_value)s). Please shorten it."
    ) % {"limit_value": 10000, "show_value": 10001}
    assert message in too_long.content.decode()
    assert 'maxlength="10000"' in too_long.content.decode()
    fresh_limits()
    fits = client.post(form_pages[1].url, request_data(details="ข" * 10_000, address="ก" * 1_000))
    assert fits.status_code == 302 and Submission.objects.get().details == "ข" * 10_000


@FUZZ
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["name", "email", "phone", "address", "details", "purpose", "preferred_format"]
        ),
        st.one_of(fz.hostile_text(), fz.numbers),
    ),
    consent=st.sampled_from(["on", "", "off", "0", "<script>moitxss()</script>"]),
)
def test_information_request_never_fails(client, form_pages, fields, consent):
    fresh_limits()
    data = request_data(consent=consent, **fields)
    before = Submission.objects.count()
    response = client.post(form_pages[1].url, data)
    fz.assert_safe(response, *data.values())
    expected = before + 1 if response.status_code == 302 else before
    assert Submission.objects.count() == expected


def multipart(boundary, parts):
    """A hand-made multipart body: ``parts`` are (headers bytes, content bytes)."""
    body = b""
    for headers, content in parts:
        body += b"--" + boundary + b"\r\n" + headers + b"\r\n\r\n" + content + b"\r\n"
    return body + b"--" + boundary + b"--\r\n"


def field_part(name, value):
    return (b'Content-Disposition: form-data; name="' + name + b'"', value)


FILENAMES = st.one_of(
    st.sampled_from(
        [
            b"report.pdf",
            b"../../etc/passwd",
            b"a\x00.pdf",
            b"\xff\xfe.pdf",
            b"x" * 400 + b".pdf",
            "รายงาน ฉบับ<script>.pdf".encode(),
            b"evil.pdf.exe",
            b"",
            b'a"b.pdf',
            b"C:\\Windows\\win.ini",
        ]
    ),
    st.binary(max_size=40).map(lambda raw: raw.replace(b'"', b"").replace(b"\r", b"")),
)
CONTENTS = st.one_of(
    st.sampled_from([b"%PDF-1.4\n%%EOF\n", b"", b"MZ\x90\x00", b"<svg onload=moitxss()>"]),
    st.binary(max_size=200),
)


@FUZZ
@given(
    files=st.lists(st.tuples(FILENAMES, CONTENTS), max_size=5),
    junk=st.lists(
        st.tuples(st.binary(min_size=1, max_size=12), st.binary(max_size=30)), max_size=3
    ),
)
def test_complaint_with_bogus_files_never_fails(client, form_pages, files, junk):
    fresh_limits()
    boundary = b"----moitfuzz7d83"
    parts = [field_part(key.encode(), value.encode()) for key, value in complaint_data().items()]
    parts += [field_part(key.replace(b'"', b""), value) for key, value in junk]
    parts += [
        (
            b'Content-Disposition: form-data; name="attachments"; filename="'
            + name
            + b'"\r\nContent-Type: application/octet-stream',
            content,
        )
        for name, content in files
    ]
    before = Submission.objects.count()
    response = client.generic(
        "POST",
        form_pages[0].url,
        multipart(boundary, parts),
        content_type="multipart/form-data; boundary=" + boundary.decode(),
    )
    fz.assert_safe(response)
    expected = before + 1 if response.status_code == 302 else before
    assert Submission.objects.count() == expected


BROKEN_BODIES = [
    ("application/json", b'{"subject": "<script>moitxss()</script>", "details": 1}'),
    ("text/plain", "subject=ร้องเรียน&details=x".encode()),
    ("multipart/form-data", b"no boundary at all"),
    ("multipart/form-data; boundary=abc", b"--abc\r\ngarbage without end"),
    ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data\r\n\r\n"),
    ("multipart/form-data; boundary=" + "x" * 2000, b"--x"),
    ("application/x-www-form-urlencoded", b"subject=%ff%fe%00&details=%ed%a0%80&consent=on"),
    ("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % n for n in range(1500))),
    ("application/x-www-form-urlencoded; charset=nonexistent-charset", b"subject=x"),
    ("application/x-www-form-urlencoded; charset=utf-16", b"\xff\xfes\x00=\x00"),
]


@pytest.mark.parametrize("content_type, body", BROKEN_BODIES)
def test_broken_bodies_and_wrong_content_types(
    client, form_pages, survey_pages, content_type, body
):
    for url in (form_pages[0].url, form_pages[1].url, survey_pages[0].url):
        fresh_limits()
        response = client.generic("POST", url, body, content_type=content_type)
        fz.assert_safe(response)
    assert not Submission.objects.exists() and not SurveyResponse.objects.exists()
