"""Make one archive: the database (one consistent snapshot) and then every media file."""

import tempfile

from django.db import DEFAULT_DB_ALIAS

from . import manifest, media
from .archive import ArchiveWriter
from .dump import dump_database, snapshot


def create_backup(output, using=DEFAULT_DB_ALIAS, progress=None):
    """Write the archive to ``output`` (a path); return its manifest."""
    say = progress or (lambda message: None)
    counts, media_counts = {}, {}
    with ArchiveWriter(output) as archive, tempfile.TemporaryDirectory() as work:
        with snapshot(using):
            for member, path, label, count in dump_database(work, using):
                archive.add_path(member, path)
                path.unlink()
                if label:
                    counts[label] = count
                    say(f"{label}: {count}")
        for root in media.roots():
            number = 0
            for name in root.walk():
                with root.storage.open(name, "rb") as handle:
                    archive.add(f"{root.prefix}/{name}", handle, root.storage.size(name))
                number += 1
            media_counts[root.prefix] = number
            say(f"{root.prefix}: {number} files")
        result = manifest.build(using, counts, archive.members, media_counts)
        archive.finish(result)
    return result
