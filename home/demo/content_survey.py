"""Demo satisfaction survey (seed 1.10): a survey page, its results page and made-up answers.

Clearly demo data: the results page says so, and the answers come from a seeded random
generator (the same every run). About 40 answers spread over the last complete fiscal
year and a few in the current one, so both the default view and last year's have numbers;
some comments are approved, some wait for the admin, one is hidden.

Idempotent: pages are found by slug, and answers are only added to a survey that has none.
"""

import datetime
import random

from django.utils import timezone

from moit_wagtail.survey.models import (
    CommentStatus,
    SurveyAspect,
    SurveyPage,
    SurveyRating,
    SurveyResponse,
    SurveyResultsPage,
)

from .builder import child_by_slug, publish_new_page
from .specs import html, today

SURVEY_SLUG = "satisfaction-survey"
RESULTS_SLUG = "satisfaction-results"
ASPECTS = [
    ("ความทันสมัยของข้อมูล", "ข้อมูลบนเว็บไซต์เป็นปัจจุบัน"),
    ("ความครบถ้วนและถูกต้องของข้อมูล", ""),
    ("ความง่ายในการค้นหาข้อมูล", "หาสิ่งที่ต้องการได้เร็ว"),
    ("การออกแบบและความสวยงาม", ""),
    ("ความเร็วในการแสดงผล", ""),
]
COMMENTS = [
    ("อยากให้เพิ่มตารางเวรแพทย์เฉพาะทางในหน้าเว็บไซต์", CommentStatus.APPROVED),
    ("ค้นหาประกาศจัดซื้อจัดจ้างได้ง่ายขึ้นมาก ขอบคุณครับ", CommentStatus.APPROVED),
    ("ตัวอักษรบนมือถืออ่านง่ายดี", CommentStatus.APPROVED),
    ("ควรมีช่องทางติดตามเรื่องร้องเรียนที่ชัดเจนกว่านี้", CommentStatus.APPROVED),
    ("ข้อมูลสถิติบางหน้ายังไม่อัปเดต", CommentStatus.PENDING),
    ("อยากให้มีแผนที่การเดินทางมาที่หน่วยงาน", CommentStatus.PENDING),
    ("คลิกที่นี่รับเงินฟรี www.example.invalid", CommentStatus.HIDDEN),
]
LAST_YEAR_ANSWERS = 40
THIS_YEAR_ANSWERS = 8


def _new_survey():
    return SurveyPage(
        title="แบบประเมินความพึงพอใจต่อเว็บไซต์",
        slug=SURVEY_SLUG,
        intro=html(
            "โปรดให้คะแนนความพึงพอใจต่อเว็บไซต์ของหน่วยงาน เพื่อนำไปปรับปรุงการเผยแพร่ข้อมูล",
            "ใช้เวลาประมาณ 1 นาที ไม่ต้องระบุชื่อ",
        ),
        thank_you_text=html("ขอบคุณที่สละเวลาตอบแบบประเมิน ความคิดเห็นจะเผยแพร่เมื่อผู้ดูแลเว็บไซต์อนุมัติแล้ว"),
        aspects=[SurveyAspect(label=label, help_text=help_text) for label, help_text in ASPECTS],
    )


def _new_results(survey):
    return SurveyResultsPage(
        title="ผลการประเมินความพึงพอใจต่อเว็บไซต์",
        slug=RESULTS_SLUG,
        survey=survey,
        intro=html(
            "ระดับความพึงพอใจของผู้ใช้เว็บไซต์ รายเดือน รายไตรมาส และรายปีงบประมาณ "
            "(ข้อมูลตัวอย่างสำหรับการสาธิตระบบ)"
        ),
    )


def _moment(rng, first_day, days):
    day = first_day + datetime.timedelta(days=rng.randrange(days))
    naive = datetime.datetime.combine(day, datetime.time(rng.randrange(7, 22), rng.randrange(60)))
    return min(timezone.make_aware(naive), timezone.now())


def _scores(rng, aspects):
    mood = rng.choice([5, 5, 4, 4, 4, 3])
    return [(aspect, max(1, min(5, mood + rng.choice([-1, 0, 0, 0, 1])))) for aspect in aspects]


def _add_answers(survey, unit, approver):
    from moit_wagtail.dates import fiscal_year, fiscal_year_bounds

    rng = random.Random(f"survey-{unit.code}")
    aspects = list(survey.aspects.all())
    last_start, last_end = fiscal_year_bounds(fiscal_year(today()) - 1)
    this_start = last_end + datetime.timedelta(days=1)
    moments = [
        _moment(rng, last_start, (last_end - last_start).days + 1) for _ in range(LAST_YEAR_ANSWERS)
    ]
    moments += [
        _moment(rng, this_start, max(1, (today() - this_start).days + 1))
        for _ in range(THIS_YEAR_ANSWERS)
    ]
    comments = iter(COMMENTS)
    for number, moment in enumerate(sorted(moments)):
        # Every sixth answer carries the next comment, until the comments run out.
        no_comment = ("", CommentStatus.NONE)
        comment, status = next(comments, no_comment) if number % 6 == 2 else no_comment
        reviewed = status in (CommentStatus.APPROVED, CommentStatus.HIDDEN)
        response = SurveyResponse.objects.create(
            survey=survey,
            submitted_at=moment,
            comment=comment,
            comment_status=status,
            reviewed_by=approver if reviewed else None,
            reviewed_at=moment + datetime.timedelta(days=1) if reviewed else None,
        )
        SurveyRating.objects.bulk_create(
            SurveyRating(response=response, aspect=aspect, aspect_label=aspect.label, score=score)
            for aspect, score in _scores(rng, aspects)
        )


def build_survey(context, statistics_index):
    """The unit's survey and results pages under its 1.10 index, with demo answers.

    ``context`` is the loader's ``UnitContext`` (unit, editors, approver);
    ``statistics_index`` the unit's ``StatisticsIndexPage``. Returns (survey, results).
    """
    author, approver = context.editors[0], context.approver
    survey = child_by_slug(statistics_index, SURVEY_SLUG) or publish_new_page(
        statistics_index, _new_survey(), author, approver, published_days_ago=400
    )
    results = child_by_slug(statistics_index, RESULTS_SLUG) or publish_new_page(
        statistics_index, _new_results(survey), author, approver, published_days_ago=400
    )
    if not SurveyResponse.objects.filter(survey=survey).exists():
        _add_answers(survey, context.unit, approver)
    return survey, results
