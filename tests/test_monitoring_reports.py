"""Coverage report: one unit's checklist with statuses, evidence links, filters and exports.

The fixtures here (a second unit site, filler pages) are shared by the other monitoring
test modules, which import them.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page, Site

from home.models import HomePage
from moit_wagtail.checklist.models import Framework
from moit_wagtail.monitoring.governance import MESSAGES, TOO_FEW_ADMINS
from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from tests import factories

COVERAGE = "/admin/moit/monitoring/coverage/"
SECOND_UNIT = "สสอ.ทดสอบ"


def build_unit_site(name, hostname, slug):
    """Another unit's site next to the default one: home, ten indexes, its groups."""
    home = HomePage(title=name, slug=slug, welcome="ยินดีต้อนรับ")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=name)
    indexes = factories.build_indexes(home)
    return site, indexes, ensure_unit_groups(site, name)


@pytest.fixture
def second_unit(unit):
    return build_unit_site(SECOND_UNIT, "dho.testserver", "dho")


@pytest.fixture
def first_site(home_page):
    return Site.objects.get(root_page=home_page)


def fill(indexes, user, document, count, start=0):
    """``count`` live pages under each of a few indexes (different codes and dates)."""
    created = []
    for offset, model in enumerate((pages.ProcurementResultPage, pages.LawPage, pages.NewsPage)):
        parent = indexes[factories.PAGE_TYPES[model]]
        first = start + 1000 * offset  # two types share the news index: distinct slugs
        created += factories.add_live_children(parent, model, user, count, document, start=first)
    # Vary the statuses: some old (stale), some with a review date passed, some expired.
    old = timezone.now() - datetime.timedelta(days=400)
    ids = [page.pk for page in created]
    pages.PublicationPage.objects.filter(pk__in=ids[::3]).update(last_published_at=old)
    pages.PublicationPage.objects.filter(pk__in=ids[1::5]).update(
        review_by=timezone.localdate() - datetime.timedelta(days=2)
    )
    pages.PublicationPage.objects.filter(pk__in=ids[2::7]).update(
        live=False, expired=True, expire_at=timezone.now() - datetime.timedelta(days=1)
    )
    return created


def denied(response):
    """Wagtail turns a PermissionDenied in the admin into a redirect to the dashboard (403
    for AJAX), so a refusal is either; never the other unit's data."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def rows_of_csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel shows the Thai
    text = body.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def rows_of_xlsx(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.fixture
def procurement(make_page):
    return make_page(pages.ProcurementResultPage, title="สรุปผลจัดซื้อจัดจ้าง")


def test_coverage_report_shows_every_item_with_status_and_links(
    admin_client, first_site, procurement
):
    response = admin_client.get(COVERAGE)
    assert response.status_code == 200
    view = response.context["view"]
    assert view.framework.slug == "moit"
    assert view.site == first_site
    rows = response.context["object_list"]
    assert len(rows) == 22
    moit5 = next(row for row in rows if row.item.code == "MOIT 5")
    assert moit5.status_value == "current"
    assert [link.title for link in moit5.evidence] == ["สรุปผลจัดซื้อจัดจ้าง"]
    html = response.content.decode()
    assert f"/admin/pages/{procurement.pk}/edit/" in html
    assert "http://testserver/" + procurement.url_path.split("/", 2)[2] in html
    assert "moit-status--missing" in html
    # coverage % and counts at the top, each count a link to the filtered report
    assert f"{response.context['coverage'].percent}%" in html
    assert "status=missing" in html
    # governance warnings of the unit in the header (this unit has no website admins)
    assert str(MESSAGES[TOO_FEW_ADMINS]) in html


def test_default_framework_is_the_moit_list_in_force(admin_client, first_site):
    in_force = Framework.objects.get(slug="moit", fiscal_year=2570)  # today is in FY2570
    in_force.copy_to_year(2571)  # next year's list is not yet in force
    response = admin_client.get(COVERAGE)
    assert response.context["view"].framework == in_force
    website = Framework.objects.get(slug="website")
    response = admin_client.get(COVERAGE, {"framework": website.pk})
    assert response.context["view"].framework == website
    assert len(response.context["object_list"]) == website.items.count()


def test_status_and_owner_filters(admin_client, first_site, procurement):
    response = admin_client.get(COVERAGE, {"status": "current"})
    assert [row.item.code for row in response.context["object_list"]] == ["MOIT 5"]
    response = admin_client.get(COVERAGE, {"owner": factories.OWNER_UNIT[:6]})
    assert "MOIT 5" in [row.item.code for row in response.context["object_list"]]
    response = admin_client.get(COVERAGE, {"owner": "ไม่มีกลุ่มงานนี้"})
    assert response.context["object_list"] == []


def test_csv_and_xlsx_exports(admin_client, first_site, procurement):
    csv_rows = rows_of_csv(admin_client.get(COVERAGE, {"export": "csv"}))
    assert len(csv_rows) == 23
    assert len(csv_rows[0]) == 11  # headings (translated by the lead's catalogue), open parts last
    moit5 = next(row for row in csv_rows if row[0] == "MOIT 5")
    assert "สรุปผลจัดซื้อจัดจ้าง" in moit5[4]
    assert moit5[5] == "1"
    be_year = str(timezone.localdate().year + 543)
    assert be_year in moit5[6]  # last published, Buddhist era

    xlsx_rows = rows_of_xlsx(admin_client.get(COVERAGE, {"export": "xlsx", "status": "current"}))
    assert len(xlsx_rows) == 2
    assert xlsx_rows[1][0] == "MOIT 5"
    assert xlsx_rows[1][7] == factories.OWNER_UNIT


def test_unit_editor_sees_only_own_site(client, unit, second_unit, make_member, first_site):
    editor = make_member("unit-editor", unit.editors)
    client.force_login(editor)
    response = client.get(COVERAGE)
    assert response.status_code == 200
    assert response.context["view"].site == first_site
    assert [value for value, _label in response.context["filters"].form.fields["site"].choices] == [
        str(first_site.pk)
    ]
    other_site = second_unit[0]
    assert denied(client.get(COVERAGE, {"site": other_site.pk}))
    assert denied(client.get(COVERAGE, {"site": other_site.pk, "export": "csv"}))
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    assert client.get(COVERAGE + "results/", {"site": other_site.pk}, **ajax).status_code == 403


def test_user_without_units_is_refused_and_anonymous_is_redirected(
    client, first_site, django_user_model
):
    assert client.get(COVERAGE).status_code == 302
    assert "/login/" in client.get(COVERAGE)["Location"]
    from django.contrib.auth.models import Permission

    outsider = django_user_model.objects.create_user("outsider", password="password")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert denied(client.get(COVERAGE))


def test_admin_sees_the_other_unit(admin_client, second_unit, editor):
    site, indexes, _groups = second_unit
    page = factories.publish(
        factories.build_page(pages.ProcurementResultPage, editor, title="ของหน่วยที่สอง"),
        indexes[pages.NewsIndexPage],
    )
    response = admin_client.get(COVERAGE, {"site": site.pk, "status": "current"})
    assert response.context["view"].site == site
    [row] = response.context["object_list"]
    assert row.evidence[0].public_url.startswith("http://dho.testserver/")
    assert page.title in response.content.decode()


# The report's own work is 6 queries (sites, checklists, items, evidence pages, evidence
# links, exemptions); the rest is Wagtail's admin chrome and other apps' hooks.
PAGE_BOUND = 30
EXPORT_BOUND = 16


@pytest.mark.parametrize("per_index", [2, 12])
def test_coverage_queries_do_not_grow(
    admin_client, second_unit, editor, make_document, per_index, django_assert_max_num_queries
):
    site, indexes, _groups = second_unit
    fill(indexes, editor, make_document(), per_index)
    admin_client.get(COVERAGE, {"site": site.pk})  # warm per-process caches
    with django_assert_max_num_queries(PAGE_BOUND):
        response = admin_client.get(COVERAGE, {"site": site.pk})
    assert response.status_code == 200
    with django_assert_max_num_queries(EXPORT_BOUND):
        rows = rows_of_csv(admin_client.get(COVERAGE, {"site": site.pk, "export": "csv"}))
    assert len(rows) == 23
