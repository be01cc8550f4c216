"""Segregation of duties: nobody publishes content they wrote or submitted, by any route.

**Who wrote a page's current content** (``authors``): the people who saved a version that
changed the content since the page was last published, plus whoever asked to publish it
(the open publishing request's requester). "Since the last published" means after the
live version, or, for a page taken offline, after the time it was last published; a page
never published counts every version. A version counts as its saver's content only if it
differs from the version before it (titles, fields, attachments): approving from the page
editor, or publishing someone else's text unchanged, saves a version too, without
making the approver an author. An approver who changes a pending page becomes an author,
so another approver must decide on it.

Every route asks ``may_publish``:

* Wagtail's ``PagePermissionTester.can_publish`` (``install``) answers no for an author, so
  the Publish button, the explorer's bulk publish, scheduling, the revisions revert view,
  Wagtail's API and the workflow's own publication step all refuse, and the button is
  hidden where it would be refused. It is the one check all of Wagtail's publish paths
  share, and Wagtail has no hook for it, hence the wrapper here;
* ``before_publish_page`` refuses a publish from the editor after the save (the version
  just saved may make the user an author), with a message;
* ``before_copy_page`` refuses "publish copies" of pages the user wrote;
* the publishing-request task refuses the approve and refuse actions to authors;
* ``moit_publish_scheduled`` holds back a version scheduled by one of its authors.

The one exception is the urgent path (``urgent``), which records the verbal approver.
Superusers are the installation's operators and keep every Wagtail power; a publication
by one of its authors (a superuser's) is recorded (``PUBLISHED_BY_AUTHOR_ACTION``) and
counted by the governance checks.
"""

import re

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, PagePermissionTester, Revision

PUBLISHED_BY_AUTHOR_ACTION = "moit_workflow.published_by_author"

REFUSAL = _(
    "You wrote or asked to publish the current version of this page, so another approver "
    "of your unit must approve it (segregation of duties)."
)
COPY_REFUSAL = _(
    "You wrote the current version of this page, so its copy cannot be published at once: "
    "copy it as a draft and ask another approver to approve it (segregation of duties)."
)

# What a version holds besides its content: tree position, state, dates, locks, owner.
NOT_CONTENT = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "live_revision",
        "latest_revision",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "expired",
        "owner",
        "alias_of",
        "translation_key",
        "locale",
        "go_live_at",
        "expire_at",
        "wagtail_admin_comments",
        "comments",
        "page",
        "sort_order",
    }
)


BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
EMPTY_PARAGRAPHS = re.compile(r"(\s*<p>\s*</p>\s*)*")


def _content(value):
    """The content of a version, as comparable data: rich text is compared without the
    editor's block keys, and an empty paragraph is no text."""
    if isinstance(value, str):
        text = BLOCK_KEY.sub("", value)
        return "" if EMPTY_PARAGRAPHS.fullmatch(text) else text
    if isinstance(value, dict):
        return {key: _content(item) for key, item in value.items() if key not in NOT_CONTENT}
    if isinstance(value, list):
        return [_content(item) for item in value]
    return value


def _versions_since_publication(page):
    """The page's versions since it was last published, with the one before them first
    (the base they are compared with), oldest first."""
    revisions = Revision.objects.for_instance(page).order_by("created_at", "pk")
    if page.live_revision_id:
        newer = revisions.filter(pk__gt=page.live_revision_id)
        base = revisions.filter(pk=page.live_revision_id)
    elif page.last_published_at:
        newer = revisions.filter(created_at__gt=page.last_published_at)
        base = revisions.filter(created_at__lte=page.last_published_at).reverse()[:1]
    else:
        return [None, *revisions]
    return [next(iter(base), None), *newer]


def writers(versions):
    """Ids of the users whose version in ``versions`` (base first) changed the content."""
    found = set()
    previous = None
    for index, revision in enumerate(versions):
        if revision is None:
            continue
        content = _content(revision.content)
        if index > 0 and revision.user_id and (previous is None or content != previous):
            found.add(revision.user_id)
        previous = content
    return found


def authors(page):
    """Ids of the users who wrote or submitted the page's current content (module doc)."""
    page = Page.objects.filter(pk=page.pk).first() or page
    found = writers(_versions_since_publication(page))
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.requested_by_id:
        found.add(workflow_state.requested_by_id)
    return found


def is_author(page, user):
    return bool(user and user.pk) and user.pk in authors(page)


def may_publish(page, user):
    """May ``user`` publish the page's current content? Not if they wrote or submitted it,
    unless they are a superuser (then it is recorded as an exception)."""
    return user.is_superuser or not is_author(page, user)


# -- the wiring into Wagtail's permission check ----------------------------------------

_wagtail_can_publish = PagePermissionTester.can_publish


def holds_publish_permission(page, user):
    """Wagtail's own answer, before the authorship rule (the urgent path uses it)."""
    return _wagtail_can_publish(page.permissions_for_user(user))


def _can_publish(tester):
    return _wagtail_can_publish(tester) and may_publish(tester.page, tester.user)


def install():
    """Make Wagtail's publish permission follow the rule; privacy settings and
    unscheduling keep Wagtail's own answer (they publish nobody's text)."""
    if PagePermissionTester.can_publish is _can_publish:
        return
    PagePermissionTester.can_publish = _can_publish
    PagePermissionTester.can_set_view_restrictions = _wagtail_can_publish
    PagePermissionTester.can_unschedule = _wagtail_can_publish


# -- hooks --------------------------------------------------------------------------------


def refuse_publishing_by_author(request, page):
    """``before_publish_page``: the version just saved may have made the user an author;
    it stays saved as a draft."""
    if may_publish(page, request.user):
        return None
    messages.error(request, REFUSAL)
    return redirect("wagtailadmin_pages:edit", page.pk)


def explain_refused_publish(request, page):
    """``before_edit_page`` (the editor and the revert view): an author's Publish is not
    offered, and a crafted one is saved as a draft by Wagtail; say why."""
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and not may_publish(page, request.user)
    ):
        messages.error(request, REFUSAL)


def refuse_publishing_copies_by_author(request, page):
    """``before_copy_page``: "publish copies" puts the copied pages live at once."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    pages = [page]
    if request.POST.get("copy_subpages"):
        pages += list(page.get_descendants())
    new_title = request.POST.get("new_title")
    if new_title is not None and new_title != page.title and not request.user.is_superuser:
        return _refuse_copy(request, page)
    if all(may_publish(each, request.user) for each in pages):
        return None
    return _refuse_copy(request, page)


def _refuse_copy(request, page):
    messages.error(request, COPY_REFUSAL)
    return redirect("wagtailadmin_pages:copy", page.pk)


def hide_publish_on_create(menu_items, request, context):
    """``construct_page_action_menu``: a new page is its creator's own text."""
    if context.get("view") == "create" and not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def record_publication_by_author(sender, instance, created, **kwargs):
    """``post_save`` of the page history: a publication by one of the content's authors
    (a superuser, or an urgent publication by its writer) is recorded for governance."""
    if not created or instance.action != "wagtail.publish" or not instance.user_id:
        return
    if instance.revision_id is None:
        return
    previous = (
        PageLogEntry.objects.filter(
            page_id=instance.page_id, action="wagtail.publish", pk__lt=instance.pk
        )
        .order_by("-pk")
        .first()
    )
    revisions = (
        Revision.objects.for_instance(instance.page)
        .filter(pk__lte=instance.revision_id)
        .order_by("created_at", "pk")
    )
    if previous is not None and previous.revision_id:
        base = revisions.filter(pk=previous.revision_id)
        versions = [next(iter(base), None), *revisions.filter(pk__gt=previous.revision_id)]
    else:
        versions = [None, *revisions]
    wrote = writers(versions)
    requested = _requested_by_since(instance, previous)
    if instance.user_id not in wrote | requested:
        return
    log(
        instance=instance.page.specific,
        action=PUBLISHED_BY_AUTHOR_ACTION,
        user=instance.user,
        revision=instance.revision,
        data={"publication": instance.pk},
    )


def _requested_by_since(entry, previous):
    from wagtail.models import WorkflowState

    states = WorkflowState.objects.for_instance(entry.page)
    if previous is not None:
        states = states.filter(created_at__gt=previous.timestamp)
    return set(states.exclude(requested_by=None).values_list("requested_by_id", flat=True))
