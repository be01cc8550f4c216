"""Backup archives refused or checked: non-empty targets, tampering, newer migrations,
unsafe names, a failed backup; and a restore in the same process."""

import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from moit_wagtail.backup import archive as archive_module
from moit_wagtail.backup.backup import create_backup
from moit_wagtail.backup.errors import BackupError
from moit_wagtail.backup.restore import restore_archive


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
