"""The import running on its own thread (the site's default ``ThreadBackend``): the
request returns at once, the progress moves and the page leads on when it ends; the
preview's transaction and the import's are the thread's own."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse

from moit_wagtail.importer import jobs
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.pages import models as pages
from tests.test_importer import news
from tests.test_importer_admin import IMPORT, upload

THREADS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "moit_imports": {"BACKEND": "moit_wagtail.importer.background.ThreadBackend"},
}


def wait_until_done(token, seconds=60):
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        state = jobs.read_progress(token)
        seen.append((state["state"], state.get("done")))
        if state["state"] != jobs.RUNNING:
            return state, seen
        time.sleep(0.05)
    raise AssertionError(f"still running after {seconds} s: {seen[-3:]}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=THREADS)
def test_a_check_and_an_import_on_their_own_thread(client, unit, make_member, own_site):
    make_member("writer", unit.editors)
    client.force_login(make_member("webadmin", unit.admins))
    rows = [news(f"ข่าวที่ {number}") for number in range(1, 31)]

    response = client.post(IMPORT, upload(rows, site=own_site))
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    state, _seen = wait_until_done(token)
    assert state["state"] == jobs.DONE and state["counts"]["create"] == 30
    preview = client.get(reverse("moit_importer_progress", args=[token]), follow=True)
    assert preview.context["counts"] == {"create": 30, "update": 0, "refused": 0}

    client.post(reverse("moit_importer_confirm", args=[token]))
    state, seen = wait_until_done(token)
    assert state["state"] == jobs.DONE and state["batch"]
    record = client.get(reverse("moit_importer_progress", args=[token]), follow=True)
    assert record.redirect_chain[-1][0] == reverse(
        "moit_import_batches:inspect", args=[state["batch"]]
    )
    assert pages.NewsPage.objects.count() == 30 and ImportBatch.objects.get().created == 30
