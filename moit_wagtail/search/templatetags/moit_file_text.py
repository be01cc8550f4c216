"""The note about a document's text in search, for Wagtail's document edit screen."""

from django import template

from moit_wagtail.search import file_text, file_text_jobs

register = template.Library()


@register.simple_tag
def file_text_note(document):
    """What ``file_text.status_note`` says of ``document`` ("" when its text was read)."""
    if document is None or not document.pk:
        return ""
    return file_text.status_note(file_text_jobs.stored_text(document))
