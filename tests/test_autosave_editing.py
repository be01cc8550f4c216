"""An editor's own autosaves never make her own save look like someone else's.

Wagtail's autosave posts the form in the background (JSON) and keeps the revision it
made to itself; the form still names the version it was opened with. These tests post
what the browser posts: the autosave request, then the plain save or submit.
"""

import pytest
from django.test import Client
from wagtail.admin.models import EditingSession
from wagtail.models import Revision

from tests.factories import form_values
from tests.test_concurrent_editing import edit_url, is_conflict, latest_title, messages_of

TYPED, MORE = "ข่าวที่พิมพ์แล้วบันทึกอัตโนมัติ", "ข่าวที่พิมพ์ต่อ"


def open_editor(user, page):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return client, form_values(response.content.decode())


def autosave(client, page, values, overwrite=None):
    """What Wagtail's autosave controller sends, applying its ``field_updates`` to the
    form as the browser does."""
    data = {**values}
    if overwrite:
        data["overwrite_revision_id"] = overwrite
    response = client.post(edit_url(page), data, HTTP_ACCEPT="application/json")
    body = response.json()
    assert body["success"], body
    values.update(body.get("field_updates", {}))
    return body["revision_id"]


@pytest.mark.django_db
def test_saving_after_autosave_goes_through(editors, news):
    client, values = open_editor(editors[0], news)
    values["title"] = TYPED
    revision_id = autosave(client, news, values)
    assert values["loaded_revision_id"] == str(revision_id)  # the form follows autosave

    values["title"] = MORE
    revision_id = autosave(client, news, values, overwrite=revision_id)
    saved = client.post(edit_url(news), values)
    assert saved.status_code == 302, messages_of(saved)
    assert latest_title(news) == MORE


@pytest.mark.django_db
def test_submitting_after_autosave_goes_through(editors, news):
    client, values = open_editor(editors[0], news)
    values["title"] = TYPED
    autosave(client, news, values)
    submitted = client.post(edit_url(news), {**values, "action-submit": "1"})
    assert submitted.status_code == 302
    news.refresh_from_db()
    assert news.workflow_in_progress


@pytest.mark.django_db
def test_an_autosave_that_the_form_missed_is_still_her_own(editors, news):
    """An autosave that raced the click on Save: the form never heard of its revision."""
    client, values = open_editor(editors[0], news)
    stale = dict(values)
    autosave(client, news, {**values, "title": TYPED})
    saved = client.post(edit_url(news), {**stale, "title": MORE})
    assert saved.status_code == 302
    assert latest_title(news) == MORE


@pytest.mark.django_db
def test_another_persons_save_after_my_autosave_is_a_conflict(editors, news):
    mine, my_form = open_editor(editors[0], news)
    my_form["title"] = TYPED
    revision_id = autosave(mine, news, my_form)
    autosave(mine, news, my_form, overwrite=revision_id)

    theirs, their_form = open_editor(editors[1], news)
    assert theirs.post(edit_url(news), {**their_form, "title": "ฉบับของคนที่สอง"}).status_code == 302

    refused = mine.post(edit_url(news), {**my_form, "title": MORE})
    assert refused.status_code == 200
    [message] = [m for m in messages_of(refused) if is_conflict(m)]
    assert editors[1].get_full_name() in message
    assert refused.context["form"]["title"].value() == MORE  # nothing typed is lost
    assert latest_title(news) == "ฉบับของคนที่สอง"


@pytest.mark.django_db
def test_my_own_other_window_still_counts_as_a_conflict(editors, news):
    """The same person editing in two windows: the window that missed the other's save is
    warned, as for another person (Wagtail's editing sessions tell the windows apart)."""
    first_window, first_form = open_editor(editors[0], news)
    second_window, second_form = open_editor(editors[0], news)
    assert EditingSession.objects.filter(user=editors[0]).count() == 2
    assert first_window.post(edit_url(news), {**first_form, "title": TYPED}).status_code == 302

    refused = second_window.post(edit_url(news), {**second_form, "title": MORE})
    assert refused.status_code == 200 and any(is_conflict(m) for m in messages_of(refused))
    assert latest_title(news) == TYPED


@pytest.mark.django_db
def test_autosave_makes_one_revision_per_window(editors, news):
    before = Revision.objects.filter(object_id=str(news.pk)).count()
    client, values = open_editor(editors[0], news)
    first = autosave(client, news, {**values, "title": TYPED})
    second = autosave(client, news, {**values, "title": MORE}, overwrite=first)
    assert first == second
    assert Revision.objects.filter(object_id=str(news.pk)).count() == before + 1
