"""The satisfaction survey (seed 1.10): answering, abuse limits, the page cache, English.

Messages are compared with ``gettext`` of their msgid in the active (Thai) language, so
the tests hold both before and after the Thai catalogue is compiled.
"""

import re
import time

import pytest
from django.utils.translation import gettext

from moit_wagtail import ratelimit as shared_ratelimit
from moit_wagtail.clients import client_address
from moit_wagtail.survey.models import (
    CommentStatus,
    SurveyResponse,
)
from tests.survey_helpers import (
    ASPECTS,
    answer,
    text,
)

pytestmark = pytest.mark.django_db


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
    monkeypatch.setattr(shared_ratelimit.time, "time", lambda: later)
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
    assert client_address(one) == "198.51.100.7"
    assert shared_ratelimit.client_digest(one) == shared_ratelimit.client_digest(two)
    settings.MOIT_CLIENT_IP_HEADER = ""
    assert client_address(one) == "10.0.0.2"


# -- results maths -----------------------------------------------------------------------------


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
