"""Hostile input on the public forms: search, satisfaction survey, e-services, tracking.

Hypothesis feeds random and malicious values (very long strings, control characters and
NUL, mixed scripts, XSS/SQL/template payloads, odd numbers, raw invalid UTF-8) through the
Django test client. Properties: never a 500 (the test client re-raises any exception),
only expected statuses, nothing from the input rendered unescaped, the database changed by
exactly one row after a valid post and untouched after an invalid one, and the tracking
page answers garbage with 404 without leaking another submission. Deterministic and
bounded (``derandomize``, few examples); run on PostgreSQL too, where NUL is refused.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from moit_wagtail.eservices.codes import assign_code
from moit_wagtail.eservices.models import Submission
from moit_wagtail.pages import models as pages
from moit_wagtail.survey.models import CommentStatus, SurveyRating, SurveyResponse
from tests import fuzz_strategies as fz
from tests.eservices_helpers import complaint_data, request_data
from tests.fuzz_strategies import FUZZ, fresh_limits
from tests.survey_helpers import answer

pytestmark = pytest.mark.django_db

SEARCH_URL = "/search/"
TRACK_URL = "/e-services/track/"


@pytest.fixture
def survey_pages(survey_and_results):
    return survey_and_results


@pytest.fixture
def searchable(make_page):
    """A page whose title and summary hold payloads, so results are highlighted."""
    return make_page(
        pages.NewsPage,
        title="<script>moitxss(9)</script> กระทรวงอุตสาหกรรม โรงพยาบาล",
        summary='สาธารณสุข "><img src=x onerror=moitxss(8)> ร้องเรียน ข้อมูลข่าวสาร',
    )


# -- search ----------------------------------------------------------------------------------


@FUZZ
@given(q=fz.hostile_text(), page=fz.numbers)
def test_search_survives_any_query(client, searchable, q, page):
    assert_search(client.get(SEARCH_URL, {"q": q, "page": page}), q, page)


def assert_search(response, *sent):
    assert response.status_code == 200
    fz.assert_safe(response, *sent)


@FUZZ
@given(q=fz.raw_query_values(), page=fz.raw_query_values(), more=fz.raw_query_values())
def test_search_survives_raw_bytes_and_repeated_keys(client, searchable, q, page, more):
    query_string = f"q={q}&page={page}&q={more}&page=99999999999999999999&q"
    assert_search(client.get(SEARCH_URL, QUERY_STRING=query_string))


@pytest.mark.parametrize(
    "page", ["99999999999999999999", "-1", "abc", "0", "1e3", "inf", "NaN", "9" * 400, ""]
)
def test_search_page_numbers(client, searchable, page):
    response = client.get(SEARCH_URL, {"q": "อุตสาหกรรม", "page": page})
    assert response.status_code == 200
    assert "<mark>อุตสาหกรรม</mark>" in response.content.decode()


def test_search_echoes_the_query_escaped(client, searchable):
    q = 'อุตสาหกรรม "><img src=x onerror=moitxss(2)> {% debug %}'
    body = fz.assert_safe(client.get(SEARCH_URL, {"q": q}), q)
    assert 'value="อุตสาหกรรม &quot;&gt;&lt;img src=x onerror=moitxss(2)&gt;' in body


def test_search_results_are_escaped(client, searchable):
    body = fz.assert_safe(client.get(SEARCH_URL, {"q": "อุตสาหกรรม"}), "<script>moitxss")
    assert "&lt;script&gt;moitxss(9)&lt;/script&gt;" in body  # the page title
    assert "&quot;&gt;&lt;img src=x onerror=moitxss(8)&gt;" in body  # the snippet


def test_search_query_with_nul_and_invalid_utf8(client, searchable):
    response = client.get(SEARCH_URL, QUERY_STRING="q=%E0%B8%AD%00%ff%fe%ed%a0%80&page=%00")
    assert response.status_code == 200


# -- survey ----------------------------------------------------------------------------------

SCORES = st.one_of(st.sampled_from(["1", "2", "3", "4", "5"]), fz.numbers)


def survey_counts():
    return SurveyResponse.objects.count(), SurveyRating.objects.count()


@FUZZ
@given(
    scores=st.lists(SCORES, min_size=0, max_size=4),
    comment=st.one_of(fz.hostile_text(), fz.long_text),
    extra=st.dictionaries(
        st.sampled_from(["website", "csrfmiddlewaretoken", "aspect_0"]), fz.payloads
    ),
)
def test_survey_post_saves_one_answer_or_nothing(client, survey_pages, scores, comment, extra):
    fresh_limits()
    survey = survey_pages[0]
    aspects = list(survey.aspects.all())
    data = {**answer(survey, scores=[], comment=comment), **extra}
    data.update({f"aspect_{a.pk}": score for a, score in zip(aspects, scores, strict=False)})
    before = survey_counts()
    response = client.post(survey.url, data)
    fz.assert_safe(response, comment, *scores, *extra.values())
    after = survey_counts()
    robot = bool(extra.get("website", "").strip())
    valid = (
        len(scores) >= len(aspects)
        and all(score in {"1", "2", "3", "4", "5"} for score in scores[: len(aspects)])
        and "\x00" not in comment
        and len(comment.strip()) <= 2000
    )
    if robot:
        assert response.status_code == 302 and after == before
    elif valid:
        assert response.status_code == 302
        assert after == (before[0] + 1, before[1] + len(aspects))
        assert SurveyResponse.objects.order_by("-pk").first().comment == comment.strip()
    else:
        assert response.status_code == 400 and after == before


@FUZZ
@given(body=fz.raw_query_values(), key=st.sampled_from(["comment", "aspect_", "website", "x"]))
def test_survey_raw_body_never_fails(client, survey_pages, body, key):
    fresh_limits()
    survey = survey_pages[0]
    before = survey_counts()
    aspect = survey.aspects.first()
    key = f"aspect_{aspect.pk}" if key == "aspect_" else key
    response = client.generic(
        "POST", survey.url, f"{key}={body}&{key}={body}", "application/x-www-form-urlencoded"
    )
    assert response.status_code in {302, 400}
    fz.assert_safe(response)
    assert survey_counts() == before


@FUZZ
@given(period=st.one_of(fz.hostile_text(), fz.numbers), page=fz.numbers)
def test_survey_results_page_survives_any_parameter(client, survey_pages, period, page):
    fz.assert_safe(client.get(survey_pages[1].url, {"period": period, "page": page}), period)


def test_survey_nul_in_comment_is_a_clean_400(client, survey_pages):
    survey = survey_pages[0]
    response = client.post(survey.url, answer(survey, comment="ดีมาก\x00<script>moitxss()"))
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()
    assert "&lt;script&gt;moitxss()" in fz.assert_safe(response, "<script>moitxss")


def test_survey_long_comment_is_echoed_escaped(client, survey_pages):
    survey = survey_pages[0]
    comment = "</textarea><script>moitxss(4)</script>" * 100
    response = client.post(survey.url, answer(survey, comment=comment))
    assert response.status_code == 400 and not SurveyResponse.objects.exists()
    assert "&lt;/textarea&gt;&lt;script&gt;moitxss(4)" in fz.assert_safe(response, comment)


@pytest.mark.parametrize("score", ["99999999999999999999", "-1", "0", "abc", "๕", "5\x00", ""])
def test_survey_bad_scores_are_refused(client, survey_pages, score):
    survey = survey_pages[0]
    response = client.post(survey.url, answer(survey, scores=(score, 5, 5)))
    assert response.status_code == 400 and not SurveyResponse.objects.exists()


def test_survey_published_comment_is_escaped_on_the_results_page(client, survey_pages):
    survey, results = survey_pages
    payload = 'ดี <script>moitxss(1)</script> "><img src=x onerror=moitxss(2)>'
    SurveyResponse.objects.create(
        survey=survey, comment=payload, comment_status=CommentStatus.APPROVED
    )
    body = fz.assert_safe(client.get(results.url), payload)
    assert "ดี &lt;script&gt;moitxss(1)&lt;/script&gt;" in body


def test_rate_limited_posts_echo_payloads_escaped(client, form_pages, survey_pages, settings):
    settings.MOIT_ESERVICE_RATE_LIMITS = {"submit": (0, 3600)}
    settings.MOIT_SURVEY_RATE_LIMIT = (0, 600)
    # Only a valid post is counted against the limit (and refused), so the payload sits in
    # free-text fields; the refusal page shows the form again with what was typed.
    payload = "</textarea><script>moitxss(4)</script>"
    survey = survey_pages[0]
    posts = [
        (form_pages[0].url, complaint_data(subject=payload)),
        (form_pages[1].url, request_data(address=payload)),
        (survey.url, answer(survey, comment=payload)),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == 429
        assert "&lt;/textarea&gt;&lt;script&gt;moitxss(4)" in fz.assert_safe(response, payload)
    assert not Submission.objects.exists() and not SurveyResponse.objects.exists()


def test_missing_or_wrong_csrf_token_is_403(form_pages, survey_pages):
    csrf_client = Client(enforce_csrf_checks=True)
    survey = survey_pages[0]
    posts = [
        (form_pages[0].url, complaint_data()),
        (form_pages[1].url, request_data()),
        (survey.url, answer(survey)),
        (survey.url, answer(survey, csrfmiddlewaretoken="<script>moitxss()</script>")),
    ]
    for url, data in posts:
        response = csrf_client.post(url, data)
        assert response.status_code == 403
        fz.assert_safe(response, *data.values())
    assert not Submission.objects.exists() and not SurveyResponse.objects.exists()


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])
def test_other_methods(client, form_pages, survey_pages, method):
    urls = [form_pages[0].url, survey_pages[0].url, survey_pages[1].url, SEARCH_URL, TRACK_URL]
    for url in urls:
        fz.assert_safe(client.generic(method, url, b"subject=x"))
    response = client.generic(method, f"{TRACK_URL}C-2569-000001/secret/")
    assert response.status_code in {404, 405}
    assert not Submission.objects.exists() and not SurveyResponse.objects.exists()


# -- tracking --------------------------------------------------------------------------------


@pytest.fixture
def existing(form_pages):
    submission = Submission(
        site=form_pages[0].get_site(),
        kind="complaint",
        subject="เรื่องทดสอบ",
        details="ความลับของผู้ร้อง moit-private",
    )
    assign_code(submission)
    submission.save()
    return submission


def assert_not_leaked(response, submission, allowed=(400, 404, 429)):
    assert response.status_code in allowed
    body = fz.assert_safe(response)
    assert submission.secret not in body and "moit-private" not in body


@FUZZ
@given(
    code=st.one_of(fz.hostile_text(), fz.numbers, st.just("C-2569-000001")),
    secret=st.one_of(fz.hostile_text(), fz.long_text),
)
def test_tracking_with_garbage_is_404_and_leaks_nothing(client, existing, code, secret):
    fresh_limits()
    query = client.get(TRACK_URL, {"code": code, "secret": secret})
    nothing_typed = not (code.strip() or secret.strip())  # the empty form, as on a first visit
    assert_not_leaked(query, existing, allowed=(200,) if nothing_typed else (400, 404, 429))
    # Request lines over 4094 bytes never reach Django behind gunicorn (limit_request_line).
    parts = [quote(value or "x", safe="")[:1900] for value in (code, secret)]
    path = f"{TRACK_URL}{parts[0]}/{parts[1]}/"
    assert_not_leaked(client.get(path), existing)
    half = client.get(TRACK_URL, {"code": existing.code, "secret": secret})
    assert_not_leaked(half, existing)


@FUZZ
@given(code=fz.raw_query_values(), secret=fz.raw_query_values())
def test_tracking_with_raw_bytes(client, existing, code, secret):
    fresh_limits()
    query = client.get(TRACK_URL, QUERY_STRING=f"code={code}&secret={secret}")
    # Both empty after decoding and stripping: the empty form, as on a first visit.
    assert_not_leaked(query, existing, allowed=(200, 400, 404, 429))
    assert query.status_code != 200 or b'aria-invalid="true"' not in query.content
    assert_not_leaked(client.get(f"{TRACK_URL}{code or 'x'}/{secret or 'x'}/"), existing)


@pytest.mark.parametrize(
    "code, secret",
    [
        ("C-2569-000001\x00", "abc"),
        ("\x00", "\x00"),
        ("C-2569-000001", "secret\x00"),
        ("C" * 100_000, "s" * 100_000),
    ],
)
def test_tracking_nul_and_huge_values_are_404(client, existing, code, secret):
    """Regression: a NUL reached the database, which PostgreSQL refuses (a 500)."""
    query = client.get(TRACK_URL, {"code": code, "secret": secret})
    assert query.status_code == 404
    path = client.get(f"{TRACK_URL}{quote(code, safe='')}/{quote(secret, safe='')}/")
    assert path.status_code == 404


def test_tracking_still_finds_the_real_submission(client, existing):
    response = client.get(
        TRACK_URL, {"code": f" {existing.code.lower()} ", "secret": existing.secret}
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_garbage_posts_leave_the_tables_alone(client, form_pages, survey_pages):
    """One plain run of the worst values, so a failure reads without Hypothesis."""
    worst = "\x00" + "<script>moitxss(1)</script>" * 5000
    client.post(form_pages[0].url, complaint_data(subject=worst, details=worst))
    client.post(form_pages[1].url, request_data(name=worst, address=worst))
    client.post(survey_pages[0].url, answer(survey_pages[0], comment=worst))
    assert not Submission.objects.exists() and not SurveyResponse.objects.exists()
