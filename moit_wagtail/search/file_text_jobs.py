"""When a document's file is read: after its save commits, once per file content, off the request.

Saving a document (uploading it, or replacing its file) queues its id once the transaction
commits; a single worker thread per process reads the file (``file_text.extract``) and
stores the text in ``FileText``, so an upload or a publish never waits on a 300-page PDF. A
file whose hash (``Document.file_hash``) is the one already read is not read again. Once the
text is stored the document and every page that attaches it are reindexed through Wagtail's
``insert_or_update_object``, so the search backend, whatever it is, sees the new text.

``MOIT_FILE_TEXT_IN_BACKGROUND = False`` reads in the saving thread instead (after the commit
still): tests on a non-transactional database need it, as the worker has its own connection.
Jobs still queued when a process stops are lost; ``manage.py extract_file_text`` (cron)
reads whatever is pending or changed.
"""

import contextlib
import logging
import os
import queue
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search import index

from moit_wagtail.pages.models import PageAttachment

from . import file_text
from .models import FileText

logger = logging.getLogger(__name__)
Status = FileText.Status
NICE = 10  # the reader's CPU priority below the request threads'


def in_background():
    return getattr(settings, "MOIT_FILE_TEXT_IN_BACKGROUND", True)


# -- what the search index reads --------------------------------------------------------


def stored_text(document):
    """The ``FileText`` of ``document`` (its ``status``, ``text``...), or None if never read."""
    return FileText.objects.filter(document_id=document.pk).first()


def texts_by_document(document_ids):
    """``{document id: text}`` of the given documents whose text was read, in one query
    (for indexing a page with many attachments, or documents in bulk)."""
    rows = FileText.objects.filter(document_id__in=list(document_ids), status=Status.OK)
    return dict(rows.values_list("document_id", "text"))


# -- reading one document ------------------------------------------------------------------


def current_hash(document):
    """Wagtail's hash of the file (computed and kept on the document if it had none)."""
    try:
        return document.get_file_hash()
    except (OSError, ValueError):  # the file is missing from storage
        return ""


def needs_reading(document, stored):
    """No text yet (``stored`` is None), still pending, or read from another file content."""
    return (
        stored is None
        or stored.status == Status.PENDING
        or not stored.file_hash
        or stored.file_hash != current_hash(document)
    )


def read_document(document, force=False):
    """Read ``document``'s file into its ``FileText`` (unless already read from this content)
    and reindex it and the pages attaching it; returns the ``FileText`` (None: not re-read)."""
    stored = FileText.objects.filter(document=document).only("status", "file_hash").first()
    if not force and not needs_reading(document, stored):
        return None
    file_hash = current_hash(document)
    result = _extract(document)
    values = {
        "file_hash": file_hash,
        "status": result.status,
        "text": result.text,
        "pages": result.pages,
        "truncated": result.truncated,
        "extracted_at": timezone.now(),
    }
    stored, _created = FileText.objects.update_or_create(document=document, defaults=values)
    reindex(document)
    return stored


def _extract(document):
    if not file_text.readable(document.file.name):
        return file_text.Extracted(Status.UNSUPPORTED)
    try:
        handle = document.file.open("rb")
    except (OSError, ValueError):  # the file is missing from storage
        logger.warning("The file of document %s cannot be opened", document.pk, exc_info=True)
        return file_text.Extracted(Status.FAILED)
    try:
        return file_text.extract(handle, document.file.name)
    finally:
        document.file.close()


def reindex(document):
    """The document and every page attaching it, through Wagtail's search index API."""
    index.insert_or_update_object(document)
    page_ids = PageAttachment.objects.filter(document=document).values("page_id")
    for page in Page.objects.filter(pk__in=page_ids).specific().iterator():
        index.insert_or_update_object(page)


def read_by_id(document_id):
    """``read_document`` by id, logging instead of raising: it runs after a commit, where
    an exception would turn a saved upload into an error page."""
    try:
        document = get_document_model().objects.filter(pk=document_id).first()
        if document is not None:  # deleted meanwhile: its FileText went with it
            read_document(document)
    except Exception:
        logger.exception("Reading the text of document %s failed", document_id)


# -- the worker ------------------------------------------------------------------------


class Worker:
    """One daemon thread and its queue; started on first use, and again in a forked child
    (a thread does not survive ``fork``, e.g. gunicorn's ``--preload``)."""

    def __init__(self):
        self.jobs = queue.Queue()
        self.lock = threading.Lock()
        self.thread = None
        self.queued = set()  # ids waiting, so saving a document twice reads it once

    def submit(self, document_id):
        with self.lock:
            if self.thread is None or not self.thread.is_alive():
                self.jobs = queue.Queue()
                self.queued = set()
                self.thread = threading.Thread(target=self.run, name="moit-file-text", daemon=True)
                self.thread.start()
            if document_id in self.queued:
                return
            self.queued.add(document_id)
            self.jobs.put(document_id)

    def run(self):
        jobs = self.jobs
        # Linux: a thread has its own nice value, so the other workers' requests come first.
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)
        while True:
            document_id = jobs.get()
            with self.lock:
                self.queued.discard(document_id)
            try:
                close_old_connections()
                read_by_id(document_id)
            finally:
                connections.close_all()  # the thread's own connection, not held while idle
                jobs.task_done()

    def wait_for_idle(self, timeout):
        """True once every queued job is done, False if ``timeout`` seconds pass first."""
        jobs = self.jobs
        deadline = time.monotonic() + timeout
        with jobs.all_tasks_done:
            while jobs.unfinished_tasks:
                left = deadline - time.monotonic()
                if left <= 0 or not jobs.all_tasks_done.wait(left):
                    return not jobs.unfinished_tasks
        return True


worker = Worker()


def wait_for_idle(timeout=30):
    """Block until the background reads queued in this process are done (for tests, bench)."""
    return worker.wait_for_idle(timeout)


def schedule(document_id):
    """Read the document once the current transaction commits (at once outside one)."""
    if in_background():
        transaction.on_commit(lambda: worker.submit(document_id))
    else:
        transaction.on_commit(lambda: read_by_id(document_id))


# -- the signal ------------------------------------------------------------------------


def on_document_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    # Saves that cannot change the file (Wagtail storing a size or a hash it computed,
    # loaddata) do not queue a read.
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    schedule(instance.pk)


def connect():
    post_save.connect(
        on_document_saved, sender=get_document_model(), dispatch_uid="moit_file_text_saved"
    )
