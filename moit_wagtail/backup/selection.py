"""Which tables travel in an archive, and which rows a freshly migrated database already has.

Every model travels unless it is listed in ``EXCLUDED``: a table another app adds later
(a traffic log, say) is backed up without anyone remembering to list it. What is left out
is either made again by ``migrate`` (content types, permissions: rows that point at them
carry natural keys instead of ids), derived and rebuilt after a restore (search indexes,
Wagtail's reference index, image renditions), or short-lived (sessions, edit locks,
half-finished uploads, the 30-minute visitor marks).
"""

from django.apps import apps

# Referenced by natural key; restore creates any that ``migrate`` did not.
CONTENT_TYPES = "contenttypes.contenttype"
PERMISSIONS = "auth.permission"

EXCLUDED = {
    CONTENT_TYPES: "recreated by migrate; rows refer to them by (app, model)",
    PERMISSIONS: "recreated by migrate; rows refer to them by (codename, app, model)",
    "sessions.session": "logins: everyone signs in again",
    "wagtailsearch.indexentry": "derived: rebuilt by wagtail_update_index",
    "wagtailsearch.sqliteftsindexentry": "derived: rebuilt by wagtail_update_index",
    "modelsearch.indexentry": "derived: rebuilt by wagtail_update_index",
    "modelsearch.sqliteftsindexentry": "derived: rebuilt by wagtail_update_index",
    "wagtailcore.referenceindex": "derived: rebuilt by rebuild_references_index",
    "wagtailimages.rendition": "derived: resized images are made again on first view",
    "moit_search.indexentry": "derived: rebuilt by wagtail_update_index",
    "moit_search.indexterm": "derived: rebuilt by wagtail_update_index",
    "moit_stats.visitormark": "short-lived: reload marks expire after 30 minutes",
    "wagtailadmin.editingsession": "short-lived: who is editing a page right now",
    "wagtailadmin.formstate": "short-lived: unsaved form state for previews",
    "wagtailcore.uploadedfile": "short-lived: uploads not yet turned into documents",
}

# Rows that ``migrate`` itself writes (Wagtail's root and welcome page, default site,
# collection, locale, Moderators/Editors groups and their workflow; our checklists).
# A database holding nothing else is "empty": restore replaces these rows.
SEEDED_BY_MIGRATE = {
    "auth.group",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtailcore.collection",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.groupsitepermission",
    "wagtailcore.workflow",
    "wagtailcore.workflowtask",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowcontenttype",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
    "wagtailcore.page",  # at most the root and one welcome page: see restore.check_empty
    "moit_checklist.framework",
    "moit_checklist.checklistitem",
    "moit_checklist.checklistpart",
}

# Renditions are stored under this folder of the media storage (Wagtail's upload_to).
RENDITIONS_DIR = "images"


def stored_models():
    """Every concrete model with a table of its own, parents before children."""
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def travelling_models():
    """The models whose rows go into the archive, in a stable order."""
    models = [m for m in stored_models() if m._meta.label_lower not in EXCLUDED]
    return sorted(models, key=lambda m: (_depth(m), m._meta.label_lower))


def _depth(model):
    """Multi-table parents first (not needed by the loader, kinder to a human reader)."""
    return len(model._meta.get_parent_list())


def member_name(model):
    return f"db/{model._meta.label_lower}.jsonl"
