"""Two editors saving the same page: the second save never silently replaces the first.

Through the real admin edit view. Wagtail 8 checks for a newer version only on autosave
(and warns in the browser when its 10-second ping has noticed one); a plain "Save" still
overwrote. ``moit_wagtail.workflow.page_views`` refuses that save under the page's row
lock, keeps the second editor's input in the form and says who saved in between. The
sequential cases run on every database; the simultaneous one needs PostgreSQL.
"""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils.translation import gettext
from wagtail.models import Revision

from moit_wagtail.workflow import page_views
from tests.factories import form_values

ORIGINAL, FIRST, SECOND = "ข่าวเดิม", "ข่าวฉบับของคนแรก", "ข่าวฉบับของคนที่สอง"
CONFLICT_MSGID = (
    "Your changes were not saved: %(user)s saved a newer version at %(when)s. Your "
    "changes are still in the form. Compare them with the latest version (history), then "
    "save again if yours should replace it."
)


def is_conflict(message):
    """The conflict message in the active language (Thai once compiled), names aside."""
    parts = re.split(r"%\(\w+\)s", gettext(CONFLICT_MSGID))
    return all(part.strip() in message for part in parts if part.strip())


WAIT = 20  # seconds: every wait is bounded, a broken run fails instead of hanging

requires_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL for simultaneous writers (SQLite allows one writer at a time)",
)


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def open_editor(user, page, language="en"):
    """A logged-in client and the values of the edit form it loaded."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    response = client.get(edit_url(page))
    assert response.status_code == 200
    values = form_values(response.content.decode())
    page.refresh_from_db()
    assert values["loaded_revision_id"] == str(page.latest_revision_id)
    return client, values


def latest_title(page):
    page.refresh_from_db()
    return page.get_latest_revision_as_object().title


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.django_db
def test_the_second_save_is_refused_and_keeps_its_input(editors, news):
    revisions_before = Revision.objects.filter(object_id=str(news.pk)).count()
    first, first_form = open_editor(editors[0], news)
    second, second_form = open_editor(editors[1], news)

    assert first.post(edit_url(news), {**first_form, "title": FIRST}).status_code == 302

    refused = second.post(edit_url(news), {**second_form, "title": SECOND})
    assert refused.status_code == 200  # the form again, not an error page
    [message] = [m for m in messages_of(refused) if is_conflict(m)]
    assert editors[0].get_full_name() in message
    assert refused.context["form"]["title"].value() == SECOND  # nothing typed is lost
    assert latest_title(news) == FIRST
    assert Revision.objects.filter(object_id=str(news.pk)).count() == revisions_before + 1

    # The re-rendered form carries the newer version: saving again is a deliberate choice.
    again = form_values(refused.content.decode())
    assert again["loaded_revision_id"] == str(news.latest_revision_id)
    assert second.post(edit_url(news), {**again, "title": SECOND}).status_code == 302
    assert latest_title(news) == SECOND


@pytest.mark.django_db
def test_a_publish_from_a_stale_form_is_refused(editors, news, make_member, unit):
    head = make_member("head", unit.admins, "ประเสริฐ")
    stale, stale_form = open_editor(head, news)
    writer, writer_form = open_editor(editors[0], news)
    assert writer.post(edit_url(news), {**writer_form, "title": FIRST}).status_code == 302

    refused = stale.post(edit_url(news), {**stale_form, "title": SECOND, "action-publish": "1"})
    assert refused.status_code == 200 and any(is_conflict(m) for m in messages_of(refused))
    news.refresh_from_db()
    assert news.title == ORIGINAL  # the live page is untouched
    assert latest_title(news) == FIRST


@pytest.mark.django_db
def test_the_message_is_in_thai_by_default(editors, news):
    first, first_form = open_editor(editors[0], news, language="th")
    second, second_form = open_editor(editors[1], news, language="th")
    first.post(edit_url(news), {**first_form, "title": FIRST})
    refused = second.post(edit_url(news), {**second_form, "title": SECOND})
    assert any(editors[0].get_full_name() in m for m in messages_of(refused))
    assert latest_title(news) == FIRST


@pytest.mark.django_db
def test_wagtail_autosave_check_still_applies(editors, news):
    """Wagtail's own check for autosave (JSON) requests is kept, not replaced."""
    first, first_form = open_editor(editors[0], news)
    second, second_form = open_editor(editors[1], news)
    first.post(edit_url(news), {**first_form, "title": FIRST})
    response = second.post(
        edit_url(news), {**second_form, "title": SECOND}, HTTP_ACCEPT="application/json"
    )
    assert response.json()["error_code"] == "invalid_revision"
    assert latest_title(news) == FIRST


@pytest.mark.django_db
def test_a_save_from_an_up_to_date_form_goes_through(editors, news):
    client, values = open_editor(editors[0], news)
    assert client.post(edit_url(news), {**values, "title": FIRST}).status_code == 302
    client, values = open_editor(editors[1], news)
    assert client.post(edit_url(news), {**values, "title": SECOND}).status_code == 302
    assert latest_title(news) == SECOND


# -- at the same moment, on PostgreSQL ------------------------------------------------------


@requires_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_the_same_moment_one_wins(editors, news, monkeypatch):
    revisions_before = Revision.objects.filter(object_id=str(news.pk)).count()
    forms = [open_editor(user, news) for user in editors]
    titles = [FIRST, SECOND]
    # Both requests must be past reading the page before either takes the lock.
    both_read = threading.Barrier(2, timeout=WAIT)
    real_lock_page = page_views.lock_page

    def lock_page_after_both_read(page_id):
        both_read.wait()
        real_lock_page(page_id)

    monkeypatch.setattr(page_views, "lock_page", lock_page_after_both_read)
    responses, errors = [None, None], []

    def save(number):
        client, values = forms[number]
        try:
            responses[number] = client.post(edit_url(news), {**values, "title": titles[number]})
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
    assert errors == [] and not any(thread.is_alive() for thread in threads)

    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302]  # one saved, one shown the form again
    winner = [r.status_code for r in responses].index(302)
    # (the test client's captured contexts mix across threads: read the page itself)
    loser = responses[1 - winner].content.decode()
    assert is_conflict(loser) and editors[winner].get_full_name() in loser
    assert latest_title(news) == titles[winner]
    assert Revision.objects.filter(object_id=str(news.pk)).count() == revisions_before + 1
