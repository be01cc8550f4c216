"""Buddhist-era dates, Bangkok time and the October-September Thai fiscal year."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from moit_wagtail import dates

UTC = datetime.UTC
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


@pytest.fixture
def thai():
    with translation.override("th"):
        yield


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# -- format_date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.date(2026, 11, 27), "27 พฤศจิกายน 2569"),
        (datetime.date(2025, 1, 1), "1 มกราคม 2568"),
        (datetime.date(1997, 10, 2), "2 ตุลาคม 2540"),
        (datetime.datetime(2026, 11, 27, 9, 0, tzinfo=BANGKOK), "27 พฤศจิกายน 2569"),
    ],
)
def test_thai_dates_are_in_the_buddhist_era(thai, value, expected):
    assert dates.format_date(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.date(2026, 11, 27), "27 November 2026"),
        (datetime.date(2025, 1, 1), "1 January 2025"),
    ],
)
def test_english_dates_are_in_the_common_era(english, value, expected):
    assert dates.format_date(value) == expected


def test_short_month_names(thai):
    assert dates.format_date(datetime.date(2026, 11, 27), short=True) == "27 พ.ย. 2569"
    with translation.override("en"):
        assert dates.format_date(datetime.date(2026, 11, 27), short=True) == "27 Nov. 2026"


@pytest.mark.parametrize("value", [None, ""])
@pytest.mark.parametrize("language", ["th", "en"])
def test_empty_values_format_as_empty(value, language):
    with translation.override(language):
        assert dates.format_date(value) == ""
        assert dates.format_datetime(value) == ""


def test_aware_datetime_takes_the_bangkok_date(thai):
    # 18:00 UTC on 30 September is 01:00 on 1 October in Bangkok
    moment = datetime.datetime(2026, 9, 30, 18, 0, tzinfo=UTC)
    assert dates.format_date(moment) == "1 ตุลาคม 2569"
    with translation.override("en"):
        assert dates.format_date(moment) == "1 October 2026"


def test_aware_datetime_just_before_bangkok_midnight_keeps_its_day(thai):
    moment = datetime.datetime(2026, 9, 30, 16, 59, tzinfo=UTC)  # 23:59 in Bangkok
    assert dates.format_date(moment) == "30 กันยายน 2569"


def test_naive_datetime_is_taken_as_is(thai):
    assert dates.format_date(datetime.datetime(2026, 9, 30, 23, 30)) == "30 กันยายน 2569"


# -- format_datetime -------------------------------------------------------------------------


def test_thai_datetime_in_bangkok_time(thai):
    moment = datetime.datetime(2026, 11, 27, 3, 30, tzinfo=UTC)
    assert dates.format_datetime(moment) == "27 พฤศจิกายน 2569 10:30 น."


def test_english_datetime_in_bangkok_time(english):
    moment = datetime.datetime(2026, 11, 27, 3, 30, tzinfo=UTC)
    assert dates.format_datetime(moment) == "27 November 2026 10:30"


def test_datetime_crossing_midnight_changes_the_date(thai):
    moment = datetime.datetime(2026, 9, 30, 18, 5, tzinfo=UTC)
    assert dates.format_datetime(moment) == "1 ตุลาคม 2569 01:05 น."


# -- fiscal year -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.date(2026, 9, 30), 2569),
        (datetime.date(2026, 10, 1), 2570),
        (datetime.date(2025, 10, 1), 2569),
        (datetime.date(2026, 1, 1), 2569),
        (datetime.date(2026, 12, 31), 2570),
        (datetime.datetime(2026, 9, 30, 18, 0, tzinfo=UTC), 2570),  # 1 Oct in Bangkok
        (datetime.datetime(2026, 9, 30, 16, 59, tzinfo=UTC), 2569),  # still 30 Sep
    ],
)
def test_fiscal_year(value, expected):
    assert dates.fiscal_year(value) == expected


@pytest.mark.parametrize(
    "fy, bounds",
    [
        (2569, (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))),
        (2570, (datetime.date(2026, 10, 1), datetime.date(2027, 9, 30))),
    ],
)
def test_fiscal_year_bounds(fy, bounds):
    assert dates.fiscal_year_bounds(fy) == bounds


@pytest.mark.parametrize("fy", [2560, 2568, 2569, 2570])
def test_bounds_and_fiscal_year_agree(fy):
    first, last = dates.fiscal_year_bounds(fy)
    assert dates.fiscal_year(first) == dates.fiscal_year(last) == fy
    assert dates.fiscal_year(first - datetime.timedelta(days=1)) == fy - 1
    assert dates.fiscal_year(last + datetime.timedelta(days=1)) == fy + 1


@pytest.mark.parametrize(
    "month, quarter",
    [(10, 1), (11, 1), (12, 1), (1, 2), (3, 2), (4, 3), (6, 3), (7, 4), (9, 4)],
)
def test_fiscal_quarter(month, quarter):
    assert dates.fiscal_quarter(datetime.date(2026, month, 15)) == quarter


def test_fiscal_quarter_of_an_aware_datetime_uses_bangkok():
    assert dates.fiscal_quarter(datetime.datetime(2026, 9, 30, 18, 0, tzinfo=UTC)) == 1


def test_be_year():
    assert dates.be_year(2026) == 2569


# -- template filters ------------------------------------------------------------------------


def render(source, **context):
    return Template("{% load moit_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "language, expected", [("th", "27 พฤศจิกายน 2569"), ("en", "27 November 2026")]
)
def test_be_date_filter(language, expected):
    with translation.override(language):
        assert render("{{ d|be_date }}", d=datetime.date(2026, 11, 27)) == expected


@pytest.mark.parametrize(
    "language, expected",
    [("th", "1 ตุลาคม 2569 01:00 น."), ("en", "1 October 2026 01:00")],
)
def test_be_datetime_filter(language, expected):
    moment = datetime.datetime(2026, 9, 30, 18, 0, tzinfo=UTC)
    with translation.override(language):
        assert render("{{ d|be_datetime }}", d=moment) == expected


def test_be_date_short_and_fiscal_year_filters(thai):
    day = datetime.date(2026, 10, 1)
    assert render("{{ d|be_date_short }}", d=day) == "1 ต.ค. 2569"
    assert render("{{ d|fiscal_year }}", d=day) == "2570"


@pytest.mark.parametrize("name", ["be_date", "be_date_short", "be_datetime", "fiscal_year"])
def test_filters_render_missing_values_as_empty(thai, name):
    source = "[{{ d|NAME }}][{{ missing|NAME }}]".replace("NAME", name)
    assert render(source, d=None) == "[][]"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),  # clamped
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),  # leap year
        (datetime.date(2026, 11, 27), 2, datetime.date(2027, 1, 27)),  # over the year end
        (datetime.date(2026, 3, 31), -13, datetime.date(2025, 2, 28)),
        (datetime.date(2026, 9, 30), 0, datetime.date(2026, 9, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert dates.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        (1, datetime.date(2025, 12, 31)),
        (2, datetime.date(2026, 3, 31)),
        (3, datetime.date(2026, 6, 30)),
        (4, datetime.date(2026, 9, 30)),
    ],
)
def test_fiscal_quarter_end_of_fy2569(quarter, expected):
    assert dates.fiscal_quarter_end(2569, quarter) == expected
    assert dates.fiscal_year(expected) == 2569
    assert dates.fiscal_quarter(expected) == quarter
