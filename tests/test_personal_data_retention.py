"""Citizens' personal data has a lifetime: ``anonymise_personal_data`` erases what is past
each unit's retention, once, under a lock, and leaves every statistic as it was."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone, translation
from wagtail.models import Site

from moit_wagtail import locking
from moit_wagtail.eservices import stats
from moit_wagtail.eservices.models import Kind, Submission, SubmissionFile, SubmissionReply
from moit_wagtail.personal_data.models import (
    DEFAULT_SUBMISSION_MONTHS,
    DEFAULT_SURVEY_COMMENT_MONTHS,
    RetentionSettings,
)
from moit_wagtail.survey.models import CommentStatus, SurveyResponse
from moit_wagtail.survey.periods import Period
from moit_wagtail.survey.results import SurveyResults
from tests.eservices_helpers import make_other_unit
from tests.personal_data_helpers import closed_submission
from tests.survey_helpers import current_fiscal_year, respond

pytestmark = pytest.mark.django_db
COMMAND = "anonymise_personal_data"
OLD, RECENT = 800, 300  # days since closing: past and within the default two years


@pytest.fixture(autouse=True)
def own_lock_dir(settings, tmp_path):
    settings.MOIT_LOCK_DIR = str(tmp_path / "locks")


def run(*args):
    out = StringIO()
    with translation.override("en"):
        call_command(COMMAND, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


def statistics(site):
    """What the public statistics and the admin counts are made of."""
    monthly = [stats.monthly_summary(site, months=36, kind=kind) for kind in (None, *Kind)]
    grouped = list(
        Submission.objects.order_by("kind", "topic", "status", "created_at")
        .values("site", "kind", "topic", "status", "created_at", "first_answered_at")
        .annotate(replies=Count("replies"))
    )
    return monthly, grouped


def test_the_default_retention_is_documented_and_used(site):
    setting = RetentionSettings.for_site(site)
    assert (setting.submission_months, setting.survey_comment_months) == (
        DEFAULT_SUBMISSION_MONTHS,
        DEFAULT_SURVEY_COMMENT_MONTHS,
    )
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    assert "anonymise_personal_data" in readme
    assert f"{DEFAULT_SUBMISSION_MONTHS} months" in readme


def test_closed_submissions_past_retention_are_erased_with_their_files(site):
    old = closed_submission(site, OLD)
    recent = closed_submission(site, RECENT)
    open_old = closed_submission(site, OLD, with_file=False)
    Submission.objects.filter(pk=open_old.pk).update(status="answered")  # never closed
    stored = Path(old.files.get().file.path)
    assert stored.is_file()
    secret = old.secret

    assert "1 submissions anonymised" in run()

    old.refresh_from_db()
    assert old.anonymised_at is not None
    for field in ("name", "email", "phone", "address", "subject", "details", "purpose"):
        assert getattr(old, field) == "", field
    assert old.secret != secret  # the emailed tracking link no longer opens it
    assert not SubmissionFile.objects.filter(submission=old).exists()
    assert not stored.exists()
    assert list(old.replies.values_list("message", "internal_note", "emailed_to")) == [
        ("", "", ""),
        ("", "", ""),
    ]
    # Kept: what the statistics count.
    assert (old.code, old.kind, old.topic, old.status) != ("", "", "", "")
    assert old.replies.count() == 2
    for kept in (recent, open_old):
        kept.refresh_from_db()
        assert kept.anonymised_at is None and kept.name == "สมชาย ใจกล้า"
    assert recent.files.count() == 1


def test_the_closing_date_is_the_last_closing_not_the_last_change(site):
    reopened = closed_submission(site, OLD, with_file=False)
    SubmissionReply.objects.create(submission=reopened, status="closed")  # closed again today
    assert "0 rows anonymised" in run()
    reopened.refresh_from_db()
    assert reopened.anonymised_at is None


def test_each_unit_keeps_data_as_long_as_its_own_setting_says(site):
    other_site, _groups = make_other_unit()
    setting = RetentionSettings.for_site(other_site)
    setting.submission_months = 6
    setting.save()
    here = closed_submission(site, RECENT, with_file=False)
    there = closed_submission(other_site, RECENT, with_file=False)
    run()
    here.refresh_from_db()
    there.refresh_from_db()
    assert here.anonymised_at is None
    assert there.anonymised_at is not None


def test_a_second_run_changes_nothing(site):
    old = closed_submission(site, OLD)
    run()
    first = Submission.objects.get(pk=old.pk)
    assert "0 rows anonymised" in run()
    again = Submission.objects.get(pk=old.pk)
    assert again.anonymised_at == first.anonymised_at
    assert again.secret == first.secret


def test_runs_in_batches(site):
    for _ in range(5):
        closed_submission(site, OLD, with_file=False)
    assert "5 submissions anonymised" in run("--batch-size", "2")
    assert not Submission.objects.filter(anonymised_at__isnull=True).exists()


def test_the_statistics_do_not_change(site, survey):
    for days in (OLD, OLD + 40, OLD + 100, RECENT):
        closed_submission(site, days)
    closed_submission(site, OLD, kind=Kind.INFORMATION_REQUEST, topic="")
    long_ago = timezone.localtime() - datetime.timedelta(days=400)
    respond(survey, long_ago, (5, 4, 3), "คุณสมศรีบริการดีมาก", CommentStatus.APPROVED)
    respond(survey, long_ago, (2, 2, 1), "ช้า", CommentStatus.HIDDEN)
    respond(survey, timezone.localtime(), (4, 4, 4), "ดี")
    periods = [Period(current_fiscal_year() - back) for back in range(3)]

    def survey_figures():
        figures = []
        for period in periods:
            results = SurveyResults(survey, period)
            for summary in [results.overall, results.year(), *results.per_aspect(),
                            *results.per_month(), *results.per_quarter()]:  # fmt: skip
                figures.append((summary.label, summary.responses, dict(summary.counts)))
        return figures

    statuses = list(SurveyResponse.objects.order_by("pk").values_list("comment_status", flat=True))
    before, survey_before = statistics(site), survey_figures()

    run()

    assert Submission.objects.filter(anonymised_at__isnull=False).count() == 4
    assert SurveyResponse.objects.filter(anonymised_at__isnull=False).count() == 2
    assert statistics(site) == before
    assert survey_figures() == survey_before
    assert (
        list(SurveyResponse.objects.order_by("pk").values_list("comment_status", flat=True))
        == statuses
    )


def test_survey_comments_past_retention_are_erased_scores_kept(site, survey):
    long_ago = timezone.localtime() - datetime.timedelta(days=400)
    old = respond(survey, long_ago, (5, 4, 3), "โทรหาผม 0812345678", CommentStatus.APPROVED)
    silent = respond(survey, long_ago, (3, 3, 3))
    recent = respond(survey, timezone.localtime(), (4, 4, 4), "ดี")
    assert "1 comments anonymised" in run()
    old.refresh_from_db()
    silent.refresh_from_db()
    recent.refresh_from_db()
    assert (old.comment, old.comment_status) == ("", CommentStatus.APPROVED)
    assert old.anonymised_at is not None
    assert sorted(old.ratings.values_list("score", flat=True)) == [3, 4, 5]
    assert silent.anonymised_at is None  # no comment: nothing personal to erase
    assert recent.comment == "ดี"


def test_dry_run_counts_and_writes_nothing(site, survey):
    old = closed_submission(site, OLD)
    respond(survey, timezone.localtime() - datetime.timedelta(days=400), (5, 5, 5), "ชื่อผม")
    output = run("--dry-run")
    assert "1 submissions would be anonymised" in output
    assert "1 comments would be anonymised" in output
    assert "2 rows would be anonymised in all" in output
    old.refresh_from_db()
    assert old.anonymised_at is None and old.name and old.files.count() == 1
    assert not SurveyResponse.objects.filter(anonymised_at__isnull=False).exists()


def test_a_second_concurrent_run_is_skipped(site):
    old = closed_submission(site, OLD, with_file=False)
    with locking.exclusive(COMMAND) as held:
        assert held
        assert "another run holds the lock" in run()
    old.refresh_from_db()
    assert old.anonymised_at is None
    run()
    old.refresh_from_db()
    assert old.anonymised_at is not None
