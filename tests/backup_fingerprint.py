"""A site's content in engine-independent terms, to compare before a backup and after a
restore (ids of content types differ between installations)."""

import hashlib

from django.db import connection

from tests import factories

CT_SHIFT = 500


# -- what a site holds, in engine-independent terms -------------------------------------


def _sha(storage, name):
    with storage.open(name, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def fingerprint():
    """Everything the comparison looks at, as JSON-able data (runs in every installation)."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import (
        GroupCollectionPermission,
        GroupPagePermission,
        ModelLogEntry,
        Page,
        PageLogEntry,
        Revision,
        Site,
        TaskState,
        WorkflowState,
    )

    from moit_wagtail.backup import selection
    from moit_wagtail.eservices.models import SubmissionFile
    from moit_wagtail.stats.models import DailyCount, DocumentCount, PageCount
    from moit_wagtail.survey.models import SurveyRating, SurveyResponse

    def ct(pk):
        item = ContentType.objects.get_for_id(pk)
        return f"{item.app_label}.{item.model}"

    def revision_content(revision):
        content = dict(revision.content)
        content["content_type"] = ct(content["content_type"])
        return content

    pages = Page.objects.order_by("path")
    return {
        "counts": {
            m._meta.label_lower: m._base_manager.count() for m in selection.travelling_models()
        },
        "tree": [
            [p.path, p.depth, p.numchild, p.title, p.url_path, p.live, ct(p.content_type_id)]
            for p in pages
        ],
        "specific": [type(p.specific).__name__ for p in pages],
        "latest_revisions": {
            p.path: revision_content(p.latest_revision)
            for p in pages.select_related("latest_revision")
            if p.latest_revision
        },
        "revision_objects": sorted(
            [r.pk, ct(r.content_type_id), type(r.as_object()).__name__]
            for r in Revision.objects.all()
        ),
        "workflow_states": sorted(
            [w.pk, ct(w.base_content_type_id), w.object_id, w.status, w.workflow.name]
            for w in WorkflowState.objects.all()
        ),
        "task_states": sorted(
            [
                t.pk,
                t.status,
                t.task.name,
                ct(t.content_type_id),
                t.comment,
                getattr(t.specific, "rejection_reason", ""),
            ]
            for t in TaskState.objects.all()
        ),  # fmt: skip
        "page_log": [
            [e.page_id, e.action, e.user_id, e.timestamp.isoformat(), ct(e.content_type_id)]
            for e in PageLogEntry.objects.order_by("pk")
        ],
        "model_log": [
            [e.object_id, e.action, ct(e.content_type_id), e.label]
            for e in ModelLogEntry.objects.order_by("pk")
        ],
        "sites": sorted(
            [s.hostname, s.port, s.root_page.url_path, s.is_default_site]
            for s in Site.objects.all()
        ),
        "group_permissions": {
            g.name: sorted(p.codename for p in g.permissions.all()) for g in Group.objects.all()
        },
        "page_permissions": sorted(
            [g.group.name, g.page.path, g.permission.codename]
            for g in GroupPagePermission.objects.all()
        ),
        "collection_permissions": sorted(
            [g.group.name, g.collection.name, g.permission.codename]
            for g in GroupCollectionPermission.objects.all()
        ),
        "tags": sorted(
            [t.tag.name, ct(t.content_type_id), t.object_id] for t in TaggedItem.objects.all()
        ),
        "page_tags": sorted(
            [page.pk, tag.name]
            for page in Page.objects.type(factories.pages.PublicationPage).specific()
            for tag in getattr(page, "tags", None).all()
        ),
        "files": {
            row.file.name: _sha(row.file.storage, row.file.name)
            for model in (get_document_model(), get_image_model(), SubmissionFile)
            for row in model.objects.all()
        },
        "survey": sorted(
            [r.survey_id, r.comment, sorted(x.score for x in r.ratings.all())]
            for r in SurveyResponse.objects.all()
        ),
        "survey_total": sum(r.score for r in SurveyRating.objects.all()),
        "stats": [
            sorted(
                [d.site_id, d.day.isoformat(), d.visits, d.views, d.downloads]
                for d in DailyCount.objects.all()
            ),
            sorted([c.path, c.views] for c in PageCount.objects.all()),
            sorted([c.document_id, c.downloads] for c in DocumentCount.objects.all()),
        ],  # fmt: skip
    }


def derived():
    """Rebuilt after a restore, so compared loosely (the rebuild also indexes pages that
    were made live without a publish signal)."""
    from wagtail.models import ReferenceIndex

    from moit_wagtail.search.models import IndexEntry

    rows = IndexEntry.objects.values_list("content_type__model", "object_id")
    return {
        "searchable": sorted(f"{model}:{object_id}" for model, object_id in rows),
        "has_references": ReferenceIndex.objects.exists(),
    }


def shift_content_type_ids(offset=CT_SHIFT):
    """Renumber every content type (and what points at it), as another install would have."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    columns = [
        (model._meta.db_table, field.column)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.local_fields
        if field.is_relation and field.related_model is ContentType
    ]
    tables = set(connection.introspection.table_names())
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        quote = connection.ops.quote_name
        cursor.execute(f"UPDATE django_content_type SET id = id + {offset}")
        for table, column in columns:
            if table in tables:
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = {quote(column)} + {offset}"
                )
    ContentType.objects.clear_cache()
