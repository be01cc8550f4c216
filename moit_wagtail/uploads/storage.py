"""A file-system storage whose stored names keep Thai vowel and tone marks.

Django's ``Storage.get_valid_name`` keeps only ``\\w``, which leaves out combining marks,
so ``รายงาน.pdf`` is stored (and downloaded) as ``รายงาน.pdf`` but ``หลักฐาน.pdf`` as
``หลกฐาน.pdf``. Only the name rule differs from Django's storage.
"""

import contextlib
import os

from django.core.files.storage import FileSystemStorage

from .filenames import storage_name


class ThaiNamesMixin:
    def get_valid_name(self, name):
        return storage_name(name)


class RemovePartialFileMixin:
    """Delete what a failed write left (bench/fault_bench.py disk-full).

    Django's ``FileSystemStorage._save`` leaves the half-written file behind when the
    write fails (``ENOSPC`` on a full disk): no database row names it, nobody deletes it.
    Only a file that did not exist before this call is removed, so another upload's file
    is never touched (Django picks a new name itself on a name clash).
    """

    def _save(self, name, content):
        full_path = self.path(name)
        existed = os.path.lexists(full_path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(full_path)
            raise


class ThaiFileSystemStorage(RemovePartialFileMixin, ThaiNamesMixin, FileSystemStorage):
    pass
