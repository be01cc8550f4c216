"""django-storages' S3 storage with the Thai-preserving stored names of ``storage``.

Imported only when a site names it in ``STORAGES`` (django-storages is optional).
"""

from storages.backends.s3 import S3Storage

from .storage import ThaiNamesMixin


class ThaiS3Storage(ThaiNamesMixin, S3Storage):
    pass
