"""The searchable text of any page, read from its model: title, own text fields, rich text,
StreamField blocks, inline children (executives, links, photo captions), tags and the titles
of attached documents.

Reading the fields generically means a new page type is searchable without registering it;
codes, choices, URLs and e-mail addresses are left out (nobody searches for "1.8.6").
"""

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

# Field weights: a word in the title counts ten times a word in the body.
WEIGHTS = {"title": 10, "tags": 4, "documents": 4, "body": 1}
SKIPPED_CHILD_RELATIONS = {"attachments", "tagged_items"}


def _is_text(field):
    return (
        isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and not isinstance(field, (models.URLField, models.EmailField, models.SlugField))
    )


def _field_text(instance, field):
    value = getattr(instance, field.attname, None)
    if not value:
        return ""
    if isinstance(field, RichTextField):
        return get_text_for_indexing(value)
    return str(value)


def _own_fields(page):
    """Text of the fields the specific page type adds to Wagtail's Page."""
    texts = [page.search_description or ""]
    for field in page._meta.concrete_fields:
        if field.model is Page:
            continue
        if isinstance(field, StreamField):
            value = getattr(page, field.attname)
            texts.extend(str(text) for text in field.get_searchable_content(value))
        elif _is_text(field):
            texts.append(_field_text(page, field))
    return texts


def _children(page):
    texts = []
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        if name in SKIPPED_CHILD_RELATIONS:
            continue
        for child in getattr(page, name).all():
            texts.extend(
                _field_text(child, field)
                for field in child._meta.concrete_fields
                if _is_text(field)
            )
    return texts


def _documents(page):
    attachments = getattr(page, "attachments", None)
    if attachments is None:
        return []
    texts = []
    for attachment in attachments.select_related("document"):
        texts.extend([attachment.caption, attachment.document.title])
    return texts


def _tags(page):
    tags = getattr(page, "tags", None)
    return list(tags.names()) if tags is not None else []


def page_fields(page):
    """{field group: [text, ...]} of a specific page, groups as in ``WEIGHTS``."""
    return {
        "title": [page.title],
        "tags": _tags(page),
        "documents": _documents(page),
        "body": _own_fields(page) + _children(page),
    }


def snippet_text(fields):
    """The plain text snippets are cut from: body first, then document titles."""
    parts = [text for text in fields["body"] + fields["documents"] if text and text.strip()]
    return " · ".join(" ".join(text.split()) for text in dict.fromkeys(parts))
