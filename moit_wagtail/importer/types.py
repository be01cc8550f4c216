"""Which page types a spreadsheet row can become, and the columns each one reads.

Derived from the page models themselves, so a field added to a page type becomes a column
without touching the importer: a row can fill every editable text, choice, number, date,
URL and rich-text field of its type, named in the header by the field's Thai or English
label (or its name). A type whose required content a row cannot hold (an image, steps,
executives, links, photos) is left to the admin, one page at a time.
"""

from dataclasses import dataclass
from functools import cache

from django.db import models
from django.utils import translation
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField

from moit_wagtail.pages.models import CATEGORY_INDEX_TYPES, PublicationPage

# Read from the common columns (columns.py), not from type-specific ones.
COMMON_FIELDS = {
    "title", "slug", "summary", "owner_unit", "responsible_person", "source",
    "data_period_start", "data_period_end", "review_by", "expire_at", "tags",
}  # fmt: skip
SIMPLE_FIELDS = (
    models.CharField,
    models.TextField,
    models.DateField,
    models.DecimalField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.BooleanField,
)


@dataclass(frozen=True)
class ImportType:
    model: type
    index_model: type
    fields: tuple  # the type's own fields a row fills
    attachments_required: bool

    @property
    def label(self):
        return str(self.model._meta.verbose_name)

    @property
    def clause(self):
        return self.model.seed_clause

    def names(self):
        """Every spelling a row may use for this type, folded (read once per type)."""
        return _names(self.model)


@cache
def _names(model):
    spellings = {model.__name__, model._meta.model_name}
    for language in ("th", "en"):
        with translation.override(language):
            spellings.add(str(model._meta.verbose_name))
    return frozenset(" ".join(name.split()).casefold() for name in spellings)


def _row_fields(model):
    """The model's own editable fields a cell can hold, or None if a required one can't."""
    fields = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or not field.editable or field.auto_created:
            continue
        if field.is_relation and field.remote_field.parent_link:
            continue  # the link to Page / PublicationPage
        if issubclass(PublicationPage, field.model) or field.name in COMMON_FIELDS:
            continue  # Page and PublicationPage fields: the common columns
        if isinstance(field, (*SIMPLE_FIELDS, RichTextField)):
            fields.append(field)
        elif not field.blank:
            return None  # a required image, page or stream: not from a cell
    return tuple(fields)


def _inline_requirements(model):
    required = {
        panel.relation_name
        for panel in getattr(model, "content_panels", [])
        if isinstance(panel, InlinePanel) and panel.min_num
    }
    return required


@cache
def import_types():
    """{model: ImportType} of every page type a row can become, in the categories' order."""
    found = {}
    for index_model in CATEGORY_INDEX_TYPES:
        for model in index_model.allowed_subpage_models():
            if model in found or model._meta.app_label != PublicationPage._meta.app_label:
                continue  # content pages only: other apps' pages are forms or surveys
            fields = _row_fields(model)
            inline = _inline_requirements(model)
            if fields is None or inline - {"attachments"}:
                continue
            found[model] = ImportType(model, index_model, fields, "attachments" in inline)
    return found


def find_type(text):
    """The ImportType a cell names: a page type's label or name, or a category code with
    a single importable type. Returns (type or None, the candidates when ambiguous)."""
    wanted = " ".join(str(text or "").split()).casefold()
    if not wanted:
        return None, []
    types = list(import_types().values())
    for kind in types:
        if wanted in kind.names():
            return kind, []
    code = wanted.split()[0]
    in_category = [kind for kind in types if kind.clause == code]
    if len(in_category) == 1:
        return in_category[0], []
    return None, in_category
