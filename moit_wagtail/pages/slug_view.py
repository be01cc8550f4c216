"""The admin's title->slug helper: the slug ``slugs.py`` gives a title, made unique
among the page's siblings.

The editor's page is named by its admin path (``path``: the create or edit view the
form is on), resolved with Django's URL resolver rather than parsed in JavaScript. The
user must be allowed to add a page under that parent, or to edit that page: Wagtail's
page permissions, which are granted per unit's subtree. Four queries at most, whatever
the number of pages.
"""

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .slugs import FALLBACK_SLUG, available_slug, is_wagtail_generated, slugify_title

MAX_TITLE_LENGTH = 255  # Page.title's own limit


def _page_of(path, user):
    """(parent, page or None) for the admin create/edit path, checked against ``user``."""
    try:
        match = resolve(urlsplit(path or "").path)
    except Resolver404 as error:
        raise Http404 from error
    if match.view_name == "wagtailadmin_pages:add":
        parent = Page.objects.filter(pk=match.kwargs["parent_page_id"]).first()
        if parent is None:
            raise Http404
        if not parent.permissions_for_user(user).can_add_subpage():
            raise PermissionDenied
        return parent, None
    if match.view_name == "wagtailadmin_pages:edit":
        page = Page.objects.filter(pk=match.kwargs["page_id"]).first()
        if page is None or page.is_root():
            raise Http404
        if not page.permissions_for_user(user).can_edit():
            raise PermissionDenied
        return page.get_parent(), page
    raise Http404


@require_GET
def page_slug(request):
    """{"slug": what the title gives, "follows": whether ``current`` is one the title
    made (ours or Wagtail's), so the title may keep driving it}."""
    title = request.GET.get("title", "")[:MAX_TITLE_LENGTH]
    current = request.GET.get("current", "")
    try:
        parent, page = _page_of(request.GET.get("path"), request.user)
    except PermissionDenied:
        # Answered here: Wagtail's admin would turn it into a redirect to the dashboard.
        return JsonResponse({"error": "forbidden"}, status=403)
    base = slugify_title(title) or (FALLBACK_SLUG if title.strip() else "")
    slug = available_slug(base, parent, page) if base else ""
    follows = (
        not current
        or current in (slug, base)
        or (bool(title) and is_wagtail_generated(current, title))
    )
    return JsonResponse({"slug": slug, "follows": follows})
