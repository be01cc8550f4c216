"""The annual website-publishing monitoring report (MOIT 1, evidence (2)): counted from the
records, bounded by the fiscal year, printable in Thai, and only for the user's own units."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext
from pypdf import PdfReader
from wagtail.models import PageLogEntry, Site

from home.models import HomePage
from moit_wagtail.checklist.models import Framework
from moit_wagtail.dates import fiscal_year
from moit_wagtail.evidence.annual import REVIEWED_ACTION, annual_report, previous_fiscal_year
from moit_wagtail.models import StaffProfile
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from moit_wagtail.workflow import urgent
from moit_wagtail.workflow.reasons import reason_label
from tests.factories import AGENCY_NAME, build_page
from tests.refusals import is_permission_denied

pytestmark = pytest.mark.django_db

URL = "/admin/moit/evidence/annual/"
NEWS_TITLE = "ข่าวประชาสัมพันธ์และประกาศ"  # seed clause 1.8, Thai


@pytest.fixture
def people(make_member, unit):
    editor = make_member("writer", unit.editors, "สมศรี")
    approver = make_member("head", unit.approvers, "ประเสริฐ")
    web_admin = make_member("webadmin", unit.admins, "วิไล")
    StaffProfile.objects.create(user=web_admin, position="นักวิชาการคอมพิวเตอร์ชำนาญการ")
    return editor, approver, web_admin


@pytest.fixture
def site(home_page):
    return Site.objects.select_related("root_page").get(root_page=home_page)


def requested(parent, editor, title):
    """A news page that ``editor`` asked to publish (workflow started, not live)."""
    page = build_page(pages.ProcurementResultPage, editor, title=title, live=False)
    parent.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def decide(page, approver, action, **kwargs):
    page.refresh_from_db()
    task = page.current_workflow_task
    task.on_action(page.current_workflow_task_state, approver, action, **kwargs)
    page.refresh_from_db()
    return page


def reviewed(page, user):
    """A "reviewed, still current" entry, written directly: the reminders app registers the
    action, and this report only reads it."""
    return PageLogEntry.objects.create(
        page=page,
        content_type=page.content_type,
        label=page.title,
        action=REVIEWED_ACTION,
        timestamp=timezone.now(),
        user=user,
    )


@pytest.fixture
def year_of_records(people, category_indexes, make_page):
    """This fiscal year: 2 approved, 3 refused (2 inaccurate, 1 out of date), 2 urgent (one
    confirmed), 1 law published directly and reviewed twice, 1 taken down, 1 expired."""
    editor, approver, web_admin = people
    news = category_indexes[pages.NewsIndexPage]
    approved = [
        decide(requested(news, editor, f"ผลการจัดซื้อ {n}"), approver, "approve", comment="ok")
        for n in (1, 2)
    ]
    for n, reason in enumerate(["inaccurate", "inaccurate", "out_of_date"]):
        page = requested(news, editor, f"ขอเผยแพร่ที่ถูกปฏิเสธ {n}")
        decide(page, approver, "reject", rejection_reason=reason, comment="แก้ไขก่อน")
    for n in (1, 2):
        page = build_page(pages.NewsPage, editor, title=f"แจ้งเตือนด่วน {n}", kind="1.8.4", live=False)
        news.add_child(instance=page)
        page.save_revision(user=editor)
        record = urgent.publish_urgently(page, web_admin, approver, timezone.now(), "ด่วน")
    urgent.confirm(record, approver)
    law = make_page(pages.LawPage, title="ระเบียบการเบิกจ่าย")
    for _ in range(2):
        reviewed(law, web_admin)
    approved[0].unpublish(user=web_admin)
    approved[1].unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    return fiscal_year(timezone.localdate())


@pytest.fixture
def other_unit(home_page, make_member):
    """A second unit with its own site, staff and one published law."""
    other = HomePage(title="โรงพยาบาลอื่น", slug="other", welcome="")
    home_page.get_parent().add_child(instance=other)
    other.save_revision().publish()
    site = Site.objects.create(hostname="other.localhost", root_page=other, site_name="รพ.อื่น")
    groups = ensure_unit_groups(site, "รพ.อื่น")
    outsider = make_member("other-editor", groups.editors)
    law = build_page(pages.LawPage, outsider, title="ระเบียบของหน่วยอื่น")
    other.add_child(instance=law)
    law.save_revision(user=outsider).publish()
    return site, outsider


def test_counts_come_from_the_records(site, year_of_records, other_unit):
    report = annual_report(site, year_of_records)
    news, laws = report.category("1.8"), report.category("1.2")
    assert (news.items, news.publications) == (4, 4)  # 2 approved + 2 urgent
    assert (laws.items, laws.publications) == (1, 1)  # the other unit's law is not counted
    assert report.category("1.1").publications == 0
    assert (report.approved, report.rejected) == (2, 3)
    assert [(row.code, row.count) for row in report.reasons] == [
        ("inaccurate", 2),
        ("out_of_date", 1),
    ]
    assert report.reasons[0].label == str(reason_label("inaccurate"))
    assert (report.urgent, report.urgent_confirmed, report.urgent_unconfirmed) == (2, 1, 1)
    assert (report.reviewed, report.reviewed_pages) == (2, 1)
    assert (report.unpublished, report.expired, report.taken_down) == (1, 1, 2)
    assert annual_report(site, year_of_records - 1).publications == 0


def test_overdue_now_reads_the_status_rules(site, make_page):
    law = make_page(pages.LawPage)
    pages.PublicationPage.objects.filter(pk=law.pk).update(
        review_by=timezone.localdate() - datetime.timedelta(days=1)
    )
    report = annual_report(site, 2569)
    assert report.review_overdue == 1
    moit = next(row for row in report.coverage if row.framework.slug == "moit")
    assert moit.coverage.framework.fiscal_year == 2569
    assert moit.overdue == len(moit.coverage.items) - moit.coverage.covered


@pytest.mark.parametrize(
    ("local_time", "year"),
    [
        (datetime.datetime(2024, 9, 30, 23, 30), 2567),  # last evening of FY2567
        (datetime.datetime(2024, 10, 1, 0, 30), 2568),  # first minutes of FY2568 (UTC: 30 Sep)
    ],
)
def test_fiscal_year_boundary_is_the_local_date(site, make_page, local_time, year):
    law = make_page(pages.LawPage)
    when = timezone.make_aware(local_time)
    PageLogEntry.objects.filter(page=law, action="wagtail.publish").update(timestamp=when)
    assert annual_report(site, year).category("1.2").publications == 1
    other_year = 2568 if year == 2567 else 2567
    assert annual_report(site, other_year).category("1.2").publications == 0


def test_queries_do_not_grow_with_publications(site, people, category_indexes, make_page):
    year = fiscal_year(timezone.localdate())

    def count():
        with CaptureQueriesContext(connection) as captured:
            annual_report(site, year)
        return len(captured)

    make_page(pages.LawPage, title="กฎหมาย 0")
    few = count()
    editor, approver, _admin = people
    news = category_indexes[pages.NewsIndexPage]
    for n in range(4):
        make_page(pages.LawPage, title=f"กฎหมาย {n + 1}")
        page = requested(news, editor, f"คำขอ {n}")
        decide(page, approver, "reject", rejection_reason="other", comment="ไม่ผ่าน")
    many = count()
    assert many == few, (few, many)
    # one aggregate per source, a profile, the lists of the year and five per list
    lists = Framework.objects.filter(fiscal_year=year).count()
    assert few == 7 + 5 * lists


def test_html_report_for_own_unit(client, site, people, year_of_records):
    _editor, _approver, web_admin = people
    client.force_login(web_admin)
    form = client.get(URL)
    assert form.status_code == 200
    assert form.context["form"]["fiscal_year"].initial == previous_fiscal_year()
    response = client.get(URL, {"site": site.pk, "fiscal_year": year_of_records})
    html = response.content.decode()
    for expected in [AGENCY_NAME, NEWS_TITLE, "วิไล", "นักวิชาการคอมพิวเตอร์ชำนาญการ", "format=pdf"]:
        assert expected in html, expected
    assert str(reason_label("out_of_date")) in html
    assert URL in client.get("/admin/").content.decode()  # under Reports in the menu


def test_pdf_has_the_thai_title(client, site, people, year_of_records):
    _editor, _approver, web_admin = people
    client.force_login(web_admin)
    response = client.get(URL, {"site": site.pk, "fiscal_year": year_of_records, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    squeezed = "".join(text.split())
    heading = gettext(
        "Report on monitoring the publication of information on the website, fiscal year %(year)s"
    ) % {"year": year_of_records}
    for expected in [heading, AGENCY_NAME, NEWS_TITLE, "วิไล"]:
        assert "".join(expected.split()) in squeezed, expected


def test_other_units_staff_cannot_read_the_report(client, site, people, other_unit):
    other_site, outsider = other_unit
    client.force_login(outsider)
    year = previous_fiscal_year()
    assert client.get(URL, {"site": site.pk, "fiscal_year": year}).status_code == 404
    pdf = client.get(URL, {"site": site.pk, "fiscal_year": year, "format": "pdf"})
    assert pdf.status_code == 404
    own = client.get(URL, {"site": other_site.pk, "fiscal_year": year})
    assert own.status_code == 200 and "รพ.อื่น" in own.content.decode()
    choices = dict(client.get(URL).context["form"].fields["site"].choices)
    assert str(site.pk) not in choices


def test_staff_without_a_unit_are_refused(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("nobody", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert is_permission_denied(client.get(URL))
    assert is_permission_denied(client.get(URL, {"site": 1, "fiscal_year": 2569}))
