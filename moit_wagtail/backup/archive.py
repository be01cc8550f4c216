"""The tar.gz container: written under a temporary name and renamed, read with every hash checked.

A backup that fails half-way must never leave a file with the final name that a cron job
or an operator could mistake for a good archive; so the archive is written to a hidden
temporary file in the target directory (mode 0600: it holds personal data and password
hashes), flushed to disk, and only then renamed. The manifest goes last, since it holds
the SHA-256 of every member written before it.

Reading streams the archive once: each member is written where the caller wants it and
hashed on the way, then compared with the manifest. Only plain files with relative names
inside ``db/``, ``media/`` and ``private/`` are accepted.
"""

import contextlib
import hashlib
import json
import os
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.utils.translation import gettext as _

from . import manifest as manifest_module
from .errors import BackupError

BUFFER = 1024 * 1024


class HashingReader:
    """Wraps a binary file: what tarfile reads from it is hashed and counted."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """``with ArchiveWriter(path) as archive: archive.add(...); archive.finish(manifest)``."""

    def __init__(self, path):
        self.path = Path(path)
        self.members = {}
        self.finished = False

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".partial", dir=self.path.parent
        )
        self.temporary = Path(temporary)
        self.file = os.fdopen(descriptor, "wb")
        self.tar = tarfile.open(fileobj=self.file, mode="w:gz", compresslevel=6)
        return self

    def add(self, name, handle, size):
        """Add ``size`` bytes read from the binary ``handle`` as member ``name``."""
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        reader = HashingReader(handle)
        self.tar.addfile(info, reader)
        if reader.size != size:
            raise OSError(f"{name} changed while it was being read")
        self.members[name] = {"sha256": reader.digest.hexdigest(), "size": size}

    def add_path(self, name, path):
        with open(path, "rb") as handle:
            self.add(name, handle, os.fstat(handle.fileno()).st_size)

    def finish(self, manifest):
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
        info = tarfile.TarInfo(manifest_module.NAME)
        info.size, info.mode = len(data), 0o600
        self.tar.addfile(info, _BytesReader(data))
        self.tar.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.temporary, self.path)
        self.finished = True

    def __exit__(self, exc_type, exc, tb):
        if not self.finished:
            for closing in (self.tar.close, self.file.close):
                with contextlib.suppress(OSError, tarfile.TarError, ValueError):
                    closing()
            self.temporary.unlink(missing_ok=True)
        return False


class _BytesReader:
    def __init__(self, data):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def read(path, destination_for):
    """Stream the archive: each member goes to ``destination_for(name)`` (a Path).

    Returns the manifest once every member's SHA-256 matched it; raises ``BackupError``
    before the caller has changed anything otherwise.
    """
    seen, manifest = {}, None
    try:
        with tarfile.open(path, mode="r|gz") as tar:
            for info in tar:
                if not info.isfile():
                    raise _unexpected(info.name)
                if info.name == manifest_module.NAME:
                    manifest = json.loads(tar.extractfile(info).read().decode())
                    continue
                target = destination_for(info.name)
                if target is None:
                    raise _unexpected(info.name)
                seen[info.name] = _copy(tar.extractfile(info), target)
    except FileNotFoundError as error:
        raise BackupError(_("No such file: %s") % path, "missing") from error
    except (tarfile.TarError, zlib.error, EOFError, OSError, ValueError) as error:
        raise BackupError(
            _("The archive is damaged or incomplete (%(error)s).") % {"error": error}, "damaged"
        ) from error
    if manifest is None:
        raise BackupError(_("The archive has no manifest.json."), "format")
    manifest_module.check_format(manifest)
    check_members(manifest, seen)
    return manifest


def _unexpected(name):
    return BackupError(_("Unexpected entry in the archive: %(name)s") % {"name": name}, "member")


def _copy(source, target):
    digest = hashlib.sha256()
    with open(target, "wb") as out:
        while chunk := source.read(BUFFER):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def check_members(manifest, seen):
    listed = {name: entry["sha256"] for name, entry in manifest.get("members", {}).items()}
    problems = sorted(
        [name for name, digest in seen.items() if listed.get(name) != digest]
        + [name for name in listed if name not in seen]
    )
    if problems:
        raise BackupError(
            _(
                "The archive does not match its checksums (%(members)s): it was changed or "
                "damaged after the backup. Nothing was restored."
            )
            % {"members": ", ".join(problems[:10])},
            "checksum",
        )
