"""Pages needing attention: review due, data period ended, expiring, older than allowed."""

import datetime

from django.utils import timezone

from moit_wagtail.checklist.attention import (
    DATA_PERIOD_ENDED,
    EXPIRES,
    REVIEW_DUE,
    TOO_OLD,
    max_age_by_code,
    needing_attention,
    reasons_for,
)
from moit_wagtail.pages import models as pages

NOW = timezone.make_aware(datetime.datetime(2026, 11, 27, 10, 0))
TODAY = NOW.date()


def update(page, **values):
    pages.PublicationPage.objects.filter(pk=page.pk).update(**values)
    return pages.PublicationPage.objects.get(pk=page.pk)


def fresh(page):
    return update(
        page,
        review_by=TODAY + datetime.timedelta(days=200),
        data_period_end=None,
        last_published_at=NOW - datetime.timedelta(days=1),
    )


def test_shipped_frequencies_give_each_code_its_strictest_age(db):
    limits = max_age_by_code()
    assert limits["1.8.7"] == 2  # monthly procurement results (website list and MOIT 5)
    assert limits["1.1.9"] == 13  # yearly budget
    assert "1.2" not in limits  # laws change when they change


def test_each_reason_is_found_with_its_due_date(make_page):
    review = update(fresh(make_page(pages.LawPage)), review_by=TODAY - datetime.timedelta(days=3))
    period = update(
        fresh(make_page(pages.KnowledgePage)), data_period_end=TODAY - datetime.timedelta(days=1)
    )
    expiring = update(fresh(make_page(pages.NewsPage)), expire_at=NOW + datetime.timedelta(days=5))
    old = update(
        fresh(make_page(pages.ProcurementResultPage)),
        last_published_at=NOW - datetime.timedelta(days=75),
    )
    ok = fresh(make_page(pages.SopManualPage))

    found = set(needing_attention(within_days=14, now=NOW).values_list("pk", flat=True))
    assert found == {review.pk, period.pk, expiring.pk, old.pk}
    assert ok.pk not in found

    [reason] = reasons_for(review, now=NOW)
    assert (reason.kind, reason.days_overdue, reason.is_overdue) == (REVIEW_DUE, 3, True)
    assert [r.kind for r in reasons_for(period, now=NOW)] == [DATA_PERIOD_ENDED]
    [soon] = reasons_for(expiring, now=NOW)
    assert (soon.kind, soon.days_overdue, soon.is_overdue) == (EXPIRES, -5, False)
    [too_old] = reasons_for(old, now=NOW)
    assert too_old.kind == TOO_OLD
    assert too_old.due == datetime.date(2026, 11, 13)  # published 13 Sep, two months


def test_the_horizon_decides_what_is_due_soon(make_page):
    page = update(fresh(make_page(pages.LawPage)), review_by=TODAY + datetime.timedelta(days=10))
    assert not needing_attention(within_days=7, now=NOW).filter(pk=page.pk).exists()
    assert needing_attention(within_days=14, now=NOW).filter(pk=page.pk).exists()
    assert reasons_for(page, within_days=7, now=NOW) == []


def test_unpublished_pages_need_no_reminder(make_page):
    page = update(make_page(pages.LawPage), review_by=TODAY - datetime.timedelta(days=3))
    page.specific.unpublish()
    assert not needing_attention(now=NOW).filter(pk=page.pk).exists()


def test_data_period_counts_only_if_it_ended_while_the_page_was_up(make_page):
    """Last year's report published after its year is fine; figures that ran out while
    published need a look, until someone updates or confirms them."""
    ended = TODAY - datetime.timedelta(days=30)
    archive = update(
        fresh(make_page(pages.KnowledgePage)),
        data_period_end=ended,
        last_published_at=NOW - datetime.timedelta(days=10),
    )
    ran_out = update(
        fresh(make_page(pages.LawPage)),
        data_period_end=ended,
        last_published_at=NOW - datetime.timedelta(days=90),
    )
    confirmed = update(
        fresh(make_page(pages.SopManualPage)),
        data_period_end=ended,
        last_published_at=NOW - datetime.timedelta(days=90),
        last_reviewed_on=TODAY - datetime.timedelta(days=2),
    )
    found = set(needing_attention(now=NOW).values_list("pk", flat=True))
    assert found == {ran_out.pk}
    assert [reason.kind for reason in reasons_for(ran_out, now=NOW)] == [DATA_PERIOD_ENDED]
    assert reasons_for(archive, now=NOW) == reasons_for(confirmed, now=NOW) == []
