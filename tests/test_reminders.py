"""Review reminders (seed 3.2): one Thai digest per person, escalation to the unit's admins,
never twice a day, a fixed number of queries whatever the number of pages."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import ngettext
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.checklist.models import Framework
from moit_wagtail.dates import format_date
from moit_wagtail.models import AgencyProfile, Unit
from moit_wagtail.pages import models as pages
from moit_wagtail.reminders.digest import plan_reminders, send_reminders
from moit_wagtail.reminders.models import ReminderLog
from moit_wagtail.roles import ensure_unit_groups
from tests import factories

pytestmark = pytest.mark.django_db

OTHER_UNIT = "รพ.ทดสอบ"


@pytest.fixture(autouse=True)
def _no_checklist_dues(db):
    """Reminders of pages, apart from the checklist: the shipped lists' due quarters would
    make what is sent depend on the day the tests run (test_reminders_parts covers them)."""
    Framework.objects.all().delete()


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def admins(unit, site, make_member):
    return [make_member("webadmin1", unit.admins), make_member("webadmin2", unit.admins)]


@pytest.fixture
def other_unit(home_page, make_member, editor):
    """A second unit (its own site, profile and admins) with one long-overdue item."""
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="รพ.ทดสอบ", slug="other-home", welcome="")
    )
    other = Site.objects.create(hostname="other.test", root_page=home, site_name=OTHER_UNIT)
    AgencyProfile.objects.create(site=other, name_th="โรงพยาบาลทดสอบ")
    Unit.objects.create(site=other, group_key=OTHER_UNIT, unit_type="hospital")
    groups = ensure_unit_groups(other, OTHER_UNIT)
    admin = make_member("otheradmin", groups.admins)
    law = factories.publish(
        factories.build_page(pages.LawPage, editor, title="กฎหมายของโรงพยาบาล", slug="o-law"),
        home,
    )
    due(law, -30)
    return admin


def today():
    return timezone.localdate()


def due(page, days, **values):
    """Make ``page`` need attention only for its review date, ``days`` from today."""
    pages.PublicationPage.objects.filter(pk=page.pk).update(
        review_by=today() + datetime.timedelta(days=days),
        data_period_end=None,
        expire_at=None,
        last_published_at=timezone.now() - datetime.timedelta(days=1),
        **values,
    )
    return pages.PublicationPage.objects.get(pk=page.pk)


def law(make_page, title, days, **values):
    page = make_page(pages.LawPage, title=title, slug=f"law-{abs(days)}-{len(title)}")
    return due(page, days, **values)


def in_thai(singular, plural, count):
    """What the email says (the site language), whether or not Thai is translated yet."""
    with translation.override("th"):
        return ngettext(singular, plural, count) % {"days": count}


def run(*args):
    """The command's own report in English (emails follow each recipient's language)."""
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("send_review_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def emails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_digest_lists_each_item_with_reasons_be_dates_and_edit_links(admins, make_page, editor):
    overdue = law(make_page, "ประกาศที่เลยกำหนดทบทวน", -3)
    soon = law(make_page, "ระเบียบที่ใกล้ถึงกำหนด", 10)
    later = law(make_page, "คำสั่งที่ยังไม่ถึงกำหนด", 60)

    out, err = run()

    [message] = mail.outbox  # nothing overdue long enough to escalate
    assert message.to == [editor.email]
    body = message.body
    assert overdue.title in body and soon.title in body and later.title not in body
    overdue_day = today() - datetime.timedelta(days=3)
    assert format_date(overdue_day) in body  # Thai month, Buddhist year
    assert str(overdue_day.year + 543) in body
    assert in_thai("overdue by %(days)s day", "overdue by %(days)s days", 3) in body
    assert in_thai("due in %(days)s day", "due in %(days)s days", 10) in body
    assert f"http://testserver/admin/pages/{overdue.pk}/edit/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="http://testserver/admin/pages/{soon.pk}/edit/"' in html
    assert "2" in message.subject
    assert len(out.strip().splitlines()) == 1
    assert "1 digest(s) and 0 escalation(s) about 2 item(s)" in out
    assert err == ""


def test_a_second_run_the_same_day_sends_nothing(admins, make_page):
    law(make_page, "ประกาศที่เลยกำหนดทบทวน", -3)
    run()
    out, _err = run()
    assert len(mail.outbox) == 1
    assert "0 digest(s)" in out and "1 already sent today" in out
    log = ReminderLog.objects.get()
    assert (log.kind, log.sent_on, log.count) == (ReminderLog.DIGEST, today(), 1)


def test_the_next_day_sends_again(admins, make_page):
    page = law(make_page, "ประกาศที่เลยกำหนดทบทวน", -3)
    now = timezone.now()
    send_reminders(plan_reminders(now=now))
    send_reminders(plan_reminders(now=now))
    send_reminders(plan_reminders(now=now + datetime.timedelta(days=1)))
    assert len(mail.outbox) == 2
    assert in_thai("overdue by %(days)s day", "overdue by %(days)s days", 4) in mail.outbox[1].body
    assert list(ReminderLog.objects.values_list("page_ids", flat=True)) == [[page.pk]] * 2


def test_escalation_after_the_delay_goes_to_the_units_own_admins(
    admins, other_unit, make_page, make_member, unit
):
    retired = make_member("retired", unit.admins)
    retired.is_active = False
    retired.save()
    law(make_page, "ประกาศเลยกำหนดสิบวัน", -10)
    long_overdue = law(make_page, "ประกาศเลยกำหนดยี่สิบวัน", -20)

    out, _err = run("--escalate-after", "14")

    for admin in admins:
        [escalation] = emails_to(admin.email)
        assert long_overdue.title in escalation.body
        assert "เลยกำหนดสิบวัน" not in escalation.body
        assert "สมศรี ใจดี" in escalation.body  # who is responsible
    [other] = emails_to(other_unit.email)
    assert "กฎหมายของโรงพยาบาล" in other.body and long_overdue.title not in other.body
    assert emails_to(retired.email) == []
    assert "3 escalation(s)" in out

    mail.outbox.clear()
    ReminderLog.objects.all().delete()
    run("--escalate-after", "30")
    assert [message.to for message in mail.outbox] == [["editor@example.go.th"]]


def test_items_nobody_can_receive_go_to_the_unit_admins(admins, make_page, django_user_model):
    gone = django_user_model.objects.create_user("gone", "gone@example.go.th", is_active=False)
    no_email = django_user_model.objects.create_user("noemail", "")
    law(make_page, "ไม่มีผู้รับผิดชอบ", -30, responsible_person=None)  # no escalation on top
    law(make_page, "ผู้รับผิดชอบลาออก", 5, responsible_person=gone)
    law(make_page, "ผู้รับผิดชอบไม่มีอีเมล", 7, responsible_person=no_email)

    run()

    for admin in admins:
        [digest] = emails_to(admin.email)
        for title in ("ไม่มีผู้รับผิดชอบ", "ผู้รับผิดชอบลาออก", "ผู้รับผิดชอบไม่มีอีเมล"):
            assert title in digest.body
    assert len(mail.outbox) == 2


def test_a_unit_without_admins_gets_a_warning_not_a_guess(home_page, unit, make_page, admin_user):
    law(make_page, "ไม่มีผู้รับผิดชอบ", -1, responsible_person=None)
    out, err = run()
    assert mail.outbox == []  # the superuser is not a fallback
    assert "nobody to remind about 1 item(s)" in err
    assert "0 digest(s)" in out


def test_dry_run_prints_and_sends_nothing(admins, make_page, editor):
    law(make_page, "ประกาศที่เลยกำหนดทบทวน", -30)
    out, _err = run("--dry-run")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert f"Would send the digest to the person responsible to {editor.email}: 1 item(s)" in out
    assert f"Would send the escalation to the website admins to {admins[0].email}" in out
    assert out.strip().splitlines()[-1].startswith("Dry run, nothing sent: 1 digest(s)")
    run()
    assert len(mail.outbox) == 3  # the dry run did not use up today's reminders


def command_queries():
    with CaptureQueriesContext(connection) as queries:
        run()
    ReminderLog.objects.all().delete()
    mail.outbox.clear()
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_pages(
    admins, make_page, editor, make_document, category_indexes
):
    """Two recipients of digests, two admins escalated to: the same queries for 2 or 20
    pages. Sending costs a few queries per email, nothing per page."""
    law(make_page, "ประกาศหนึ่ง", -30)
    law(make_page, "ประกาศสอง", -2, responsible_person=admins[0])
    few = command_queries()

    bulk = factories.add_live_children(
        category_indexes[pages.LawIndexPage], pages.LawPage, editor, 18, make_document()
    )
    for number, page in enumerate(bulk):
        due(page, -30 if number % 2 else 5)
    many = command_queries()

    assert many == few
    assert few <= 24, few
