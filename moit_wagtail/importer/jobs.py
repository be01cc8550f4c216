"""Checking and importing a staged batch as a background task, and its progress.

The upload screen stages the files and starts the check (a preview); "Import" starts the
import; each runs as the django-tasks task ``run_staged`` on the ``moit_imports`` backend
(a process of its own by default, ``background.ProcessBackend``), so a batch of thousands
of rows never holds a request open. Progress, and the preview's result, are
files beside the staged ones (``staging``): every app server that can read the staged
files can read them too, and they go when the batch is discarded.
"""

import contextlib
import json
import logging
import os
import time
import traceback

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import translation
from django_tasks import task
from wagtail.models import Site

from . import staging
from .bundle import read_folder
from .importing import import_rows
from .refused import refused_rows, workbook_bytes
from .rows import CREATE, REFUSED, UPDATE
from .sources import read_files, read_rows

logger = logging.getLogger(__name__)

BACKEND = "moit_imports"
PREVIEW, IMPORT = "preview", "import"
RUNNING, DONE, FAILED = "running", "done", "failed"
STALLED_AFTER = 180  # seconds without a row done: the process that ran it has gone
REPORT_EVERY = 0.5  # seconds between progress writes


def start(token, user, step, total):
    """Queue ``step`` for the staged batch of ``total`` rows; False if it was already."""
    if step == IMPORT and not staging.claim(token, IMPORT):
        return False  # a second click on "Import": the first one is running
    write_progress(token, step=step, state=RUNNING, done=0, total=total)
    backend = BACKEND if BACKEND in getattr(settings, "TASKS", {}) else "default"
    try:
        run_staged.using(backend=backend).enqueue(token, user.pk, translation.get_language(), step)
    except Exception:  # could not start (no process, queue down): the screen says it stopped
        _failed(token, step, "could not be started")
    return True


@task()
def run_staged(token, user_id, language, step):
    """Check (``PREVIEW``) or import (``IMPORT``) what ``token`` staged, as ``user_id``."""
    with translation.override(language):
        try:
            _run(token, user_id, step)
        except Exception:
            _failed(token, step, "stopped with an error")


def _failed(token, step, what):
    """The screen says it stopped; the log says why, without the token (staged paths name
    it)."""
    logger.error(
        "An import %s %s:\n%s", step, what, traceback.format_exc().replace(token, "<token>")
    )
    with contextlib.suppress(OSError):  # the batch may be gone already
        write_progress(token, step=step, state=FAILED)


def _run(token, user_id, step):
    saved = staging.read_saved(token)
    site = Site.objects.get(pk=saved["site"])
    user = get_user_model().objects.get(pk=user_id)
    source = saved["source"]
    with staging.open_sheet(token, saved["sheet_name"]) as sheet:
        table = read_rows(source, sheet, saved["options"])
    if saved["files"] == staging.FOLDER:
        uploads = read_folder(staging.files_folder(token))
    elif saved["files"]:
        with staging.open_bundle(token) as bundle:
            uploads = read_files(source, bundle)
    else:
        uploads = {}
    reporter = Reporter(token, step)
    outcome = import_rows(
        site, user, table, uploads, saved["mode"], saved["sheet_name"],
        apply=step == IMPORT, progress=reporter,
    )  # fmt: skip
    counts = {
        "create": outcome.count(CREATE),
        "update": outcome.count(UPDATE),
        "refused": outcome.count(REFUSED),
    }
    if step == PREVIEW:
        lines = refused_rows(table.headers, outcome.refused)
        staging.staging.save(f"{token}/refused.xlsx", ContentFile(workbook_bytes(lines, "refused")))
        rows = [
            {
                "number": row.number,
                "title": row.title,
                "kind": str(row.kind.label) if row.kind else "",
                "action": row.action,
                "reasons": row.reasons,
            }
            for row in outcome.rows
        ]
        _write_json(token, "preview.json", {"counts": counts, "rows": rows})
    batch = outcome.batch.pk if outcome.batch else None
    write_progress(token, step=step, state=DONE, done=len(table.rows), total=len(table.rows),
                   counts=counts, batch=batch)  # fmt: skip


class Reporter:
    """``import_rows``' progress callback: writes the count at most every half second."""

    def __init__(self, token, step):
        self.token, self.step, self.last = token, step, 0.0

    def __call__(self, done, total):
        now = time.monotonic()
        if now - self.last >= REPORT_EVERY or done == total:
            self.last = now
            write_progress(self.token, step=self.step, state=RUNNING, done=done, total=total)


def write_progress(token, **state):
    _write_json(token, "progress.json", state)


def read_progress(token):
    """The batch's progress, with ``stalled`` when a running step stopped moving."""
    path = staging.staging.path(f"{token}/progress.json")
    try:
        with open(path, encoding="utf-8") as handle:
            state = json.load(handle)
        age = time.time() - os.stat(path).st_mtime
    except (OSError, ValueError):
        return None
    state["stalled"] = state.get("state") == RUNNING and age > STALLED_AFTER
    return state


def preview_result(token):
    try:
        with open(staging.staging.path(f"{token}/preview.json"), encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def _write_json(token, name, data):
    """Written whole, then renamed: a reader never sees half a file."""
    path = staging.staging.path(f"{token}/{name}")
    partial = f"{path}.partial"
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
    os.replace(partial, path)
