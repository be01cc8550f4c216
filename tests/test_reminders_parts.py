"""Checklist parts in the review reminders: each unit's website admins hear which parts of
the MOIT list in force are overdue or due soon on their own site, in Thai, once a day."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.checklist.models import ItemEvidence
from moit_wagtail.models import Unit
from moit_wagtail.pages import models as pages
from moit_wagtail.reminders.digest import plan_reminders, send_reminders
from moit_wagtail.reminders.models import ReminderLog
from moit_wagtail.roles import ensure_unit_groups

pytestmark = pytest.mark.django_db

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
# Ten days after the first quarter of FY2570 closed: MOIT 1's two parts and MOIT 4's plan
# and conflict-of-interest check (all due in quarter 1) are overdue.
AFTER_Q1 = datetime.datetime(2027, 1, 10, 9, 0, tzinfo=BANGKOK)


@pytest.fixture
def own_admin(own_site, make_member, unit):
    return make_member("webadmin", unit.admins)


@pytest.fixture
def other_admin(other_site, make_member):
    Unit.objects.create(site=other_site, group_key="รพ.อื่น", unit_type="hospital")
    return make_member("otheradmin", ensure_unit_groups(other_site, "รพ.อื่น").admins)


def digest_to(user):
    [message] = [message for message in mail.outbox if message.to == [user.email]]
    return message


def test_the_digest_names_each_units_own_open_parts(
    moit, own_admin, other_admin, make_page, monkeypatch
):
    assert moit.fiscal_year >= 2570
    item = moit.items.get(code="MOIT 1")
    first, second = item.parts.order_by("number")
    framework_page = make_page(pages.AgencyDocumentPage, title="กรอบแนวทางการเผยแพร่ข้อมูล")
    pages.PublicationPage.objects.filter(pk=framework_page.pk).update(
        last_published_at=datetime.datetime(2026, 11, 2, tzinfo=BANGKOK), review_by=None
    )
    ItemEvidence.objects.create(item=item, part=first, page=framework_page)

    send_reminders(plan_reminders(within_days=14, now=AFTER_Q1))

    own = digest_to(own_admin)
    assert "MOIT 1 ส่วนที่ 2" in own.body
    assert second.title_th in own.body
    assert "MOIT 1 ส่วนที่ 1" not in own.body  # its evidence is current
    assert "MOIT 4 ส่วนที่ 1" in own.body
    assert "เลยกำหนด 10 วัน" in own.body
    assert "กำหนด 31 ธันวาคม 2569" in own.body  # the end of quarter 1, Buddhist year
    assert "/admin/moit/monitoring/coverage/" in own.body
    html, _mimetype = own.alternatives[0]
    assert "MOIT 1 ส่วนที่ 2" in html.replace("</strong>", "").replace("<strong>", "")

    other = digest_to(other_admin)
    assert "MOIT 1 ส่วนที่ 1" in other.body  # the other unit has no evidence of its own
    assert "http://other.example/admin/" in other.body  # its own host, not ours

    log = ReminderLog.objects.get(recipient=own_admin)
    assert log.count == own.body.count("\n   - ")  # one line of status per part
    send_reminders(plan_reminders(within_days=14, now=AFTER_Q1))
    assert len(mail.outbox) == 2  # once a day


def test_parts_not_yet_due_wait(moit, own_admin):
    early = datetime.datetime(2026, 10, 5, 9, 0, tzinfo=BANGKOK)  # quarter 1 just began
    send_reminders(plan_reminders(within_days=14, now=early))
    assert mail.outbox == []


def test_a_unit_without_admins_is_warned_about_its_parts(moit, own_site):
    plan = plan_reminders(within_days=14, now=AFTER_Q1)
    assert plan.reminders == []
    assert any("nobody to remind" in warning or "ไม่มีผู้" in warning for warning in plan.warnings)


def test_queries_do_not_grow_with_the_number_of_units(
    moit, own_admin, other_site, other_admin, home_page, make_member
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            plan_reminders(within_days=14, now=AFTER_Q1)
        return len(captured)

    few = queries()
    for number in range(4):
        home = HomePage(title=f"รพ.สต.{number}", slug=f"unit-{number}")
        Page.get_first_root_node().add_child(instance=home)
        site = Site.objects.create(hostname=f"unit{number}.example", root_page=home)
        Unit.objects.create(site=site, group_key=f"รพ.สต.{number}", unit_type="hospital")
        make_member(f"admin{number}", ensure_unit_groups(site, f"รพ.สต.{number}").admins)
    many = queries()
    assert many == few, (few, many)
