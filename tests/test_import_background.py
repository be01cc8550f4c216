"""The check and the import away from the request: on a thread (the browser tests' way)
and in a process of their own (the site's ``ProcessBackend``: the child gets the task on
stdin, runs in its own session so a recycled or reloaded gunicorn worker does not take
it along, and writes to the same database and private files as the web process)."""

import os
import sqlite3
import time

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from moit_wagtail.importer import background, jobs
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.pages import models as pages
from tests.test_importer import news
from tests.test_importer_admin import IMPORT, upload
from tests.test_multi_process_cache import shared_database_url
from tests.thread_tasks import THREAD_TASKS

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROCESS_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "moit_imports": {"BACKEND": "moit_wagtail.importer.background.ProcessBackend"},
}
CHILD_SETTINGS = """
from moit_site.settings_test import *  # noqa: F403
MEDIA_ROOT = {media!r}  # the parent's: the staged files are under it
"""


def wait_until_done(token, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = jobs.read_progress(token)
        if state["state"] != jobs.RUNNING:
            return state
        time.sleep(0.1)
    raise AssertionError(f"still running after {seconds} s: {state}")


def token_of(response):
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def admin_client(client, unit, make_member):
    make_member("writer", unit.editors)
    client.force_login(make_member("webadmin", unit.admins))
    return client


@override_settings(TASKS=THREAD_TASKS)
def test_a_check_and_an_import_on_a_thread(admin_client, own_site):
    rows = [news(f"ข่าวที่ {number}") for number in range(1, 31)]
    token = token_of(admin_client.post(IMPORT, upload(rows, site=own_site)))
    state = wait_until_done(token)
    assert state["state"] == jobs.DONE and state["counts"]["create"] == 30
    progress = reverse("moit_importer_progress", args=[token])
    preview = admin_client.get(progress, follow=True)
    assert preview.context["counts"] == {"create": 30, "update": 0, "refused": 0}

    admin_client.post(reverse("moit_importer_confirm", args=[token]))
    state = wait_until_done(token)
    record = admin_client.get(progress, follow=True)
    assert record.redirect_chain[-1][0] == reverse(
        "moit_import_batches:inspect", args=[state["batch"]]
    )
    assert pages.NewsPage.objects.count() == 30 and ImportBatch.objects.get().created == 30


@override_settings(TASKS=PROCESS_TASKS)
def test_a_check_and_an_import_in_their_own_process(
    admin_client, own_site, settings, tmp_path, monkeypatch
):
    (tmp_path / "child_settings.py").write_text(CHILD_SETTINGS.format(media=settings.MEDIA_ROOT))
    parent_environment = background.child_environment
    started = []

    def environment():  # the test's database (a file copy of it on SQLite), as of now
        values = parent_environment()
        values.update(
            DJANGO_SETTINGS_MODULE="child_settings",
            DATABASE_URL=shared_database_url(tmp_path),
            PYTHONPATH=os.pathsep.join([str(tmp_path), values["PYTHONPATH"]]),
        )
        return values

    def start_child(payload):
        started.append(real_start(payload))
        return started[-1]

    real_start = background.start_child
    monkeypatch.setattr(background, "child_environment", environment)
    monkeypatch.setattr(background, "start_child", start_child)
    rows = [news(f"ประกาศที่ {number}") for number in range(1, 6)]

    token = token_of(admin_client.post(IMPORT, upload(rows, site=own_site)))
    assert wait_until_done(token)["counts"] == {"create": 5, "update": 0, "refused": 0}
    assert os.getpgid(started[0].pid) != os.getpgid(0)  # its own session
    assert token not in " ".join(started[0].args)  # the task's arguments went on stdin
    admin_client.post(reverse("moit_importer_confirm", args=[token]))
    state = wait_until_done(token)
    assert state["state"] == jobs.DONE, state
    for child in started:
        assert child.wait(timeout=30) == 0

    titles = {f"ประกาศที่ {number}" for number in range(1, 6)}
    if connection.vendor == "sqlite":  # the child wrote to the file copy
        database = sqlite3.connect(tmp_path / "shared.sqlite3")
        found = {title for (title,) in database.execute("SELECT title FROM wagtailcore_page")}
        batches = database.execute("SELECT created FROM moit_importer_importbatch").fetchall()
        database.close()
    else:  # the same PostgreSQL database
        found = set(pages.NewsPage.objects.values_list("title", flat=True))
        batches = list(ImportBatch.objects.values_list("created"))
    assert titles <= found and batches == [(5,)]
