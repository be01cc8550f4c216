"""JSON Lines rows whose content types and permissions are named, everything else by id.

Content type and permission ids are assigned by ``migrate`` in whatever order the target
database runs it, so they differ between installations (and between SQLite and
PostgreSQL). Every foreign key or many-to-many value pointing at them is written as its
natural key, ``["wagtailcore", "page"]`` or ``["publish_page", "wagtailcore", "page"]``,
which Django's deserialiser looks up in the target. All other rows keep their primary
keys, so generic relations (revisions, workflow states, tags, audit log) stay valid.

Unlike ``use_natural_foreign_keys`` this never asks the database for the related row:
the keys come from two dictionaries filled once per backup.
"""

import datetime

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder


class NaturalKeyTables:
    """Id -> natural key of every content type and permission, read once."""

    def __init__(self, using):
        self.content_types = {
            pk: (app_label, model)
            for pk, app_label, model in ContentType.objects.using(using).values_list(
                "pk", "app_label", "model"
            )
        }
        self.permissions = {
            pk: (codename, *self.content_types[ct_id])
            for pk, codename, ct_id in Permission.objects.using(using).values_list(
                "pk", "codename", "content_type_id"
            )
        }

    def for_model(self, model):
        if model is ContentType:
            return self.content_types
        if model is Permission:
            return self.permissions
        return None


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds (ECMA-262); an audit log keeps them all."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(jsonl.Serializer):
    """Django's JSON Lines serialiser with the natural keys above (pass ``keys=``)."""

    def serialize(self, queryset, *, keys, **options):
        self.keys = keys
        return super().serialize(queryset, cls=FullPrecisionEncoder, **options)

    def handle_fk_field(self, obj, field):
        table = self.keys.for_model(field.remote_field.model)
        if table is None:
            return super().handle_fk_field(obj, field)
        value = getattr(obj, field.attname)
        self._current[field.name] = None if value is None else list(table[value])

    def handle_m2m_field(self, obj, field):
        if not field.remote_field.through._meta.auto_created:
            return  # rows of an explicit through model travel as that model's own rows
        cache = getattr(obj, "_prefetched_objects_cache", {})
        related = cache[field.name] if field.name in cache else getattr(obj, field.name).all()
        ids = sorted(item.pk for item in related)
        table = self.keys.for_model(field.remote_field.model)
        self._current[field.name] = [list(table[pk]) for pk in ids] if table else ids


def m2m_field_names(model):
    return [
        field.name
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
