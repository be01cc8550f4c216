"""When attachment text is read: after a document's save commits, once per file content, off
the request (a background worker) or inline; then the document and the pages attaching it
are reindexed through Wagtail's API. And the command for cron, and the editor's note."""

import functools
import threading
from io import StringIO
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from moit_wagtail.pages import models as pages
from moit_wagtail.search import file_text, file_text_jobs
from moit_wagtail.search.models import FileText
from tests import factories
from tests import file_text_files as files

Status = FileText.Status
ORDER = "คำสั่งแต่งตั้งคณะกรรมการจัดซื้อจัดจ้าง"


@pytest.fixture
def committed(db, django_capture_on_commit_callbacks):
    """``with committed():`` runs, as it ends, what waited for the commit (the test's own
    transaction never commits)."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def docx(*paragraphs):
    return files.docx_bytes(list(paragraphs))


def replace_file(document, data, name):
    document.file = ContentFile(data, name=name)
    document._set_document_file_metadata()
    document.save()


def make(committed, name, data):
    with committed():
        return factories.make_document(name, data)


@pytest.fixture
def reads():
    """Counts the files actually opened and parsed."""
    with mock.patch.object(file_text, "extract", wraps=file_text.extract) as spy:
        yield spy


# -- on save -------------------------------------------------------------------------------


def test_a_new_document_is_read_once_its_save_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        document = factories.make_document("คำสั่ง.docx", docx(ORDER))
    assert not FileText.objects.exists()  # nothing read inside the transaction
    for callback in callbacks:
        callback()
    stored = document.moit_file_text
    assert stored.status == Status.OK and stored.text == ORDER
    assert stored.file_hash == document.file_hash and stored.extracted_at


def test_an_unchanged_file_is_not_read_again(committed, reads):
    document = make(committed, "คำสั่ง.docx", docx(ORDER))
    read_at = document.moit_file_text.extracted_at
    with committed():
        document.title = "คำสั่งจังหวัด (แก้ชื่อเรื่อง)"
        document.save()
        replace_file(document, docx(ORDER), "คำสั่ง-อีกชุด.docx")  # same content, new upload
    assert reads.call_count == 1
    assert FileText.objects.get(document=document).extracted_at == read_at


def test_a_replaced_file_is_read_again(committed):
    document = make(committed, "คำสั่ง.docx", docx(ORDER))
    with committed():
        replace_file(document, files.image_only_pdf(), "คำสั่ง-สแกน.pdf")
    stored = FileText.objects.get(document=document)
    assert stored.status == Status.NO_TEXT and stored.text == ""
    assert stored.file_hash == document.file_hash


def test_replacing_the_file_in_the_admin_reads_the_new_one(committed, admin_client):
    document = make(committed, "ประกาศ.docx", docx("ฉบับเดิม"))
    with committed():
        response = admin_client.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": document.title,
                "collection": document.collection_id,
                "file": SimpleUploadedFile("ประกาศ.docx", docx("ฉบับแก้ไขใหม่")),
            },
        )
    assert response.status_code == 302
    assert FileText.objects.get(document=document).text == "ฉบับแก้ไขใหม่"


def test_a_file_that_cannot_be_read_never_breaks_the_save(committed, caplog):
    with mock.patch.object(file_text, "extract", side_effect=MemoryError("huge")):
        document = make(committed, "คำสั่ง.docx", docx(ORDER))
    assert document.pk and not FileText.objects.filter(document=document).exists()
    assert "Reading the text of document" in caplog.text


def test_a_missing_file_is_recorded_as_failed(db):
    document = factories.make_document("คำสั่ง.docx", docx(ORDER))
    document.file.storage.delete(document.file.name)
    file_text_jobs.read_document(document, force=True)
    assert FileText.objects.get(document=document).status == Status.FAILED


# -- reindexing ------------------------------------------------------------------------------


def test_the_document_and_each_page_attaching_it_are_reindexed(db, make_page):
    document = factories.make_document("คำสั่ง.docx", docx(ORDER))
    law = make_page(pages.LawPage, title="ระเบียบการจัดซื้อ")
    news = make_page(pages.NewsPage, title="ข่าวแต่งตั้งคณะกรรมการ")
    other = make_page(pages.LawPage, title="ระเบียบอื่น")
    factories.attach(law, document)
    factories.attach(news, document)
    factories.attach(other, factories.make_document("อื่น.pdf"))
    with mock.patch("wagtail.search.index.insert_or_update_object") as insert:
        file_text_jobs.read_document(document)
    indexed = [call.args[0] for call in insert.call_args_list]
    assert indexed[0] == document
    assert {(type(obj), obj.pk) for obj in indexed[1:]} == {
        (pages.LawPage, law.pk),
        (pages.NewsPage, news.pk),
    }  # the specific pages, so their own fields are indexed too


def test_nothing_is_reindexed_when_nothing_was_read(db):
    document = factories.make_document("คำสั่ง.docx", docx(ORDER))
    file_text_jobs.read_document(document)
    with mock.patch("wagtail.search.index.insert_or_update_object") as insert:
        assert file_text_jobs.read_document(document) is None
    insert.assert_not_called()


# -- in the background -----------------------------------------------------------------------


@pytest.fixture
def held_reads():
    """The worker blocks in each read until ``release`` is set; ``calls`` lists the files."""
    release, calls = threading.Event(), []
    real_extract = file_text.extract

    def held_extract(fileobj, filename):
        calls.append(filename)
        assert release.wait(timeout=30)
        return real_extract(fileobj, filename)

    with mock.patch.object(file_text, "extract", side_effect=held_extract):
        yield release, calls
    release.set()
    assert file_text_jobs.wait_for_idle(timeout=30)


# Transactional: the worker reads with its own connection, which must see the committed
# document. Serialized rollback restores the migrated rows (the root collection) after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_background_worker_reads_after_the_save_returns(settings, held_reads):
    settings.MOIT_FILE_TEXT_IN_BACKGROUND = True
    release, _calls = held_reads
    document = factories.make_document("คำสั่ง.docx", docx(ORDER))
    # The save has returned while the worker is still held on the file.
    assert not FileText.objects.filter(document=document).exists()
    assert file_text_jobs.wait_for_idle(timeout=0.05) is False
    release.set()
    assert file_text_jobs.wait_for_idle(timeout=30)
    assert FileText.objects.get(document=document).text == ORDER
    assert file_text_jobs.worker.thread.name == "moit-file-text"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_document_saved_twice_while_waiting_is_read_once(settings, held_reads):
    settings.MOIT_FILE_TEXT_IN_BACKGROUND = True
    release, calls = held_reads
    factories.make_document("ก่อน.docx", docx("ฉบับแรก"))  # the worker is held on this one
    waiting = factories.make_document("รอ.docx", docx(ORDER))
    waiting.title = "แก้ชื่อเรื่อง"
    waiting.save()
    assert file_text_jobs.worker.queued == {waiting.pk}
    release.set()
    assert file_text_jobs.wait_for_idle(timeout=30)
    assert len(calls) == 2
    assert FileText.objects.get(document=waiting).text == ORDER


# -- the command -----------------------------------------------------------------------------


def run(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("extract_file_text", "--no-lock", *args, stdout=out)
    return out.getvalue()


def test_the_command_reads_pending_and_changed_documents_only(db, reads):
    never_read = factories.make_document("ใหม่.docx", docx("ยังไม่ได้อ่าน"))
    changed = factories.make_document("แก้.docx", docx("ฉบับแรก"))
    unchanged = factories.make_document("เดิม.docx", docx("ไม่เปลี่ยน"))
    scan = factories.make_document("สแกน.pdf", files.image_only_pdf())
    for document in (changed, unchanged, scan):
        file_text_jobs.read_document(document)
    FileText.objects.filter(document=changed).update(file_hash="an older file")
    reads.reset_mock()

    output = run()
    assert reads.call_count == 2
    assert FileText.objects.get(document=never_read).text == "ยังไม่ได้อ่าน"
    assert FileText.objects.get(document=changed).text == "ฉบับแรก"
    assert "Read the files of 2 document(s)." in output
    assert "  text read: 2" in output  # commands speak the console's English
    assert "  unchanged since last read: 2" in output

    reads.reset_mock()
    output = run("--all")
    assert reads.call_count == 4
    assert "  text read: 3" in output and "  no text layer (a scan?): 1" in output

    reads.reset_mock()
    assert "Read the files of 1 document(s)." in run("--document", str(scan.pk))
    assert reads.call_count == 1


def test_the_command_reads_documents_left_pending(db):
    document = factories.make_document("คำสั่ง.docx", docx(ORDER))
    FileText.objects.create(document=document, file_hash=document.file_hash)  # status pending
    run()
    assert FileText.objects.get(document=document).status == Status.OK


# -- the note on the document's edit screen ---------------------------------------------------


def edit_screen(client, document):
    response = client.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_edit_screen_notes_a_scan_without_searchable_text(committed, admin_client):
    document = make(committed, "สแกน.pdf", files.image_only_pdf())
    html = edit_screen(admin_client, document)
    assert document.moit_file_text.status == Status.NO_TEXT
    with translation.override("th"):  # the admin's language
        expected = translation.gettext(
            "This file has no searchable text (it may be a scanned image)."
        )
    assert html.count("data-moit-file-text-note") == 1 and expected in html
    assert 'id="id_title"' in html  # Wagtail's own form is still all there


def test_the_edit_screen_says_nothing_when_the_text_was_read(committed, admin_client):
    document = make(committed, "คำสั่ง.docx", docx(ORDER))
    assert "data-moit-file-text-note" not in edit_screen(admin_client, document)


def test_the_edit_screen_says_a_new_file_is_waiting_to_be_read(db, admin_client):
    document = factories.make_document("คำสั่ง.docx", docx(ORDER))  # not committed: not read
    with translation.override("th"):
        expected = file_text.status_note(FileText(status=Status.PENDING))
    assert expected in edit_screen(admin_client, document)
