"""Buddhist-era years wherever the admin shows a date to a Thai reader
(``moit_wagtail/buddhist_era.py``), machine formats left alone, relative times wholly Thai."""

import datetime
import re
import zoneinfo

import pytest
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template import Context, Template
from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_last_update, timesince_simple
from wagtail.utils.timestamps import render_timestamp

from moit_wagtail.buddhist_era import for_people
from moit_wagtail.pages import models as pages
from tests import factories

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
MOMENT = datetime.datetime(2027, 12, 3, 9, 30, tzinfo=BANGKOK)
ASCII_LETTERS = re.compile(r"[A-Za-z]")


def render(source, **context):
    return Template(source).render(Context(context)).strip()


# -- the date filter and Django's formats -----------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime.date(2027, 12, 3), "3 ธันวาคม 2570"),
        (datetime.date(2026, 12, 3), "3 ธันวาคม 2569"),
        (MOMENT, "3 ธันวาคม 2570"),
    ],
)
def test_date_filter_in_thai_shows_the_buddhist_year(value, expected):
    with translation.override("th"):
        assert render('{{ d|date:"j F Y" }}', d=value) == expected


def test_date_filter_in_english_stays_gregorian():
    with translation.override("en"):
        assert render('{{ d|date:"j F Y" }}', d=datetime.date(2027, 12, 3)) == "3 December 2027"
        assert render("{{ d }}", d=datetime.date(2027, 12, 3)) == "Dec. 3, 2027"


@pytest.mark.parametrize(
    "machine_format", ["c", "r", "U", "o", "Y-m-d", "Ymd", "Y-m-d H:i", "YmdHis"]
)
def test_machine_formats_are_the_same_in_thai_and_english(machine_format):
    source = f'{{{{ d|date:"{machine_format}" }}}}'
    with translation.override("en"):
        english = render(source, d=MOMENT)
    with translation.override("th"):
        thai = render(source, d=MOMENT)
    assert thai == english
    assert "2570" not in thai


def test_iso_format_is_unchanged_in_thai():
    with translation.override("th"):
        assert render('{{ d|date:"c" }}', d=MOMENT) == "2027-12-03T09:30:00+07:00"


@pytest.mark.parametrize(
    "format_name, expected",
    [
        ("DATE_FORMAT", "3 ธันวาคม 2570"),
        ("DATETIME_FORMAT", "3 ธันวาคม 2570, 9:30"),
        ("SHORT_DATE_FORMAT", "3 ธ.ค. 2570"),
        ("SHORT_DATETIME_FORMAT", "3 ธ.ค. 2570, 9:30"),
        ("YEAR_MONTH_FORMAT", "ธันวาคม 2570"),
        ("d/m/Y", "03/12/2570"),
        ("j M y", "3 ธ.ค. 70"),
        ("Y", "2570"),
    ],
)
def test_every_thai_format_for_people_shows_the_buddhist_year(format_name, expected):
    with translation.override("th"):
        assert formats.date_format(MOMENT, format_name) == expected


def test_localised_values_and_wagtail_timestamps_are_buddhist_era_in_thai():
    with translation.override("th"):
        assert render("{{ d }}", d=MOMENT) == "3 ธันวาคม 2570, 9:30"
        assert render_timestamp(MOMENT) == "3 ธันวาคม 2570, 9:30"
    with translation.override("en"):
        assert "2027" in render_timestamp(MOMENT)


def test_no_active_language_stays_gregorian():
    """Commands and logs run untranslated: English month names with a Gregorian year."""
    translation.deactivate_all()
    assert formats.date_format(MOMENT, "j F Y") == "3 December 2027"


def test_human_readable_date_tooltip_is_buddhist_era_and_its_attribute_iso():
    with translation.override("th"):
        html = render("{% load wagtailadmin_tags %}{% human_readable_date d %}", d=MOMENT)
    assert 'data-w-tooltip-content-value="3 ธันวาคม 2570, 9:30"' in html
    assert 'datetime="2027-12-03T09:30:00+07:00"' in html


@pytest.mark.parametrize(
    "formatstr, people",
    [
        ("j F Y", True),
        ("d/m/Y", True),
        ("F Y", True),
        ("Y", True),
        ("Y F j", True),  # words: read by people whatever the order
        ("Y-m-d", False),
        ("Y-m-d H:i", False),
        ("Ymd", False),
        (r"\Y-m-d", True),  # an escaped Y is text, the day/month order decides
    ],
)
def test_which_formats_are_for_people(formatstr, people):
    assert for_people(formatstr) is people


# -- Wagtail's screens, through the test client -----------------------------------------------


def be_words(moment):
    local = timezone.localtime(moment)
    with translation.override("th"):
        month = str(MONTHS[local.month])
    return f"{local.day} {month} {local.year + 543}", f"{local.day} {month} {local.year},"


@pytest.fixture
def requested_page(unit, make_member, category_indexes):
    """A law page an editor of the unit submitted to the publishing workflow."""
    editor = make_member("editor1", unit.editors, "สมศรี")
    parent = category_indexes[pages.LawIndexPage]
    page = factories.build_page(pages.LawPage, editor, slug="rules", live=False)
    parent.add_child(instance=page)
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    return page, state, editor


def test_workflow_and_page_history_show_buddhist_era_years(client, requested_page):
    page, state, editor = requested_page
    client.force_login(editor)
    thai_date, gregorian_date = be_words(state.created_at)
    screens = [
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/pages/{page.pk}/workflow_history/detail/{state.pk}/",
        f"/admin/pages/{page.pk}/history/",
        "/admin/",  # the dashboard's "awaiting approval" and "your recent edits" panels
    ]
    for url in screens:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert thai_date in html, url
        assert gregorian_date not in html, url
    # The status side panel: saved today, so a time and no date; never a Gregorian year.
    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert gregorian_date not in editor_html
    detail = client.get(screens[1]).content.decode()
    assert re.search(rf"<b>{thai_date}, \d{{1,2}}:\d{{2}}</b>", detail)


def test_admin_listings_and_reports_show_buddhist_era_years(
    admin_client, admin_user, requested_page, make_page, make_document
):
    page, _state, _editor = requested_page
    page.refresh_from_db()
    live = make_page(pages.LawPage, slug="live-rule")
    live.locked, live.locked_by, live.locked_at = True, admin_user, timezone.now()
    live.save()
    make_document("plan.pdf")
    thai_date, gregorian_date = be_words(page.latest_revision_created_at)
    for url in [
        f"/admin/pages/{page.get_parent().pk}/",  # the explorer's "Updated"
        "/admin/documents/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert thai_date in html, url
        assert gregorian_date not in html, url


def test_english_admin_keeps_gregorian_years(admin_client, admin_user, requested_page):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    page, state, _editor = requested_page
    html = admin_client.get(f"/admin/pages/{page.pk}/workflow_history/").content.decode()
    local = timezone.localtime(state.created_at)
    assert f"{local.year}" in html
    assert f"{local.year + 543}" not in html


# -- relative times ---------------------------------------------------------------------------

DELTAS = [
    datetime.timedelta(minutes=3),
    datetime.timedelta(hours=5, minutes=10),
    datetime.timedelta(days=2, hours=1),
    datetime.timedelta(weeks=3),
    datetime.timedelta(days=75),
    datetime.timedelta(days=800),
]


@pytest.mark.parametrize("delta", DELTAS, ids=str)
def test_relative_times_are_wholly_thai(delta):
    now = timezone.now()
    with translation.override("th"):
        texts = [
            timesince_simple(now - delta),
            naturaltime(now - delta),
            naturaltime(now + delta + datetime.timedelta(seconds=30)),
        ]
        if delta.days:
            texts.append(timesince_last_update(now - delta))
            texts.append(timesince_last_update(now - delta, use_shorthand=False))
    for text in texts:
        assert not ASCII_LETTERS.search(text), text
        assert re.search(r"\d", text), text
    assert texts[0].endswith("ที่ผ่านมา") and texts[1].endswith("ที่ผ่านมา")
    assert texts[2].startswith("อีก")


def test_relative_times_stay_english_in_english():
    with translation.override("en"):
        text = timesince_simple(timezone.now() - datetime.timedelta(minutes=3))
    assert text == "3\xa0minutes ago"


def test_workflow_status_text_is_thai(requested_page):
    from wagtail.admin.templatetags.wagtailadmin_tags import workflow_status_with_date

    _page, state, _editor = requested_page
    state.current_task_state.started_at = timezone.now() - datetime.timedelta(days=3)
    with translation.override("th"):
        text = str(workflow_status_with_date(state))
    assert "3" in text
    assert not re.search(r"\b(ago|days?|hours?|minutes?)\b", text), text
