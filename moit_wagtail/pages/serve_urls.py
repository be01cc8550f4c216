"""The public page URL pattern, accepting the Thai vowel and tone marks of our slugs.

Wagtail's own ``wagtail_serve`` pattern allows only ``[\\w-]`` in a path segment, so a
slug with Thai marks (``\\w`` excludes them) would neither route nor reverse. Include
these patterns just before ``wagtail.urls``: same view, same name, so ``page.url`` and
``reverse("wagtail_serve")`` work for every slug ``slugs.validate_page_slug`` accepts.
Django decodes the percent-encoded path first, so both forms of a Thai URL route.
"""

from django.urls import re_path
from wagtail import views
from wagtail.coreutils import WAGTAIL_APPEND_SLASH

from .slugs import SLUG_CHARACTERS

if WAGTAIL_APPEND_SLASH:
    serve_pattern = f"^((?:[{SLUG_CHARACTERS}]+/)*)$"
else:
    serve_pattern = f"^([{SLUG_CHARACTERS}/]*)$"

urlpatterns = [re_path(serve_pattern, views.serve, name="wagtail_serve")]
