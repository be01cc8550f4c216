"""Files kept where no URL reaches them: under ``MOIT_PRIVATE_MEDIA_ROOT`` (default
``<MEDIA_ROOT>/../private-media``), which the web server never serves. Citizens'
attachments and sheets staged for import live there; staff reach them through views that
check their permission."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from .storage import RemovePartialFileMixin  # no half-written files


class PrivateFiles(RemovePartialFileMixin, FileSystemStorage):
    """A file system storage without a URL whose root follows the settings at run time."""

    subdirectory = ""

    @property
    def base_location(self):
        configured = getattr(settings, "MOIT_PRIVATE_MEDIA_ROOT", None)
        root = Path(configured or Path(settings.MEDIA_ROOT).parent / "private-media")
        return str(root / self.subdirectory if self.subdirectory else root)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL.")
