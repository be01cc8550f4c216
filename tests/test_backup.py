"""Backup and restore: a representative site survives the round trip, across engines.

The source is the test database, filled here. Each target is a separate, empty installation
restored by ``manage.py``-style calls in a subprocess (its own DATABASE_URL and media root),
which then reports a fingerprint of what it holds; the fingerprints must be equal:

* SQLite run: test DB (SQLite) -> a second SQLite file (a copy of the freshly migrated test
  DB taken before any content is made); then, when ``MOIT_BACKUP_PG_URL`` names a
  PostgreSQL server, that file is backed up and restored into a new PostgreSQL database.
* PostgreSQL run (``DATABASE_URL``): test DB (PostgreSQL) -> a SQLite file (schema made from
  the models) -> backed up from SQLite -> a fresh PostgreSQL database (a copy of the
  migrated test DB): so PostgreSQL -> SQLite -> PostgreSQL.

Content type ids are shifted in every target before it is restored, so a row that kept a
source id instead of a natural key would point at the wrong type and fail the comparison.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from moit_wagtail.backup.backup import create_backup
from tests import factories
from tests.backup_fingerprint import derived, fingerprint, shift_content_type_ids

REPO = Path(__file__).resolve().parent.parent


def run_target(archive, report, backup_to="", syncdb=False, migrate=False):
    """In a target installation: make its schema if asked, shift content type ids, restore,
    write the fingerprint to ``report``, and back up again to ``backup_to`` if given."""
    if syncdb:
        _syncdb()
    if migrate:
        call_command("migrate", verbosity=0)
    shift_content_type_ids()
    call_command("moit_restore", archive, verbosity=0)
    found = {**fingerprint(), **derived()}
    Path(report).write_text(json.dumps(found, ensure_ascii=False, default=str))
    if backup_to:
        call_command("moit_backup", output=backup_to, verbosity=0)


def _syncdb():
    """Tables straight from the models, every migration recorded as applied: a migrated
    schema in seconds instead of a minute (used for the intermediate SQLite file only)."""
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder
    from django.test.utils import override_settings

    class NoMigrations:
        def __contains__(self, item):
            return True

        def __getitem__(self, item):
            return None

    with override_settings(MIGRATION_MODULES=NoMigrations()):
        call_command("migrate", run_syncdb=True, verbosity=0)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    for app_label, name in MigrationLoader(connection, ignore_no_migrations=True).disk_migrations:
        recorder.record_applied(app_label, name)


# -- the source site --------------------------------------------------------------------


def build_representative_site(unit, make_member, category_indexes, editor):
    """Pages of several types with revisions, approved and refused requests, files,
    survey answers, visitor counts and a citizen's private attachment."""
    from wagtail.log_actions import log
    from wagtail.models import Site

    from moit_wagtail.eservices import codes
    from moit_wagtail.eservices.models import Kind, Submission, SubmissionFile
    from moit_wagtail.pages import models as pages
    from moit_wagtail.stats.models import DailyCount, DocumentCount, PageCount
    from moit_wagtail.survey.models import SurveyAspect, SurveyPage, SurveyRating, SurveyResponse

    author = make_member("writer", unit.editors)
    approver = make_member("boss", unit.approvers)
    site = Site.objects.get(is_default_site=True)
    document = factories.make_document("รายงานประจำปี.pdf", b"%PDF-1.4\n% annual report\n" * 50)
    law = factories.publish(
        factories.build_page(pages.LawPage, editor), category_indexes[pages.LawIndexPage], editor
    )
    factories.attach(law, document)
    document.tags.add("รายงาน")  # taggit's generic TaggedItem: a content type id per row
    news = factories.build_page(pages.NewsPage, editor, title="ข่าวมีแท็ก")
    news.tags.add("ไข้เลือดออก", "วัคซีน")
    factories.publish(news, category_indexes[pages.NewsIndexPage], editor)
    news.title = "ข่าวมีแท็ก (ร่างแก้ไข)"
    news.save_revision(user=editor)  # a newer draft than what is live
    activity = factories.publish(
        factories.build_page(pages.ActivityPage, editor), category_indexes[pages.NewsIndexPage]
    )
    for state, model in (("approve", pages.KnowledgePage), ("reject", pages.SopManualPage)):
        draft = factories.build_page(model, author, title=f"คำขอ {state}", live=False)
        category_indexes[factories.PAGE_TYPES[model]].add_child(instance=draft)
        draft.save_revision(user=author)
        draft.get_workflow().start(draft, author)
        task, task_state = draft.current_workflow_task, draft.current_workflow_task_state
        extra = {"rejection_reason": "inaccurate"} if state == "reject" else {}
        task.on_action(task_state, approver, state, comment=f"ความเห็น {state}", **extra)
    log(instance=document, action="wagtail.edit", user=editor)

    survey = SurveyPage(title="แบบประเมิน", slug="survey", aspects=[SurveyAspect(label="ความทันสมัย")])
    category_indexes[pages.StatisticsIndexPage].add_child(instance=survey)
    survey.save_revision().publish()
    aspect = survey.aspects.get()
    for score in (5, 4, 2):
        response = SurveyResponse.objects.create(survey=survey, comment=f"คะแนน {score}")
        SurveyRating.objects.create(
            response=response, aspect=aspect, aspect_label=aspect.label, score=score
        )
    today = timezone.localdate()
    DailyCount.objects.create(site=site, day=today, visits=12, views=30, downloads=4)
    PageCount.objects.create(site=site, month=today.replace(day=1), path="/law/", views=9)
    DocumentCount.objects.create(
        site=site, month=today.replace(day=1), document=document, downloads=4
    )
    submission = Submission(
        site=site, kind=Kind.COMPLAINT, subject="ร้องเรียน", details="รายละเอียด",
        consent_at=timezone.now(),
    )  # fmt: skip
    codes.assign_code(submission)
    submission.save()
    attachment = SubmissionFile(submission=submission, original_name="หลักฐาน.pdf", size=30)
    attachment.file.save("evidence.pdf", ContentFile(b"%PDF-1.4\n% private evidence\n"))
    return {"law": law, "news": news, "activity": activity, "document": document}


# -- targets ----------------------------------------------------------------------------


def target_env(tmp, database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "moit_site.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_CACHE_DIR": str(tmp / "cache"),
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "site")]),
    }


def in_target(tmp, database_url, archive, **options):
    """Run ``run_target`` in a subprocess against ``database_url``; return its fingerprint."""
    tmp.mkdir(parents=True, exist_ok=True)
    report = tmp / "fingerprint.json"
    arguments = ", ".join(f"{key}={value!r}" for key, value in options.items())
    code = (
        "import django; django.setup(); from tests.test_backup import run_target; "
        f"run_target({str(archive)!r}, {str(report)!r}, {arguments})"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=target_env(tmp, database_url),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(report.read_text())


@pytest.fixture(scope="module")
def sqlite_template(django_db_setup, django_db_blocker, tmp_path_factory):
    """On the SQLite run, a file copy of the migrated (empty) test database, taken outside
    any test transaction; None on the PostgreSQL run."""
    if connection.vendor != "sqlite":
        return None
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    return path


def postgres_admin_url(url):
    return url.rsplit("/", 1)[0] + "/postgres"


def create_postgres_database(url, name, template=None):
    import psycopg

    with psycopg.connect(postgres_admin_url(url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        suffix = f' TEMPLATE "{template}"' if template else ""
        admin.execute(f'CREATE DATABASE "{name}"{suffix}')
    return url.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres_database(url, name):
    import psycopg

    with psycopg.connect(postgres_admin_url(url), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def postgres_target(django_db_setup, django_db_blocker):
    """``(url, needs_migrate)`` of a new PostgreSQL database for this module, or None.

    On the PostgreSQL run it is a copy of the migrated test database (made before any test
    here adds content); on the SQLite run, ``MOIT_BACKUP_PG_URL`` may name a server, and
    the database is migrated in the target process.
    """
    from django.conf import settings

    name = f"moit_backup_target_{os.getpid()}"
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock():
            test_db = settings.DATABASES["default"]["NAME"]
            server = os.environ["DATABASE_URL"]
            connection.close()
            url = create_postgres_database(server, name, template=test_db)
        yield url, False
    elif os.environ.get("MOIT_BACKUP_PG_URL"):
        server = os.environ["MOIT_BACKUP_PG_URL"]
        url = create_postgres_database(server, name)
        yield url, True
    else:
        yield None
        return
    drop_postgres_database(server, name)


# -- the tests --------------------------------------------------------------------------


def diff(expected, found):
    """Keys whose values differ (a readable failure instead of two huge dicts)."""
    return {
        key: (expected[key], found.get(key)) for key in expected if expected[key] != found.get(key)
    }


@pytest.mark.slow
@pytest.mark.django_db
def test_round_trip_across_databases(
    tmp_path, sqlite_template, postgres_target, unit, make_member, category_indexes, editor
):
    sqlite_file = tmp_path / "b" / "restored.sqlite3"
    sqlite_file.parent.mkdir()
    source_is_sqlite = sqlite_template is not None
    if source_is_sqlite:
        shutil.copy(sqlite_template, sqlite_file)
    build_representative_site(unit, make_member, category_indexes, editor)
    expected = json.loads(json.dumps(fingerprint(), ensure_ascii=False, default=str))
    searchable = derived()["searchable"]
    assert (
        expected["files"]
        and expected["workflow_states"]
        and expected["tags"]
        and expected["page_tags"]
    )
    archive = tmp_path / "site.tar.gz"
    manifest = create_backup(archive)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["counts"]["wagtailcore.revision"] == expected["counts"]["wagtailcore.revision"]
    assert any(name.startswith("private/eservices/") for name in manifest["members"])

    second_backup = tmp_path / "from-sqlite.tar.gz" if postgres_target else ""
    restored = in_target(
        tmp_path / "b", f"sqlite:///{sqlite_file}", archive,
        syncdb=not source_is_sqlite, backup_to=str(second_backup),
    )  # fmt: skip
    assert diff(expected, restored) == {}
    assert restored["has_references"]
    assert set(searchable) <= set(restored["searchable"])

    if postgres_target is None:
        pytest.skip(
            "SQLite -> PostgreSQL part skipped: no PostgreSQL reachable (it runs in CI's "
            "PostgreSQL run; locally set MOIT_BACKUP_PG_URL=postgres://...)"
        )
    url, needs_migrate = postgres_target
    on_postgres = in_target(tmp_path / "c", url, second_backup, migrate=needs_migrate)
    assert diff(expected, on_postgres) == {}
    assert set(searchable) <= set(on_postgres["searchable"])
