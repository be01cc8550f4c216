"""Put the archived rows into the (checked empty) database, inside the caller's transaction.

Steps: create any content type or permission ``migrate`` did not make here; empty every
other table (the rows migrate seeded, derived indexes); insert each archived row with its
own primary key (``raw`` saves, as ``loaddata`` does: no signal handler re-indexes or
re-logs anything); check every foreign key; move the PostgreSQL sequences past the
restored ids.

Foreign keys travel as ids, except to content types and permissions (natural keys, see
``serializer``). One place keeps a content type id outside a foreign key: the JSON of a
revision (a page's ``content_type``), which Wagtail reads back when a revision is
previewed, compared or published. Those ids are translated from the source's numbering.
"""

import json

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.db import connections
from django.db.models import ForeignKey
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from wagtail.models import Revision

from .dump import NATURAL_KEYS_MEMBER
from .errors import BackupError


def models_in(manifest):
    """``{member: model}`` of the archive's database members, refusing unknown models."""
    found, unknown = {}, []
    for member in manifest["members"]:
        if not member.startswith("db/") or member == NATURAL_KEYS_MEMBER:
            continue
        label = member.removeprefix("db/").removesuffix(".jsonl")
        try:
            found[member] = apps.get_model(label)
        except (LookupError, ValueError):
            unknown.append(label)
    if unknown:
        raise BackupError(
            _("The archive holds data of apps that are not installed here: %(labels)s.")
            % {"labels": ", ".join(unknown)},
            "unknown_model",
        )
    return found


def ensure_natural_keys(path, using):
    """Create missing content types and permissions; return {source ct id: target ct id}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    content_types = ContentType.objects.db_manager(using)
    mapping = {}
    for old_id, (app_label, model) in data["content_types"].items():
        target, _created = content_types.get_or_create(app_label=app_label, model=model)
        mapping[int(old_id)] = target.pk
    existing = set(
        Permission.objects.using(using).values_list(
            "codename", "content_type__app_label", "content_type__model"
        )
    )
    for entry in data["permissions"]:
        codename, app_label, model = entry["key"]
        if (codename, app_label, model) not in existing:
            Permission.objects.using(using).create(
                codename=codename,
                name=entry["name"],
                content_type=content_types.get_by_natural_key(app_label, model),
            )
    return mapping


def flush(using):
    """Empty every table except content types, permissions and the migration record."""
    connection = connections[using]
    keep = {ContentType._meta.db_table, Permission._meta.db_table}
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True)
        if table not in keep
    ]
    statements = connection.ops.sql_flush(no_style(), tables)
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with deferred foreign key checks still pending.
        statements = ["SET CONSTRAINTS ALL IMMEDIATE", *statements, "SET CONSTRAINTS ALL DEFERRED"]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def remap_content_types(model, data, mapping):
    """Translate content type ids in serialised ``data`` of ``model`` (and its children)."""
    if not isinstance(data, dict) or model is None:
        return
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, ForeignKey)
            and field.related_model is ContentType
            and isinstance(data.get(field.name), int)
        ):
            data[field.name] = mapping.get(data[field.name], data[field.name])
    for relation in get_all_child_relations(model):
        for child in data.get(relation.get_accessor_name()) or []:
            remap_content_types(relation.related_model, child, mapping)


def load_rows(work, manifest, using, progress):
    """Insert every archived row; return the models loaded."""
    members = models_in(manifest)
    mapping = ensure_natural_keys(work / NATURAL_KEYS_MEMBER, using)
    flush(using)
    connection = connections[using]
    with connection.constraint_checks_disabled():
        for member, model in members.items():
            count = 0
            with (work / member).open(encoding="utf-8") as stream:
                for item in jsonl.Deserializer(stream, using=using):
                    if model is Revision:
                        revision = item.object
                        target = ContentType.objects.db_manager(using).get_for_id(
                            revision.content_type_id
                        )
                        remap_content_types(target.model_class(), revision.content, mapping)
                    item.save(using=using, force_insert=True)
                    count += 1
            progress(f"{model._meta.label_lower}: {count}")
    connection.check_constraints(table_names=[m._meta.db_table for m in members.values()])
    reset_sequences(using, list(members.values()))
    return list(members.values())


def reset_sequences(using, models):
    """PostgreSQL: the next id of each table follows the highest restored one."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
