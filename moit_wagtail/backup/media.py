"""The files that travel with the database: public media and the e-services' private files.

Files are read and written through Django's storage API, so a media root on S3-compatible
storage works as well as a directory. Renditions (``images/``) stay behind: Wagtail makes
them again from the original on first view.

A restore first writes every file into a staging directory inside the same storage root
(so the final move is a rename on the same file system), and moves them into place only
once the database load has succeeded; if anything fails, the moved files are removed again.
"""

import contextlib
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage

from .selection import RENDITIONS_DIR

STAGING_PREFIX = ".moit-restore-"


@dataclass
class MediaRoot:
    prefix: str  # the archive folder: "media" or "private"
    storage: object
    skip: set = field(default_factory=set)  # top-level folders left out

    def walk(self, folder=""):
        """Every stored file name (with ``/``), sorted; a root that does not exist is empty."""
        try:
            folders, files = self.storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in sorted(files):
            yield f"{folder}/{name}" if folder else name
        for name in sorted(folders):
            if not folder and (name in self.skip or name.startswith(STAGING_PREFIX)):
                continue
            yield from self.walk(f"{folder}/{name}" if folder else name)


def roots():
    found = [MediaRoot("media", default_storage, {RENDITIONS_DIR})]
    if apps.is_installed("moit_wagtail.eservices"):
        from moit_wagtail.eservices.uploads import private_storage

        found.append(MediaRoot("private", private_storage))
    return found


def split_member(member):
    """``"media/documents/a.pdf"`` -> (``"media"``, ``"documents/a.pdf"``), or None if unsafe."""
    path = PurePosixPath(member)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2 or "\\" in member:
        return None
    return path.parts[0], "/".join(path.parts[1:])


class Stage:
    """Files of one root waiting for the database load to succeed."""

    def __init__(self, root):
        self.root = root
        self.on_disk = isinstance(root.storage, FileSystemStorage)
        if self.on_disk:
            location = Path(root.storage.location)
            location.mkdir(parents=True, exist_ok=True)
            self.directory = location / f"{STAGING_PREFIX}{secrets.token_hex(6)}"
            self.directory.mkdir()
        else:
            self.directory = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX))
        self.names = []
        self.moved = []

    def path_for(self, name):
        path = self.directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        self.names.append(name)
        return path

    def commit(self):
        for name in self.names:
            staged = self.directory / name
            if self.on_disk:
                final = Path(self.root.storage.path(name))
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, final)
                self.moved.append(name)
            else:
                with staged.open("rb") as handle:
                    saved = self.root.storage.save(name, File(handle, name=name))
                self.moved.append(saved)
                if saved != name:
                    raise OSError(f"{self.root.prefix}/{name} was stored as {saved}")

    def undo(self):
        for name in self.moved:
            with contextlib.suppress(OSError):
                self.root.storage.delete(name)
        self.moved = []

    def cleanup(self):
        shutil.rmtree(self.directory, ignore_errors=True)
