"""Write the database content to JSON Lines files, one per model, without holding it in memory.

Rows are read with ``.iterator()`` (many-to-many values prefetched per chunk) and written
as they come. The whole dump runs in one transaction, on PostgreSQL a read-only
REPEATABLE READ one: a site that keeps serving while the backup runs still yields rows
that fit together (no revision pointing at a page created after its table was read).
"""

import contextlib
import json
from pathlib import Path

from django.contrib.auth.models import Permission
from django.db import connections, transaction

from . import selection
from .serializer import NaturalKeyTables, Serializer, m2m_field_names

CHUNK = 1000
NATURAL_KEYS_MEMBER = "db/_natural_keys.json"


@contextlib.contextmanager
def snapshot(using):
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def dump_database(directory, using):
    """Write every travelling model to ``directory``; yield ``(member, path, label, count)``.

    Call inside ``snapshot(using)``.
    """
    directory = Path(directory)
    keys = NaturalKeyTables(using)
    path = directory / "natural_keys.json"
    path.write_text(json.dumps(natural_keys(keys, using), ensure_ascii=False), encoding="utf-8")
    yield NATURAL_KEYS_MEMBER, path, None, None
    for model in selection.travelling_models():
        label = model._meta.label_lower
        path = directory / f"{label}.jsonl"
        queryset = model._base_manager.using(using).order_by("pk")
        m2m = m2m_field_names(model)
        if m2m:
            queryset = queryset.prefetch_related(*m2m)
        counter = _Counter()
        with path.open("w", encoding="utf-8") as stream:
            Serializer().serialize(
                counter.count(queryset.iterator(chunk_size=CHUNK)), keys=keys, stream=stream
            )
        yield selection.member_name(model), path, label, counter.value


def natural_keys(keys, using):
    """The source's content type ids (to remap ids stored inside revision JSON) and every
    permission with its name (so restore can create one ``migrate`` did not)."""
    names = dict(Permission.objects.using(using).values_list("pk", "name"))
    return {
        "content_types": {str(pk): list(key) for pk, key in keys.content_types.items()},
        "permissions": [
            {"key": list(key), "name": names[pk]} for pk, key in keys.permissions.items()
        ],
    }


class _Counter:
    def __init__(self):
        self.value = 0

    def count(self, iterable):
        for item in iterable:
            self.value += 1
            yield item
