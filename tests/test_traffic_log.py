"""Computer Crime Act traffic log: what each request leaves, at no cost to the request,
and how long it is kept (retention, pruning and the settings check)."""

import datetime
import io
import threading
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, connections
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from moit_wagtail.pages import models as pages
from moit_wagtail.traffic import checks, recorder, retention
from moit_wagtail.traffic.middleware import TrafficLogMiddleware
from moit_wagtail.traffic.models import TrafficLogEntry

pytestmark = pytest.mark.django_db

MIDDLEWARE = "moit_wagtail.traffic.middleware.TrafficLogMiddleware"
STATS = "moit_wagtail.stats.middleware.VisitorCountMiddleware"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"


@pytest.fixture(autouse=True)
def traffic(settings):
    """The middleware first in MIDDLEWARE, as the site wires it; rows written at once.
    Visitor counting is left out: its own buffer would write behind these tests' backs."""
    others = [m for m in settings.MIDDLEWARE if m not in (MIDDLEWARE, STATS)]
    settings.MIDDLEWARE = [MIDDLEWARE, *others]
    settings.MOIT_TRAFFIC_FLUSH_SECONDS = 0
    recorder.buffer.pending.clear()
    yield
    recorder.buffer.pending.clear()


@pytest.fixture
def buffered(settings, monkeypatch):
    """Rows wait in the per-process buffer (no flush thread in tests)."""
    settings.MOIT_TRAFFIC_FLUSH_SECONDS = 60
    monkeypatch.setattr(recorder.buffer, "start_flusher", lambda: None)


@pytest.fixture
def law(make_page):
    return make_page(pages.LawPage, title="ระเบียบการเผยแพร่")


def test_a_public_request_is_logged_with_its_fields(client, law):
    response = client.get(
        law.url + "?q=%E0%B8%81&x=1", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 200
    row = TrafficLogEntry.objects.get()
    assert row.client == "203.0.113.7"
    assert row.host == "testserver"
    assert row.method == "GET"
    # Thai path, raw query; an unknown key's value masked (test_traffic_secrets.py)
    assert row.path == f"{unquote(law.url)}?q=%E0%B8%81&x=***"
    assert row.status == 200
    assert row.bytes == len(response.content)
    assert row.user_id is None and row.username == ""
    assert row.user_agent == BROWSER
    assert abs((timezone.now() - row.at).total_seconds()) < 30


def test_the_client_address_follows_the_trusted_proxy_rule(client, law, settings):
    settings.MOIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    client.get(law.url, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.4")
    assert TrafficLogEntry.objects.get().client == "198.51.100.4"


def test_pages_from_the_anonymous_page_cache_are_logged(client, law, settings):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    first = client.get(law.url)
    second = client.get(law.url)
    assert second["X-Page-Cache"] == "hit"
    rows = list(TrafficLogEntry.objects.order_by("pk"))
    assert [(r.path, r.status) for r in rows] == [(unquote(law.url), 200)] * 2
    assert rows[1].bytes == len(second.content) == len(first.content)


def test_admin_requests_carry_the_user(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/pages/").status_code == 200
    row = TrafficLogEntry.objects.get(path="/admin/pages/")
    assert row.user_id == admin_user.pk and row.username == "admin"


def test_thai_paths_errors_and_posts_are_logged(client, home_page):
    assert client.get("/ไม่มีหน้านี้/").status_code == 404
    client.post("/admin/login/", {"username": "x", "password": "y"})
    rows = list(TrafficLogEntry.objects.order_by("pk").values_list("method", "path", "status"))
    assert rows[0] == ("GET", "/ไม่มีหน้านี้/", 404)
    assert rows[1][:2] == ("POST", "/admin/login/")


def test_long_paths_and_agents_are_capped_and_nul_is_stored_escaped(client, home_page):
    client.get("/" + "ก" * 3000 + "/%00x", HTTP_USER_AGENT="A" * 2000)
    row = TrafficLogEntry.objects.get()
    assert len(row.path) == recorder.PATH_MAX and row.path.startswith("/ก")
    assert len(row.user_agent) == recorder.AGENT_MAX
    client.get("/a%00b/?q=%00")
    assert TrafficLogEntry.objects.latest("pk").path == "/a%00b/?q=%00"


def test_static_files_are_skipped_unless_asked_for(client, home_page, settings):
    client.get("/static/moit_wagtail/none.css")
    assert not TrafficLogEntry.objects.exists()
    settings.MOIT_TRAFFIC_LOG_STATIC = True
    client.get("/static/moit_wagtail/none.css")
    assert TrafficLogEntry.objects.get().path == "/static/moit_wagtail/none.css"


@pytest.mark.parametrize(
    "make_response, expected",
    [
        (lambda: HttpResponse(b"12345"), 5),
        (lambda: StreamingHttpResponse(iter([b"ab", b"cd"])), None),  # unknown until sent
        (lambda: FileResponse(io.BytesIO(b"x" * 70)), 70),  # Content-Length is known
    ],
)
def test_bytes_of_streamed_responses_only_when_known(make_response, expected):
    request = RequestFactory().get("/file/")
    request.user = AnonymousUser()
    TrafficLogMiddleware(lambda r: make_response())(request)
    assert TrafficLogEntry.objects.get().bytes == expected


def test_logging_adds_no_query_per_request_between_flushes(
    buffered, admin_user, django_assert_num_queries
):
    factory = RequestFactory()
    anonymous = factory.get("/news/", REMOTE_ADDR="203.0.113.9")
    anonymous.user = AnonymousUser()
    signed_in = factory.get("/admin/")
    signed_in.user = admin_user  # the admin view has loaded the user already
    middleware = TrafficLogMiddleware(lambda r: HttpResponse("ok"))
    with django_assert_num_queries(0):
        for _ in range(50):
            middleware(anonymous)
            middleware(signed_in)
    assert len(recorder.buffer.pending) == 100
    assert not TrafficLogEntry.objects.exists()
    assert recorder.buffer.flush() == 100
    assert TrafficLogEntry.objects.filter(user_id=admin_user.pk).count() == 50


def test_a_cached_page_costs_no_query_with_logging(buffered, client, law, settings):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    client.get(law.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(law.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert len(recorder.buffer.pending) == 2


def test_an_admin_page_costs_the_same_queries_with_and_without_logging(
    buffered, client, admin_user, settings
):
    client.force_login(admin_user)
    client.get("/admin/")  # warm caches

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/").status_code == 200
        return len(queries)

    with_logging = count()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    assert count() == with_logging


def test_a_database_error_while_flushing_never_breaks_the_request(client, law, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(TrafficLogEntry.objects, "bulk_create", broken)
    assert client.get(law.url).status_code == 200
    assert not TrafficLogEntry.objects.exists()
    assert len(recorder.buffer.pending) == 1  # kept for the next attempt
    monkeypatch.undo()
    assert recorder.buffer.flush() == 1
    assert TrafficLogEntry.objects.get().path == unquote(law.url)


def test_a_bug_while_recording_never_breaks_the_request(client, law, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("moit_wagtail.traffic.middleware.record", broken)
    assert client.get(law.url).status_code == 200


# -- retention --------------------------------------------------------------------------------


def make_rows(*moments):
    TrafficLogEntry.objects.bulk_create(
        TrafficLogEntry(at=at, client="203.0.113.1", method="GET", path=f"/{n}/", status=200)
        for n, at in enumerate(moments)
    )


def test_prune_deletes_rows_past_retention_and_keeps_the_rest():
    now = timezone.now()
    days = datetime.timedelta(days=1)
    make_rows(now - 400 * days, now - 90 * days - datetime.timedelta(seconds=1))
    make_rows(now - 90 * days + datetime.timedelta(seconds=30), now - 10 * days, now)
    out = io.StringIO()
    call_command("prune_traffic_log", stdout=out)
    assert "Deleted 2 rows" in out.getvalue()
    assert TrafficLogEntry.objects.count() == 3
    assert TrafficLogEntry.objects.filter(at__lt=now - 90 * days).count() == 0


def test_the_boundary_moment_itself_is_kept():
    before = timezone.now() - datetime.timedelta(days=90)
    make_rows(before - datetime.timedelta(microseconds=1), before)
    assert list(retention.prune(before)) == [1]
    assert TrafficLogEntry.objects.get().at == before


def test_prune_works_in_batches_and_dry_run_deletes_nothing():
    old = timezone.now() - datetime.timedelta(days=200)
    make_rows(*[old] * 5, timezone.now())
    out = io.StringIO()
    call_command("prune_traffic_log", "--dry-run", stdout=out)
    assert "5 rows" in out.getvalue() and TrafficLogEntry.objects.count() == 6
    out = io.StringIO()
    call_command("prune_traffic_log", "--batch-size", "2", stdout=out)
    assert "Deleted 5 rows" in out.getvalue() and "in 3 batches" in out.getvalue()
    assert TrafficLogEntry.objects.count() == 1


def test_a_longer_retention_keeps_older_rows(settings):
    settings.MOIT_TRAFFIC_LOG_RETENTION_DAYS = 365
    make_rows(timezone.now() - datetime.timedelta(days=200))
    call_command("prune_traffic_log", stdout=io.StringIO())
    assert TrafficLogEntry.objects.count() == 1


def test_prune_refuses_a_retention_below_the_legal_minimum(settings):
    settings.MOIT_TRAFFIC_LOG_RETENTION_DAYS = 30
    make_rows(timezone.now() - datetime.timedelta(days=60))
    with pytest.raises(CommandError, match="at least 90"):
        call_command("prune_traffic_log", stdout=io.StringIO())
    assert TrafficLogEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel writers")
def test_pruning_from_several_servers_at_once_deletes_each_row_once():
    old, now = timezone.now() - datetime.timedelta(days=100), timezone.now()
    make_rows(*[old] * 3000, *[now] * 10)
    before = retention.cutoff()
    results, start = [], threading.Barrier(3)

    def server():
        try:
            start.wait()
            results.append(sum(retention.prune(before, batch_size=100)))
        except Exception as error:  # reported below
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=server) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(n, int) for n in results), results
    assert sum(results) + sum(retention.prune(before)) == 3000
    assert TrafficLogEntry.objects.count() == 10


@pytest.mark.parametrize("value, error", [(90, None), (730, None), (89, "E002"), ("x", "E001")])
def test_settings_check_of_the_retention(settings, value, error):
    settings.MOIT_TRAFFIC_LOG_RETENTION_DAYS = value
    found = checks.check_retention(None)
    assert [e.id for e in found] == ([f"moit_traffic.{error}"] if error else [])


def test_the_check_runs_with_djangos_checks(settings):
    from django.core.management.base import SystemCheckError

    settings.MOIT_TRAFFIC_LOG_RETENTION_DAYS = 30
    with pytest.raises(SystemCheckError, match="moit_traffic.E002"):
        call_command("check")
