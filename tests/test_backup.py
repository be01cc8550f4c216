"""Backup and restore (issue 6): a representative site survives the round trip, across engines.

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

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from moit_wagtail.backup import archive as archive_module
from moit_wagtail.backup.backup import create_backup
from moit_wagtail.backup.errors import BackupError
from moit_wagtail.backup.restore import restore_archive
from tests import factories

REPO = Path(__file__).resolve().parent.parent
CT_SHIFT = 500


# -- what a site holds, in engine-independent terms -------------------------------------


def _sha(storage, name):
    with storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def fingerprint():
    """Everything the comparison looks at, as JSON-able data (runs in every installation)."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        GroupCollectionPermission,
        GroupPagePermission,
        ModelLogEntry,
        Page,
        PageLogEntry,
        Revision,
        Site,
        TaskState,
        WorkflowState,
    )

    from moit_wagtail.backup import selection
    from moit_wagtail.eservices.models import SubmissionFile
    from moit_wagtail.stats.models import DailyCount, DocumentCount, PageCount
    from moit_wagtail.survey.models import SurveyRating, SurveyResponse

    def ct(pk):
        item = ContentType.objects.get_for_id(pk)
        return f"{item.app_label}.{item.model}"

    def revision_content(revision):
        content = dict(revision.content)
        content["content_type"] = ct(content["content_type"])
        return content

    pages = Page.objects.order_by("path")
    return {
        "counts": {
            m._meta.label_lower: m._base_manager.count() for m in selection.travelling_models()
        },
        "tree": [
            [p.path, p.depth, p.numchild, p.title, p.url_path, p.live, ct(p.content_type_id)]
            for p in pages
        ],
        "specific": [type(p.specific).__name__ for p in pages],
        "latest_revisions": {
            p.path: revision_content(p.latest_revision)
            for p in pages.select_related("latest_revision")
            if p.latest_revision
        },
        "revision_objects": sorted(
            [r.pk, ct(r.content_type_id), type(r.as_object()).__name__]
            for r in Revision.objects.all()
        ),
        "workflow_states": sorted(
            [w.pk, ct(w.base_content_type_id), w.object_id, w.status, w.workflow.name]
            for w in WorkflowState.objects.all()
        ),
        "task_states": sorted(
            [
                t.pk,
                t.status,
                t.task.name,
                ct(t.content_type_id),
                t.comment,
                getattr(t.specific, "rejection_reason", ""),
            ]
            for t in TaskState.objects.all()
        ),  # fmt: skip
        "page_log": [
            [e.page_id, e.action, e.user_id, e.timestamp.isoformat(), ct(e.content_type_id)]
            for e in PageLogEntry.objects.order_by("pk")
        ],
        "model_log": [
            [e.object_id, e.action, ct(e.content_type_id), e.label]
            for e in ModelLogEntry.objects.order_by("pk")
        ],
        "sites": sorted(
            [s.hostname, s.port, s.root_page.url_path, s.is_default_site]
            for s in Site.objects.all()
        ),
        "group_permissions": {
            g.name: sorted(p.codename for p in g.permissions.all()) for g in Group.objects.all()
        },
        "page_permissions": sorted(
            [g.group.name, g.page.path, g.permission.codename]
            for g in GroupPagePermission.objects.all()
        ),
        "collection_permissions": sorted(
            [g.group.name, g.collection.name, g.permission.codename]
            for g in GroupCollectionPermission.objects.all()
        ),
        "tags": sorted(
            [t.tag.name, ct(t.content_type_id), t.object_id] for t in TaggedItem.objects.all()
        ),
        "page_tags": sorted(
            [page.pk, tag.name]
            for page in Page.objects.type(factories.pages.PublicationPage).specific()
            for tag in getattr(page, "tags", None).all()
        ),
        "files": {
            row.file.name: _sha(row.file.storage, row.file.name)
            for model in (get_document_model(), get_image_model(), SubmissionFile)
            for row in model.objects.all()
        },
        "survey": sorted(
            [r.survey_id, r.comment, sorted(x.score for x in r.ratings.all())]
            for r in SurveyResponse.objects.all()
        ),
        "survey_total": sum(r.score for r in SurveyRating.objects.all()),
        "stats": [
            sorted(
                [d.site_id, d.day.isoformat(), d.visits, d.views, d.downloads]
                for d in DailyCount.objects.all()
            ),
            sorted([c.path, c.views] for c in PageCount.objects.all()),
            sorted([c.document_id, c.downloads] for c in DocumentCount.objects.all()),
        ],  # fmt: skip
    }


def derived():
    """Rebuilt after a restore, so compared loosely (the rebuild also indexes pages that
    were made live without a publish signal)."""
    from wagtail.models import ReferenceIndex

    from moit_wagtail.search.models import SearchDocument

    return {
        "searchable_pages": sorted(SearchDocument.objects.values_list("page_id", flat=True)),
        "has_references": ReferenceIndex.objects.exists(),
    }


def shift_content_type_ids(offset=CT_SHIFT):
    """Renumber every content type (and what points at it), as another install would have."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    columns = [
        (model._meta.db_table, field.column)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.local_fields
        if field.is_relation and field.related_model is ContentType
    ]
    tables = set(connection.introspection.table_names())
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        quote = connection.ops.quote_name
        cursor.execute(f"UPDATE django_content_type SET id = id + {offset}")
        for table, column in columns:
            if table in tables:
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = {quote(column)} + {offset}"
                )
    ContentType.objects.clear_cache()


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
    searchable = derived()["searchable_pages"]
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
    assert set(searchable) <= set(restored["searchable_pages"])

    if postgres_target is None:
        pytest.skip(
            "SQLite -> PostgreSQL part skipped: no PostgreSQL reachable (it runs in CI's "
            "PostgreSQL run; locally set MOIT_BACKUP_PG_URL=postgres://...)"
        )
    url, needs_migrate = postgres_target
    on_postgres = in_target(tmp_path / "c", url, second_backup, migrate=needs_migrate)
    assert diff(expected, on_postgres) == {}
    assert set(searchable) <= set(on_postgres["searchable_pages"])


def small_site(make_document):
    make_document("a.pdf", b"%PDF-1.4\n% a\n")


@pytest.mark.django_db
def test_restore_refuses_a_database_with_content(tmp_path, home_page, make_document, editor):
    from wagtail.models import Page

    small_site(make_document)
    archive = tmp_path / "a.tar.gz"
    create_backup(archive)
    pages_before = Page.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("moit_restore", str(archive), verbosity=0)
    assert "auth.user: 1" in str(refused.value)
    assert Page.objects.count() == pages_before


@pytest.mark.django_db
def test_a_freshly_migrated_database_counts_as_empty():
    from moit_wagtail.backup import emptiness

    assert emptiness.database_content("default") == {}


def rewrite(archive, target, change):
    """Copy ``archive`` to ``target`` with ``change(name, data) -> data`` applied."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for info in source.getmembers():
            data = change(info.name, source.extractfile(info).read())
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))


@pytest.fixture
def empty_target_archive(tmp_path, home_page, make_document, settings):
    """An archive of a small site, then the database and media emptied as by a new install."""
    from django.db import transaction

    from moit_wagtail.backup.load import flush

    small_site(make_document)
    archive = tmp_path / "a.tar.gz"
    create_backup(archive)
    with transaction.atomic():
        flush("default")
    settings.MEDIA_ROOT = str(tmp_path / "new-media")
    return archive


@pytest.mark.django_db
def test_tampered_archive_is_refused(tmp_path, empty_target_archive):
    from wagtail.documents import get_document_model

    tampered = tmp_path / "tampered.tar.gz"
    rewrite(
        empty_target_archive,
        tampered,
        lambda name, data: data.replace(b"% a", b"% b") if name.startswith("media/") else data,
    )
    with pytest.raises(BackupError) as refused:
        restore_archive(tampered)
    assert refused.value.code == "checksum"
    assert "media/documents/a.pdf" in str(refused.value)
    assert get_document_model().objects.count() == 0
    assert not any(Path(tmp_path / "new-media").rglob("*.pdf"))


@pytest.mark.django_db
def test_archive_from_newer_migrations_is_refused(tmp_path, empty_target_archive):
    def future(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["migrations"]["moit_pages"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    newer = tmp_path / "newer.tar.gz"
    rewrite(empty_target_archive, newer, future)
    with pytest.raises(BackupError) as refused:
        restore_archive(newer)
    assert refused.value.code == "migrations_newer"
    assert "moit_pages.9999_from_the_future" in str(refused.value)


@pytest.mark.django_db
def test_restore_into_the_same_engine_in_process(tmp_path, empty_target_archive):
    from wagtail.documents import get_document_model

    restore_archive(empty_target_archive)
    document = get_document_model().objects.get()
    assert document.file.read() == b"%PDF-1.4\n% a\n"
    assert not list(Path(tmp_path / "new-media").glob(".moit-restore-*"))


@pytest.mark.django_db
def test_failed_backup_leaves_no_archive(tmp_path, home_page, make_document, monkeypatch):
    small_site(make_document)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(archive_module.ArchiveWriter, "finish", broken)
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(CommandError) as failed:
        call_command("moit_backup", output=str(target / "b.tar.gz"), verbosity=0)
    assert "disk full" in str(failed.value)
    assert list(target.iterdir()) == []


def test_unsafe_member_names_are_rejected():
    from moit_wagtail.backup.media import split_member

    assert split_member("media/documents/a.pdf") == ("media", "documents/a.pdf")
    for name in ("/etc/passwd", "media/../../x", "media", "media\\..\\x"):
        assert split_member(name) is None


@pytest.mark.parametrize("name", ["moit_backup", "moit_restore"])
def test_help_is_printable(name):
    """``manage.py <command> --help`` formats the help before translations are set up."""
    from django.core.management import load_command_class

    parser = load_command_class("moit_wagtail.backup", name).create_parser("manage.py", name)
    assert name.removeprefix("moit_") in parser.format_help().lower()
