"""The sheet and files between the preview and the import: kept privately, by token.

A browser cannot send the same files twice, so the preview keeps them under the private
files (``MOIT_PRIVATE_MEDIA_ROOT``/imports, never served; shared by every app server like
citizens' attachments), with what was chosen (``staged.json``, read by the background
task), and the session remembers which token is the user's. Importing or starting over
deletes them; ones left behind are removed after a day.
"""

import datetime
import json
import os
import secrets
import shutil
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from moit_wagtail.uploads.filenames import extension_of
from moit_wagtail.uploads.private import PrivateFiles

SESSION_KEY = "moit_import_staged"
ZIP, FOLDER = "zip", "folder"  # how the files were kept
KEEP_FOR = datetime.timedelta(days=1)


class StagingFiles(PrivateFiles):
    subdirectory = "imports"


staging = StagingFiles()


def stage(request, site, mode, sheet, bundle=None, source="sheet", options=None, files=None):
    """Keep ``sheet`` and the ZIP ``bundle`` (or ``files``: [(safe name, bytes)]) for the
    user; returns the token. ``source`` and the WordPress ``options`` are remembered to
    read them again the same way."""
    _remove_stale()
    token = secrets.token_urlsafe(16)
    kept = FOLDER if files is not None else ZIP if bundle is not None else ""
    saved = {
        "site": site.pk, "mode": mode, "sheet_name": sheet.name, "files": kept,
        "source": source, "options": options or {},
    }  # fmt: skip
    _save(f"{token}/sheet.{extension_of(sheet.name)}", sheet)
    staging.save(f"{token}/staged.json", ContentFile(json.dumps(saved).encode()))
    if bundle is not None:
        _save(f"{token}/files.zip", bundle)
    if files is not None:
        folder = files_folder(token)
        folder.mkdir(parents=True)
        for name, content in files:
            (folder / name).write_bytes(content)
    staged = request.session.get(SESSION_KEY, {})
    staged[token] = saved
    request.session[SESSION_KEY] = staged
    return token


def staged(request, token):
    """What the user staged under ``token``, or None (someone else's token is None)."""
    return request.session.get(SESSION_KEY, {}).get(token)


def read_saved(token):
    """What was staged under ``token``, for the task that has no session."""
    with staging.open(f"{token}/staged.json") as handle:
        return json.load(handle)


def claim(token, step):
    """True once per token and step: the first of two clicks on the same button wins."""
    try:
        os.close(os.open(staging.path(f"{token}/{step}.claimed"), os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return False
    return True


def exists(token):
    return Path(staging.path(token)).is_dir()


def open_sheet(token, sheet_name):
    path = Path(staging.path(f"{token}/sheet.{extension_of(sheet_name)}"))
    return UploadedFile(path.open("rb"), name=sheet_name, size=path.stat().st_size)


def files_folder(token):
    return Path(staging.path(f"{token}/files"))


def open_bundle(token):
    path = Path(staging.path(f"{token}/files.zip"))
    return UploadedFile(path.open("rb"), name="files.zip", size=path.stat().st_size)


def discard(request, token):
    staged_now = request.session.get(SESSION_KEY, {})
    staged_now.pop(token, None)
    request.session[SESSION_KEY] = staged_now
    shutil.rmtree(staging.path(token), ignore_errors=True)


def _save(name, upload):
    upload.seek(0)
    staging.save(name, ContentFile(upload.read()))


def _remove_stale():
    root = Path(staging.location)
    if not root.is_dir():
        return
    cutoff = time.time() - KEEP_FOR.total_seconds()
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
