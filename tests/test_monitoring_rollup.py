"""Provincial roll-up: units × items, only for users who may see several units."""

import pytest

from moit_wagtail.pages import models as pages
from tests import factories
from tests import test_monitoring_reports as shared
from tests.test_monitoring_reports import denied, fill, rows_of_csv, rows_of_xlsx

# Shared fixtures: a second unit site next to the default one.
first_site = shared.first_site
second_unit = shared.second_unit

ROLLUP = "/admin/moit/monitoring/rollup/"


def test_rollup_shows_each_unit_and_its_percentage(admin_client, first_site, second_unit, editor):
    site, indexes, _groups = second_unit
    factories.publish(
        factories.build_page(pages.ProcurementResultPage, editor, title="จัดซื้อ"),
        indexes[pages.NewsIndexPage],
    )
    response = admin_client.get(ROLLUP)
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [row.site for row in rows] == [first_site, site]
    assert len(response.context["items"]) == 22
    second = rows[1]
    moit5 = [cell.status for cell in second.cells][4]
    assert moit5 == "current"
    assert second.coverage.percent > rows[0].coverage.percent
    html = response.content.decode()
    assert f"{second.coverage.percent}%" in html
    assert f"site={site.pk}" in html  # each cell links to the unit's coverage report


def test_rollup_exports(admin_client, first_site, second_unit):
    csv_rows = rows_of_csv(admin_client.get(ROLLUP, {"export": "csv"}))
    assert len(csv_rows) == 3
    assert csv_rows[0][3:6] == ["MOIT 1", "MOIT 2", "MOIT 3"]
    assert len(csv_rows[0]) == 3 + 22
    assert csv_rows[2][0] == second_unit[0].site_name
    xlsx_rows = rows_of_xlsx(admin_client.get(ROLLUP, {"export": "xlsx"}))
    assert len(xlsx_rows) == 3
    assert xlsx_rows[1][1] == 0  # percent, a number in the spreadsheet


def test_single_unit_users_get_no_rollup(client, unit, second_unit, make_member):
    admin = make_member("unit-admin", unit.admins)
    client.force_login(admin)
    assert denied(client.get(ROLLUP))
    assert denied(client.get(ROLLUP, {"export": "csv"}))
    home = client.get("/admin/").content.decode()  # the menu and the dashboard panel
    assert ROLLUP not in home
    assert "/admin/moit/monitoring/coverage/" in home


def test_multi_unit_member_gets_the_rollup(client, unit, second_unit, make_member):
    member = make_member("both-units", unit.admins)
    member.groups.add(second_unit[2].admins)
    client.force_login(member)
    response = client.get(ROLLUP)
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 2
    assert ROLLUP in client.get("/admin/").content.decode()


@pytest.mark.parametrize("per_index", [2, 12])
def test_rollup_queries_do_not_grow(
    admin_client, first_site, second_unit, editor, make_document, per_index,
    django_assert_max_num_queries,
):  # fmt: skip
    fill(second_unit[1], editor, make_document(), per_index)
    admin_client.get(ROLLUP)
    with django_assert_max_num_queries(30):
        assert admin_client.get(ROLLUP).status_code == 200
    with django_assert_max_num_queries(16):
        assert len(rows_of_csv(admin_client.get(ROLLUP, {"export": "csv"}))) == 3
