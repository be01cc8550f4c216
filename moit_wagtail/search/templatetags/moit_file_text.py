"""The note about a document's text in search, for Wagtail's document edit screen."""

from django import template

from moit_wagtail.search import file_text, file_text_jobs
from moit_wagtail.search.models import FileText

register = template.Library()


@register.simple_tag
def file_text_note(document):
    """What ``file_text.status_note`` says of ``document`` ("" when its text was read).

    A readable file with no row yet (uploaded a moment ago, or before text was read at
    all) is waiting to be read.
    """
    if document is None or not document.pk:
        return ""
    stored = file_text_jobs.stored_text(document)
    if stored is None and file_text.readable(document.file.name):
        stored = FileText(document=document, status=FileText.Status.PENDING)
    return file_text.status_note(stored)
