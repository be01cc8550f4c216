"""Serving the survey (GET, POST, thank-you) and its results page.

Caching: the form embeds a CSRF token tied to the visitor's cookie, and the anonymous
page cache (``moit_wagtail.page_cache``) sits inside the CSRF middleware, so it cannot see
the cookie that middleware adds. The form therefore sends ``Cache-Control: private,
no-store``, which the page cache never stores. The results page is not cached either:
it must show a response as soon as it is sent, and flushing every cached page of every
unit on each anonymous submission would let anyone empty the cache; its numbers come from
a fixed number of grouped queries.
"""

from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext

from . import charts, ratelimit
from .forms import SurveyForm
from .models import CommentStatus, SurveyRating, SurveyResponse
from .periods import current_period, parse_period, period_choices
from .results import SurveyResults, fiscal_years_with_responses

COMMENTS_PER_PAGE = 10


def uncached(response):
    add_never_cache_headers(response)
    return response


@transaction.atomic
def save_response(survey, form):
    comment = form.cleaned_data["comment"]
    response = SurveyResponse.objects.create(
        survey=survey,
        comment=comment,
        comment_status=CommentStatus.PENDING if comment else CommentStatus.NONE,
    )
    SurveyRating.objects.bulk_create(
        SurveyRating(response=response, aspect=aspect, aspect_label=aspect.label, score=score)
        for aspect, score in form.scores()
    )
    return response


def survey_form_view(survey, request):
    aspects = survey.aspects.all()
    status = 200
    if request.method == "POST" and survey.accepting_responses:
        form = SurveyForm(request.POST, survey=survey, aspects=aspects)
        thanks = redirect(survey.get_url(request) + survey.reverse_subpage("thanks"))
        if form.is_robot():
            ratelimit.record(request, survey.pk)
            return thanks  # look like a success: nothing to learn for the robot
        # The answer is counted before it is stored, and stored only if it was allowed:
        # parallel posts can never store more than the limit.
        limited = ratelimit.is_limited(request, survey.pk)
        if not limited and form.is_valid():
            if ratelimit.record(request, survey.pk):
                save_response(survey, form)
                return thanks
            limited = True
        if limited:
            form.is_valid()  # keep the typed values and show their errors too
            form.add_error(
                None,
                gettext(
                    "You have sent this survey several times in a short while. "
                    "Please try again in %(minutes)s minutes."
                )
                % {"minutes": ratelimit.window_minutes()},
            )
            status = 429
        else:
            status = 400
    else:
        form = SurveyForm(survey=survey, aspects=aspects)
    response = survey.render(
        request,
        context_overrides={"form": form, "results_page": survey.results_page()},
        template="moit_survey/survey_page.html",
    )
    response.status_code = status
    return uncached(response)


def thanks_view(survey, request):
    # No form and nothing personal here: the page cache may keep it.
    return survey.render(
        request,
        context_overrides={"thanks": True, "results_page": survey.results_page()},
        template="moit_survey/survey_page.html",
    )


def chart_context(results):
    overall = results.overall
    aspects = results.per_aspect()
    months = results.per_month()
    aspect_bars, aspect_height = charts.horizontal_bars(
        [(row.label, row.average, _score_text(row.average)) for row in aspects]
    )
    return {
        "overall": overall,
        "aspects": aspects,
        "aspect_bars": aspect_bars,
        "aspect_chart_height": aspect_height,
        "distribution_bars": charts.columns(
            [(str(score), count, f"{count}") for score, count, _pct in overall.distribution()]
        ),
        "months": months,
        "month_bars": charts.columns(
            [
                (str(MONTHS_AP[month]), row.responses, str(row.responses))
                for (_year, month), row in zip(results.fy_months, months, strict=True)
            ]
        ),
        "quarters": results.per_quarter(),
        "year": results.year(),
    }


def _score_text(value):
    return "-" if value is None else f"{value:.2f}"


def results_view(page, request):
    survey = page.survey
    context = {"period_error": ""}
    period = parse_period(request.GET.get("period")) if request.GET.get("period") else None
    if request.GET.get("period") and period is None:
        context["period_error"] = gettext(
            "That period is not one we know; showing the current fiscal year instead."
        )
    period = period or current_period()
    if survey is not None:
        results = SurveyResults(survey, period)
        start, end = period.bounds()
        comments = (
            SurveyResponse.objects.filter(
                survey=survey,
                comment_status=CommentStatus.APPROVED,
                submitted_at__gte=start,
                submitted_at__lt=end,
            )
            .exclude(comment="")
            .only("submitted_at", "comment")
        )
        years = fiscal_years_with_responses(survey) | {current_period().fy, period.fy}
        context.update(
            chart_context(results),
            comments=Paginator(comments, COMMENTS_PER_PAGE).get_page(request.GET.get("page")),
            period_choices=period_choices(years),
        )
    context.update(period=period, survey=survey)
    response = TemplateResponse(
        request, page.get_template(request), {**page.get_context(request), **context}
    )
    return uncached(response)
