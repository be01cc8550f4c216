"""Admin date inputs (``moit_wagtail/date_inputs.py``): values stay Gregorian ISO, the B.E.
date in words beside them, and a B.E. year typed by hand is saved as the Gregorian date."""

import datetime
import re
import zoneinfo

import pytest
from django import forms
from django.utils import translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.test.utils.form_data import rich_text

from moit_wagtail import date_inputs
from moit_wagtail.date_inputs import AdminDateField, AdminDateTimeField, hint, to_ce
from moit_wagtail.pages import models as pages
from moit_wagtail.reminders.review import ReviewedForm
from moit_wagtail.traffic.views import TrafficExportForm
from tests.factories import create_url, form_values

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


# -- reading what was typed --------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, saved",
    [
        ("2570-12-03", "2027-12-03"),
        ("2027-12-03", "2027-12-03"),
        ("2570-12-03 09:30", "2027-12-03 09:30"),
        (" ๒๕๗๐-๑๒-๐๓ ", "2027-12-03"),
        ("03/12/2570", "03/12/2027"),
        ("2399-01-01", "2399-01-01"),
        ("2400-01-01", "1857-01-01"),
        ("", ""),
        (None, None),
    ],
)
def test_a_year_from_2400_is_read_as_buddhist_era(typed, saved):
    assert to_ce(typed) == saved


def test_wagtails_own_widgets_read_buddhist_years():
    """Wagtail builds these widgets itself (publishing panel, filters): the class is changed."""
    assert AdminDateInput().value_from_datadict({"d": "2570-12-03"}, {}, "d") == "2027-12-03"
    widget = AdminDateTimeInput(js_overlay_parent_selector="#dialog")
    assert widget.value_from_datadict({"d": "2570-12-03 09:30"}, {}, "d") == "2027-12-03 09:30"


class MomentForm(forms.Form):
    day = AdminDateField()
    at = AdminDateTimeField()


def test_fields_save_the_gregorian_date_of_a_buddhist_year():
    form = MomentForm(data={"day": "2570-12-03", "at": "2570-12-03 09:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2027, 12, 3)
    assert form.cleaned_data["at"] == datetime.datetime(2027, 12, 3, 9, 30, tzinfo=BANGKOK)


@pytest.mark.parametrize("nonsense", ["2570-13-45", "2570-02-29", "พรุ่งนี้", "12345-01-01"])
def test_nonsense_gets_a_message_saying_how_to_type_a_date(nonsense):
    form = MomentForm(data={"day": nonsense, "at": f"{nonsense} 09:30"})
    assert not form.is_valid()
    assert form.errors["day"] == [str(AdminDateField.default_error_messages["invalid"])]
    assert form.errors["at"] == [str(AdminDateTimeField.default_error_messages["invalid"])]


def test_the_message_is_thai_for_thai_users():
    with translation.override("th"):
        form = MomentForm(data={"day": "2570-13-45", "at": "x"})
        form.is_valid()
        message, time_message = form.errors["day"][0], form.errors["at"][0]
    assert message.startswith("กรุณากรอกวันที่") and "2570-12-03" in message
    assert time_message.startswith("กรุณากรอกวันที่และเวลา")


def test_our_own_admin_forms_read_buddhist_years():
    review = ReviewedForm(data={"review_by": "2571-01-15"})
    assert review.is_valid(), review.errors
    assert review.cleaned_data["review_by"] == datetime.date(2028, 1, 15)
    export = TrafficExportForm(data={"date_from": "2569-11-01", "date_to": "2569-11-30"})
    export.is_valid()
    assert export.cleaned_data["date_from"] == datetime.date(2026, 11, 1)


# -- the hint beside the input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value, with_time, expected",
    [
        (datetime.date(2027, 12, 3), False, "B.E. 2570: 3 December 2570"),
        ("2027-12-03", False, "B.E. 2570: 3 December 2570"),
        ("2570-12-03", False, "B.E. 2570: 3 December 2570 (saved as 2027-12-03)"),
        ("2571-02-29", False, "B.E. 2571: 29 February 2571 (saved as 2028-02-29)"),
        ("2027-12-03 09:30", True, "B.E. 2570: 3 December 2570, 09:30"),
        ("2027-12-03", True, "B.E. 2570: 3 December 2570"),
        ("", False, ""),
        (None, True, ""),
    ],
)
def test_hint_in_english(value, with_time, expected):
    with translation.override("en"):
        assert hint(value, with_time) == expected


@pytest.mark.parametrize("typed", ["2570-02-29", "2027-12-03 09:30", "03/12/2570", "soon"])
def test_hint_for_what_is_not_a_date_says_how_to_type_one(typed):
    """2570 B.E. is 2027, not a leap year; a date input takes no time; the picker writes ISO."""
    with translation.override("en"):
        assert hint(typed).startswith("Not a date yet: type YYYY-MM-DD")


def test_hint_in_thai():
    with translation.override("th"):
        assert hint(datetime.date(2027, 12, 3)) == "พ.ศ. 2570: 3 ธันวาคม 2570"
        assert hint("2570-12-03 09:30", with_time=True) == (
            "พ.ศ. 2570: 3 ธันวาคม 2570 เวลา 09:30 น. (บันทึกเป็น ค.ศ. 2027-12-03 09:30)"
        )


def test_hint_texts_for_the_script_come_from_the_catalogue():
    with translation.override("th"):
        strings = date_inputs.hint_strings()
    assert strings["months"][11] == "ธันวาคม"
    assert strings["be"] == "พ.ศ. %(year)s: %(date)s"
    assert strings["date_time"] == "%(date)s เวลา %(time)s น."
    assert strings["saved_as"] == "%(hint)s (บันทึกเป็น ค.ศ. %(iso)s)"
    assert strings["invalid_date"].startswith("ยังอ่านเป็นวันที่ไม่ได้")
    assert strings["invalid_datetime"].startswith("ยังอ่านเป็นวันที่และเวลาไม่ได้")
    assert strings["offset"] == 543 and strings["first_be_year"] == 2400


# -- the page editor --------------------------------------------------------------------------


def law_data(client, parent, owner, **dates):
    data = form_values(client.get(create_url(parent)).content.decode())
    data.update(
        title="ประกาศหลักเกณฑ์",
        slug="rules",
        law_type="announcement",
        issuer="สำนักงานสาธารณสุขจังหวัด",
        source_url="https://example.go.th/rules",
        source="ประกาศสำนักงานสาธารณสุขจังหวัด",
        summary="สรุป",
        body=rich_text("<p>เนื้อหา</p>"),
        owner_unit="กลุ่มงานบริหารทั่วไป",
        responsible_person=str(owner.pk),
        **dates,
    )
    return data


@pytest.mark.django_db
def test_buddhist_years_typed_in_the_page_editor_save_gregorian_dates(
    admin_client, law_index, make_member, unit
):
    data = law_data(
        admin_client,
        law_index,
        make_member("writer", unit.editors, "สมศรี"),  # the person responsible: unit staff
        issued_on="2540-09-10",
        data_period_start="2569-10-01",
        review_by="2571-09-30",
        go_live_at="2571-01-02 08:00",
    )
    response = admin_client.post(create_url(law_index), {**data, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page = pages.LawPage.objects.get(slug="rules")
    assert page.issued_on == datetime.date(1997, 9, 10)
    assert page.data_period_start == datetime.date(2026, 10, 1)
    assert page.review_by == datetime.date(2028, 9, 30)
    assert page.go_live_at == datetime.datetime(2028, 1, 2, 8, 0, tzinfo=BANGKOK)
    assert not page.live  # scheduled for the go-live date


@pytest.mark.django_db
def test_nonsense_in_the_page_editor_names_the_field_with_the_clear_message(
    admin_client, admin_user, law_index
):
    data = law_data(
        admin_client, law_index, admin_user, issued_on="2570-13-45", go_live_at="tomorrow"
    )
    response = admin_client.post(create_url(law_index), {**data, "action-publish": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["issued_on"] == [str(AdminDateField.default_error_messages["invalid"])]
    assert errors["go_live_at"] == [str(AdminDateTimeField.default_error_messages["invalid"])]
    assert not pages.LawPage.objects.exists()


@pytest.mark.django_db
def test_the_editor_shows_the_hint_beside_iso_inputs(
    admin_client,
    make_page,
):
    page = make_page(pages.LawPage)
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    values = form_values(html)
    assert values["data_period_start"] == "2025-10-01"  # the stored value: C.E., ISO
    assert 'id="id_data_period_start-be-hint"' in html
    assert "พ.ศ. 2568: 1 ตุลาคม 2568</span>" in html
    field = re.search(r'<input[^>]*name="data_period_start"[^>]*>', html).group(0)
    described_by = re.search(r'aria-describedby="([^"]*)"', field).group(1).split()
    assert "id_data_period_start-be-hint" in described_by
    assert 'data-moit-be-date="date"' in field
    assert 'data-moit-be-date="datetime"' in html  # go-live and expiry, in the schedule dialog
    assert 'id="id_go_live_at-be-hint"' in html
    assert 'id="moit-be-hint-strings"' in html and "moit_wagtail/js/be-date-hint.js" in html


@pytest.mark.django_db
def test_a_report_filter_reads_a_buddhist_year(admin_client, make_page):
    """Wagtail's aging-pages filter builds its own AdminDateInput."""
    make_page(pages.LawPage)
    response = admin_client.get("/admin/reports/aging-pages/?last_published_at=2580-01-01")
    assert response.status_code == 200
    form = response.context["filters"].form
    assert form.is_valid()
    assert form.cleaned_data["last_published_at"].date() == datetime.date(2037, 1, 1)
