"""HTML from elsewhere (a spreadsheet cell, a WordPress post) made into Wagtail rich text.

Wagtail stores rich text as HTML and renders it as stored: only what its editor produces
is safe. So imported HTML goes through the editor's own converter (Draftail's
ContentState), the same one that reads and writes the admin's rich-text fields: tags and
attributes outside the field's features (scripts, styles, iframes, event handlers) are
dropped, headings, lists, bold, italic and links kept. This is the one place that uses
that converter.
"""

from django.utils.html import escape
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import features as feature_registry


def clean_html(html, features=None):
    """``html`` reduced to what a rich-text field with ``features`` allows."""
    converter = ContentstateConverter(features or feature_registry.get_default_features())
    return converter.to_database_format(converter.from_database_format(html))


def text_to_html(text):
    """Plain text, a paragraph per line."""
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def rich_text(value, features=None):
    """A cell's text or HTML as safe rich text for a field with ``features``."""
    text = str(value).strip()
    if text.startswith("<"):
        return clean_html(text, features)
    return text_to_html(text)
