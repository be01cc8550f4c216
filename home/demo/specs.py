"""What the demo content is made of: plain descriptions that the builder turns into objects.

Content modules return ``Item`` lists; nothing here touches the database, so the Thai
content reads as data and the builder stays generic.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from moit_wagtail.dates import fiscal_year, fiscal_year_bounds


@dataclass(frozen=True)
class Doc:
    """A generated file stored as a Wagtail document; keyed by title within the collection.

    The extension of ``filename`` decides the format: PDF text, or CSV/XLSX from ``rows``.
    """

    title: str
    filename: str
    rows: tuple = ()
    caption: str = ""


@dataclass(frozen=True)
class Img:
    """A generated drawing stored as a Wagtail image; keyed by title within the collection."""

    title: str
    drawing: str = "photo"  # org_chart, avatar, photo or illustration
    labels: tuple = ()


@dataclass(frozen=True)
class Sibling:
    """Another demo page under the same index, by slug (e.g. the tender a result answers)."""

    slug: str


@dataclass
class Item:
    """One publication page with its metadata, files and inline rows.

    Dates are relative to today so the demo always looks lived-in: ``published_days_ago``
    spreads items over the last months, ``review_in_days`` < 0 makes an item overdue for
    review (stale) and ``expired_days_ago`` gives it an end of publication in the past.
    """

    model: type
    slug: str
    title: str
    summary: str
    owner: str
    fields: dict = field(default_factory=dict)
    inlines: dict = field(default_factory=dict)
    attachments: tuple = ()
    source: str = ""
    published_days_ago: int = 30
    period: tuple | None = None
    review_in_days: int | None = None
    expired_days_ago: int | None = None
    tags: tuple = ()


def today():
    return timezone.localdate()


def days_ago(days):
    return today() - datetime.timedelta(days=days)


def latest_fiscal_year():
    """The last complete fiscal year (B.E.): plans, budgets and reports are about it."""
    return fiscal_year(today()) - 1


def fy_period(fiscal_year_be):
    return fiscal_year_bounds(fiscal_year_be)


def html(*paragraphs):
    """Rich text from plain paragraphs; a paragraph that is a list becomes a bullet list."""
    parts = []
    for paragraph in paragraphs:
        if isinstance(paragraph, list | tuple):
            parts.append("<ul>" + "".join(f"<li>{line}</li>" for line in paragraph) + "</ul>")
        else:
            parts.append(f"<p>{paragraph}</p>")
    return "".join(parts)


def step(title, duration, unit="minutes", responsible="", description=""):
    """One StreamField step of a manual (seed 1.6: each step with its duration)."""
    return (
        "step",
        {
            "title": title,
            "description": description,
            "responsible": responsible,
            "duration": duration,
            "duration_unit": unit,
        },
    )


def since(day):
    """How many days ago ``day`` was (0 if it is in the future)."""
    return max((today() - day).days, 0)
