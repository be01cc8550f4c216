"""Scheduled commands run once even when every app server's cron starts them at the same
minute: the second run finds the lock taken and exits quietly (status 0), and a holder that
crashed or was killed never blocks the next run.

The lock is a PostgreSQL advisory lock when DATABASE_URL is PostgreSQL (as in CI's second
run), else a file lock beside the SQLite database; both paths are exercised here.
"""

import datetime
import signal
import subprocess
import sys
import textwrap
import threading
import time
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone, translation

from moit_wagtail import locking
from moit_wagtail.pages import models as pages
from moit_wagtail.reminders.models import ReminderLog

SKIPPED = "another run holds the lock"


@pytest.fixture(autouse=True)
def own_lock_dir(settings, tmp_path):
    """File locks of this test only (parallel test workers share one in-memory DB name)."""
    settings.MOIT_LOCK_DIR = str(tmp_path / "locks")


def run(command, *args):
    out = StringIO()
    with translation.override("en"):
        call_command(command, *args, stdout=out, stderr=StringIO())  # raises if not status 0
    return out.getvalue()


@pytest.mark.django_db
def test_a_lock_is_held_once_and_free_again_after():
    with locking.exclusive("job") as first:
        assert first is True
        with locking.exclusive("job") as second, locking.exclusive("other job") as other:
            assert second is False
            assert other is True  # names are independent
    with locking.exclusive("job") as again:
        assert again is True


@pytest.mark.django_db
def test_a_failing_run_releases_its_lock():
    with pytest.raises(RuntimeError), locking.exclusive("job") as acquired:
        assert acquired
        raise RuntimeError("the work failed")
    with locking.exclusive("job") as acquired:
        assert acquired


HOLDER_SQLITE = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o660)
fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
print("held", flush=True)
time.sleep(120)
"""

HOLDER_POSTGRES = """
import json, sys, time
import psycopg
params, key = json.loads(sys.argv[1]), int(sys.argv[2])
with psycopg.connect(**params, autocommit=True) as conn:
    assert conn.execute("SELECT pg_try_advisory_lock(%s)", [key]).fetchone()[0]
    print("held", flush=True)
    time.sleep(120)
"""


def start_holder(name):
    """Another process that takes the lock ``name`` the way a cron run would, then hangs."""
    if connection.vendor == "postgresql":
        import json

        params = connection.get_connection_params()
        params = {
            k: v for k, v in params.items() if k in {"dbname", "user", "password", "host", "port"}
        }
        args = [HOLDER_POSTGRES, json.dumps(params), str(locking.lock_key(name))]
    else:
        path = locking.lock_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        args = [HOLDER_SQLITE, str(path)]
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(args[0]), *args[1:]],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def acquired_within(name, seconds):
    deadline = time.monotonic() + seconds
    while True:
        with locking.exclusive(name) as acquired:
            if acquired or time.monotonic() > deadline:
                return acquired
        time.sleep(0.1)


@pytest.mark.django_db
def test_a_killed_holder_does_not_block_the_next_run():
    holder = start_holder("send_review_reminders")
    try:
        assert run("send_review_reminders").count(SKIPPED) == 1
        holder.send_signal(signal.SIGKILL)  # no clean-up code runs
        holder.wait(timeout=10)
        # The kernel (file lock) or PostgreSQL (the session died) let go of it by itself.
        assert acquired_within("send_review_reminders", seconds=10)
    finally:
        holder.kill()
        holder.wait(timeout=10)


# -- two runs of the review reminders at the same moment ----------------------------------


def overdue_law(make_page, title):
    page = make_page(pages.LawPage, title=title)
    pages.PublicationPage.objects.filter(pk=page.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=3),
        data_period_end=None,
        expire_at=None,
        last_published_at=timezone.now() - datetime.timedelta(days=1),
    )
    return page


# Transactional: the first run works in a thread of its own, with its own connection,
# which must see the rows made here. Serialized rollback restores the migrated rows after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_reminder_runs_send_each_digest_once(
    unit, home_page, make_page, make_member, editor
):
    make_member("webadmin1", unit.admins)
    overdue_law(make_page, "ประกาศที่เลยกำหนดทบทวน")

    from moit_wagtail.reminders.management.commands import send_review_reminders as module

    real_plan = module.plan_reminders
    inside, finish = threading.Event(), threading.Event()

    def slow_plan(*args, **kwargs):
        inside.set()  # the first run holds the lock and is mid-way through its work
        assert finish.wait(timeout=30)
        return real_plan(*args, **kwargs)

    outputs, errors = [], []

    def first_run():
        try:
            outputs.append(run("send_review_reminders"))
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    with mock.patch.object(module, "plan_reminders", slow_plan):
        thread = threading.Thread(target=first_run)
        thread.start()
        try:
            assert inside.wait(timeout=30)
            second = run("send_review_reminders")
        finally:
            finish.set()
            thread.join(timeout=60)

    assert errors == []
    assert SKIPPED in second and "digest(s)" not in second
    assert "1 digest(s)" in outputs[0] and SKIPPED not in outputs[0]
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert ReminderLog.objects.count() == 1


# -- the other cron commands ---------------------------------------------------------------


@pytest.mark.django_db
def test_moit_publish_scheduled_is_wagtails_command_under_the_lock(make_page):
    law = make_page(pages.LawPage, title="ระเบียบหมดอายุ")
    pages.LawPage.objects.filter(pk=law.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with locking.exclusive("moit_publish_scheduled"):
        assert SKIPPED in run("moit_publish_scheduled")
    law.refresh_from_db()
    assert law.live  # the skipped run did nothing

    run("moit_publish_scheduled", "--dryrun")
    law.refresh_from_db()
    assert law.live  # Wagtail's own options still work

    run("moit_publish_scheduled")
    law.refresh_from_db()
    assert law.expired and not law.live


@pytest.mark.django_db
def test_rebuilding_the_search_index_takes_the_lock_unless_told_not_to(make_page):
    make_page(pages.LawPage, title="ระเบียบการลา")
    with locking.exclusive("rebuild_thai_search_index"):
        assert SKIPPED in run("rebuild_thai_search_index")
        assert "Indexed" in run("rebuild_thai_search_index", "--no-lock")
    assert "Indexed" in run("rebuild_thai_search_index")


@pytest.mark.django_db
def test_reading_attachment_text_takes_the_lock_unless_told_not_to():
    from moit_wagtail.search.models import FileText
    from tests.factories import make_document
    from tests.file_text_files import docx_bytes

    document = make_document("คำสั่ง.docx", docx_bytes(["คำสั่งแต่งตั้งคณะกรรมการ"]))
    with locking.exclusive("extract_file_text"):
        assert SKIPPED in run("extract_file_text")
        # The skipped run did nothing.
        assert not FileText.objects.filter(document=document).exists()
        assert "Read the files of 1 document(s)." in run("extract_file_text", "--no-lock")
    assert "Read the files of 0 document(s)." in run("extract_file_text")
