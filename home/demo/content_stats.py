"""DEMO DATA ONLY: invented past visitor counts, so the statistics charts are not empty.

Real counts come from ``moit_wagtail.stats`` as people visit. For the demo this fills the
400 days before today (never today: live counting starts there) and this month's most
viewed pages and downloaded documents with plausible, deterministic numbers. Rows that
exist are left alone, so loading the demo again changes nothing.
"""

import datetime
import random

from django.utils import timezone

from moit_wagtail.pages.models import PageAttachment, PublicationPage
from moit_wagtail.stats.models import DailyCount, DocumentCount, PageCount

DAYS = 400


def seed_visitor_stats(site, today=None):
    """Demo counts for ``site`` (a wagtail Site); returns how many daily rows were added."""
    today = today or timezone.localdate()
    base = 60 + (site.pk * 37) % 90  # each unit its own size
    rows = []
    for back in range(DAYS, 0, -1):
        day = today - datetime.timedelta(days=back)
        rng = random.Random(f"moit-demo-{site.pk}-{day.isoformat()}")
        weekday_factor = 0.45 if day.weekday() >= 5 else 1.0
        growth = 1 + (DAYS - back) / DAYS * 0.4
        visits = int(base * weekday_factor * growth * rng.uniform(0.7, 1.3))
        views = int(visits * rng.uniform(2.0, 3.2))
        downloads = int(visits * rng.uniform(0.1, 0.35))
        rows.append(DailyCount(site=site, day=day, visits=visits, views=views, downloads=downloads))
    existing = DailyCount.objects.filter(site=site, day__in=[row.day for row in rows]).count()
    DailyCount.objects.bulk_create(rows, ignore_conflicts=True)

    month = today.replace(day=1)
    root = site.root_page
    pages = list(PublicationPage.objects.live().descendant_of(root).order_by("path")[:8])
    page_rows = []
    for rank, page in enumerate(pages):
        path = "/" + page.url_path[len(root.url_path) :]
        page_rows.append(PageCount(site=site, month=month, path=path, views=180 // (rank + 1)))
    PageCount.objects.bulk_create(page_rows, ignore_conflicts=True)

    documents = []
    for attachment in PageAttachment.objects.filter(page__in=pages).order_by("pk"):
        if attachment.document_id not in documents:
            documents.append(attachment.document_id)
    DocumentCount.objects.bulk_create(
        [
            DocumentCount(site=site, month=month, document_id=pk, downloads=60 // (rank + 1))
            for rank, pk in enumerate(documents[:6])
        ],
        ignore_conflicts=True,
    )
    return len(rows) - existing
