"""Is this installation empty enough to restore into? Decided before anything is changed.

A restore replaces the whole database, so it is only allowed where nothing can be lost:

* Database: every table that travels is empty, except the rows ``migrate`` writes itself
  (``selection.SEEDED_BY_MIGRATE``); of pages there may be at most two, the tree root and
  one page directly under it (Wagtail's "Welcome" page). No user, document, image,
  revision, log entry, submission, survey answer or statistic may exist. Content types and
  permissions are kept; derived tables (search indexes, renditions) and sessions are
  ignored, they are emptied and rebuilt.
* Media: the media root and the private media root hold no file (renditions aside).
"""

from django.utils.translation import gettext as _
from wagtail.models import Page

from . import media, selection
from .errors import BackupError


def database_content(using):
    """``{label: rows}`` of what would be lost."""
    found = {}
    for model in selection.stored_models():
        label = model._meta.label_lower
        if label in selection.EXCLUDED or label in selection.SEEDED_BY_MIGRATE:
            continue
        count = model._base_manager.using(using).count()
        if count:
            found[label] = count
    pages = Page._base_manager.using(using)
    if pages.count() > 2 or pages.filter(depth__gt=2).exists():
        found["wagtailcore.page"] = pages.count()
    return found


def media_content():
    found = []
    for root in media.roots():
        for name in root.walk():
            found.append(f"{root.prefix}/{name}")
            break
    return found


def check_empty(using):
    content = database_content(using)
    if content:
        listed = ", ".join(f"{label}: {count}" for label, count in sorted(content.items())[:8])
        raise BackupError(
            _(
                "The database already holds content (%(content)s). Restore only into a new, "
                "empty installation: create a new database, run “manage.py migrate”, then "
                "restore. Nothing was changed."
            )
            % {"content": listed},
            "not_empty",
        )
    files = media_content()
    if files:
        raise BackupError(
            _(
                "The media folders are not empty (%(files)s). Restore only into empty media "
                "folders. Nothing was changed."
            )
            % {"files": ", ".join(files)},
            "media_not_empty",
        )
