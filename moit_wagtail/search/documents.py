"""What the index holds for one object, read from its model's declared ``search_fields``.

The same declarations drive every Wagtail search backend, so a new page type, snippet or
image field is searchable by declaring it, as Wagtail's documentation teaches. Weights:
the object's own ``title`` counts ten, a field's ``boost`` otherwise (tags and attachment
names declare 4), every other field one. A document also contributes the text read from
its file (``FileText``), which is not a model field.
"""

import functools
import hashlib
from dataclasses import dataclass, field

from django.db.models import Manager
from django.utils.encoding import force_str
from wagtail.search import index

from . import segment

TITLE_WEIGHT = 10
EXACT_FACTOR, PART_FACTOR = 2, 1
SNIPPET_SOURCE_LIMIT = 20_000
MAX_TEXT_PER_FIELD = 400_000
FILE_TEXT_FIELD = "file_text"  # declared on attachments: the text read from the file
CACHED_TEXT_LENGTH = 20_000


@functools.lru_cache(maxsize=4096)
def _cached_terms(text):
    return tuple(segment.index_terms(text).items())


def terms_of(text):
    """``segment.index_terms`` as pairs; a page is saved several times per publication
    (draft, revision, publish) with the same texts, so short texts are cut only once."""
    if len(text) <= CACHED_TEXT_LENGTH:
        return _cached_terms(text)
    return tuple(segment.index_terms(text).items())


@dataclass
class IndexedObject:
    terms: dict = field(default_factory=dict)  # term -> weight
    text: str = ""  # what snippets are cut from: the object's own text but its title

    @property
    def digest(self):
        """Changes whenever what the index would hold changes (a save that changed nothing
        searchable writes nothing)."""
        content = repr((sorted(self.terms.items()), self.text))
        return hashlib.sha1(content.encode(), usedforsecurity=False).hexdigest()


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_as_text(item) for item in value.values())
    return force_str(value)


def _related_objects(value):
    if value is None:
        return []
    if isinstance(value, Manager):
        return list(value.all())
    if callable(value):
        value = value()
    return [value] if value is not None else []


def field_texts(obj, search_fields, top=True):
    """(weight, text, from a file?) for every SearchField/AutocompleteField, following
    RelatedFields."""
    for search_field in search_fields:
        if isinstance(search_field, index.RelatedFields):
            for related in _related_objects(search_field.get_value(obj)):
                yield from field_texts(related, search_field.fields, top=False)
        elif isinstance(search_field, (index.SearchField, index.AutocompleteField)):
            text = _as_text(search_field.get_value(obj))[:MAX_TEXT_PER_FIELD]
            if not text.strip():
                continue
            if top and search_field.field_name == "title":
                weight = TITLE_WEIGHT
            else:
                weight = max(1, round(getattr(search_field, "boost", None) or 1))
            yield weight, text, search_field.field_name == FILE_TEXT_FIELD


def file_text_of(obj):
    """The text read from a document's file ("" for other objects or before it is read)."""
    file_text = getattr(obj, "moit_file_text", None)
    return file_text.text if file_text is not None else ""


def indexed_object(obj):
    """The terms (with weights) and the snippet text of ``obj``."""
    result = IndexedObject()
    texts = list(field_texts(obj, type(obj).get_search_fields()))
    extra = file_text_of(obj)
    if extra:
        texts.append((1, extra, True))
    # A term weighs the sum, over the weights of the fields it is in, of that weight x2
    # for a whole word and x1 for a part of a compound: a title word found in the body too
    # ranks above one in the title only, ten body fields do not outrank the title.
    best = {}
    for weight, text, _from_file in texts:
        for term, exact in terms_of(text):
            value = weight * (EXACT_FACTOR if exact else PART_FACTOR)
            key = (term, weight)
            best[key] = max(best.get(key, 0), value)
    for (term, _weight), value in best.items():
        result.terms[term] = result.terms.get(term, 0) + value
    # The text read from files stays out: a result found only inside a file quotes that file
    # by name (query.py), and a page's own words come first in its snippet.
    body = [text for weight, text, from_file in texts if weight != TITLE_WEIGHT and not from_file]
    joined = " · ".join(dict.fromkeys(" ".join(text.split()) for text in body))
    result.text = segment.normalize(joined[: SNIPPET_SOURCE_LIMIT * 2])[:SNIPPET_SOURCE_LIMIT]
    return result
