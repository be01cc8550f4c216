"""Exports for an officer: the traffic log of a date range as CSV (permission, range in
Bangkok time, BOM, Thai, streaming, recorded in the audit log), and Wagtail's own Site
history report exporting the audit log of admin actions for a date range."""

import csv
import datetime
import io
import zoneinfo

import pytest
from django.contrib.auth.models import Permission
from django.db.models.query import QuerySet
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from moit_wagtail.traffic import export
from moit_wagtail.traffic.models import TrafficExport, TrafficLogEntry
from tests.refusals import is_permission_denied

pytestmark = pytest.mark.django_db

URL = "/admin/moit/traffic/"
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
RANGE = {"date_from": "2025-01-01", "date_to": "2025-01-31"}


def at(*parts):
    return datetime.datetime(*parts, tzinfo=BANGKOK)


def row(moment, path="/", client="203.0.113.1", **extra):
    return TrafficLogEntry.objects.create(
        at=moment, client=client, method="GET", path=path, status=200, bytes=10, **extra
    )


def read_csv(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads Thai correctly
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def officer(django_user_model):
    """Not a superuser: admin access and the export permission only."""
    user = django_user_model.objects.create_user("officer", password="password")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="export_trafficlog"),
    )
    return user


def test_without_the_permission_nothing_is_exported(client, unit, make_member):
    admin = make_member("webadmin", unit.admins)  # a unit's website admin: not granted
    client.force_login(admin)
    for response in (client.get(URL), client.post(URL, RANGE)):
        assert is_permission_denied(response)
        assert not response.streaming
    assert not TrafficExport.objects.exists()
    client.logout()
    assert client.post(URL, RANGE).status_code == 302  # to the login page


def test_the_menu_item_shows_only_with_the_permission(client, officer, unit, make_member):
    client.force_login(make_member("webadmin", unit.admins))
    assert URL not in client.get("/admin/").content.decode()
    client.force_login(officer)
    assert URL in client.get("/admin/").content.decode()


def test_the_range_is_inclusive_in_bangkok_time_with_thai_paths(client, officer):
    row(at(2024, 12, 31, 23, 59, 59), "/before/")
    row(at(2025, 1, 1, 0, 0, 0), "/ข่าว/ประกาศ/?q=ทดสอบ")
    row(at(2025, 1, 31, 23, 59, 59), "/last/", user_id=7, username="สมชาย")
    row(at(2025, 2, 1, 0, 0, 0), "/after/")
    client.force_login(officer)
    response = client.post(URL, RANGE)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "traffic-log-20250101-20250131.csv" in response["Content-Disposition"]
    lines = read_csv(response)
    assert lines[0] == [str(label) for _name, label in export.COLUMNS]
    assert [line[4] for line in lines[1:]] == ["/ข่าว/ประกาศ/?q=ทดสอบ", "/last/"]
    assert lines[1][0] == "2025-01-01T00:00:00+07:00"
    assert lines[2][7:9] == ["7", "สมชาย"]


def test_filters_narrow_the_export(client, officer):
    moment = at(2025, 1, 10, 12)
    row(moment, "/a/", client="198.51.100.1")
    row(moment, "/admin/pages/", client="198.51.100.2", user_id=5, username="editor")
    row(moment, "/ADMIN/x/", client="198.51.100.2")
    client.force_login(officer)

    def paths(**filters):
        return [line[4] for line in read_csv(client.post(URL, {**RANGE, **filters}))[1:]]

    assert paths(client="198.51.100.2") == ["/admin/pages/", "/ADMIN/x/"]
    assert paths(path="admin") == ["/admin/pages/", "/ADMIN/x/"]
    assert paths(user="editor") == paths(user="5") == ["/admin/pages/"]


def test_each_export_is_recorded_in_the_audit_log(client, officer):
    client.force_login(officer)
    b"".join(client.post(URL, {**RANGE, "path": "/news/"}).streaming_content)
    record = TrafficExport.objects.get()
    assert (record.user, record.date_from.isoformat(), record.filters) == (
        officer,
        "2025-01-01",
        {"path": "/news/"},
    )
    entry = ModelLogEntry.objects.get(action="moit.traffic_export")
    assert entry.user_id == officer.pk
    assert entry.data["date_to"] == "2025-01-31" and entry.data["filters"] == {"path": "/news/"}
    assert "2568" in entry.message  # the range in Buddhist-era dates


def test_a_reversed_range_is_refused_with_a_message(client, officer):
    client.force_login(officer)
    response = client.post(URL, {"date_from": "2025-02-01", "date_to": "2025-01-01"})
    assert response.status_code == 200 and not response.streaming
    assert response.context["form"].non_field_errors()
    assert not TrafficExport.objects.exists()


def test_the_screen_shows_be_dates_and_links_the_site_history(client, officer):
    row(at(2025, 1, 5, 9))
    client.force_login(officer)
    page = client.get(URL).content.decode()
    assert "5 มกราคม 2568" in page  # the oldest record, Buddhist era
    assert reverse("wagtailadmin_reports:site_history") in page


def test_the_export_streams_rows_without_building_a_list(client, officer, monkeypatch):
    for n in range(30):
        row(at(2025, 1, 2, 8) + datetime.timedelta(minutes=n), f"/p{n}/")
    chunk_sizes = []
    real_iterator = QuerySet.iterator

    def iterator(self, chunk_size=None):
        chunk_sizes.append(chunk_size)
        return real_iterator(self, chunk_size=chunk_size)

    def no_full_fetch(self):
        if self.model is TrafficLogEntry:
            raise AssertionError("the whole export was loaded into memory")
        return real_fetch_all(self)

    real_fetch_all = QuerySet._fetch_all
    monkeypatch.setattr(QuerySet, "iterator", iterator)
    client.force_login(officer)
    response = client.post(URL, RANGE)  # the screen's own queries are done by now
    monkeypatch.setattr(QuerySet, "_fetch_all", no_full_fetch)
    assert response.streaming
    lines = read_csv(response)
    assert len(lines) == 31
    assert chunk_sizes == [export.CHUNK]


# -- Wagtail's own audit log: Site history filters by date and exports CSV -------------------


def test_site_history_exports_page_and_model_entries_of_a_date_range(client, admin_user, home_page):
    site = Site.objects.get(root_page=home_page)
    inside = [
        log(instance=home_page, action="wagtail.edit", user=admin_user),
        log(instance=site, action="wagtail.edit", user=admin_user),
    ]
    outside = [
        log(instance=home_page, action="wagtail.publish", user=admin_user),
        log(instance=site, action="wagtail.create", user=admin_user),
    ]
    moments = [at(2025, 1, 1, 0, 0, 1), at(2025, 1, 31, 23, 59), at(2024, 12, 31, 23, 59),
               at(2025, 2, 1, 0, 0, 1)]  # fmt: skip
    for entry, moment in zip(inside + outside, moments, strict=True):
        type(entry).objects.filter(pk=entry.pk).update(timestamp=moment)
    assert isinstance(inside[0], PageLogEntry) and isinstance(inside[1], ModelLogEntry)
    client.force_login(admin_user)
    query = {"timestamp_from": "2025-01-01", "timestamp_to": "2025-01-31", "export": "csv"}
    response = client.get(reverse("wagtailadmin_reports:site_history"), query)
    assert response.status_code == 200
    lines = read_csv(response)  # with the BOM, like our own exports
    assert len(lines) == 3, lines  # the heading and the two entries inside the range
    assert sorted(line[3] for line in lines[1:]) == sorted(
        [str(log_registry.get_action_label("wagtail.edit"))] * 2
    )
    timestamps = sorted(datetime.datetime.fromisoformat(line[5]) for line in lines[1:])
    assert timestamps == [moments[0], moments[1]]  # a page entry and a model (site) entry
    xlsx = client.get(reverse("wagtailadmin_reports:site_history"), {**query, "export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_traffic_exports_appear_in_the_site_history(client, admin_user):
    client.force_login(admin_user)
    b"".join(client.post(URL, RANGE).streaming_content)
    today = timezone.localdate().isoformat()
    query = {"timestamp_from": today, "timestamp_to": today, "export": "csv"}
    body = b"".join(
        client.get(reverse("wagtailadmin_reports:site_history"), query).streaming_content
    )
    assert str(TrafficExport.objects.get().pk) in body.decode("utf-8")
