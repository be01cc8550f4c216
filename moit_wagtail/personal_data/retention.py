"""When a unit's personal data is due for erasure, and which kinds of it are installed.

Each kind (``submissions``, ``comments``) is a ``Source``: it lists one unit's rows past
the unit's retention and erases a batch of them. A source exists only when its app is
installed, so an installation without the survey (or without e-services) works as is.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from moit_wagtail.dates import add_months

from .models import RetentionSettings

DEFAULT_BATCH = 200


@dataclass(frozen=True)
class Source:
    name: str
    months_field: str
    due: Callable  # (site, cutoff) -> queryset of rows to erase
    erase: Callable  # (rows, now) -> number erased


def cutoff(months, now=None):
    """Rows closed (or answered) before this moment are past a retention of ``months``."""
    return add_months(timezone.localtime(now or timezone.now()), -months)


def sources():
    """The installed kinds of personal data, each imported only if its app is installed."""
    found = []
    if apps.is_installed("moit_wagtail.eservices"):
        from . import submissions

        found.append(Source("submissions", "submission_months", submissions.due, submissions.erase))
    if apps.is_installed("moit_wagtail.survey"):
        from . import comments

        found.append(Source("comments", "survey_comment_months", comments.due, comments.erase))
    return found


def due(source, site, now=None):
    months = getattr(RetentionSettings.for_site(site), source.months_field)
    return source.due(site, cutoff(months, now))


def erase_in_batches(source, site, batch_size=DEFAULT_BATCH, now=None):
    """Erase everything of ``source`` past retention on ``site``; yields each batch's count.

    Each batch is its own transaction (a long run never holds a big lock), and erased rows
    leave the ``due`` list, so the loop ends and a second run finds nothing.
    """
    now = now or timezone.now()
    while True:
        batch = list(due(source, site, now).order_by("pk")[:batch_size])
        if not batch:
            return
        yield source.erase(batch, now)
