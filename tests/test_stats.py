"""Visitor statistics (seed 1.10): what is counted, once, per site and period, and shown."""

import datetime
from urllib.parse import unquote

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from moit_wagtail.pages import models as pages
from moit_wagtail.stats import queries, recorder, rules
from moit_wagtail.stats.models import DailyCount, DocumentCount, PageCount, VisitorMark

pytestmark = pytest.mark.django_db

MIDDLEWARE = "moit_wagtail.stats.middleware.VisitorCountMiddleware"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


@pytest.fixture(autouse=True)
def counting(settings):
    """The middleware just before the page cache, as the site wires it; writes at once."""
    middleware = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE]
    middleware.insert(
        middleware.index("moit_wagtail.page_cache.AnonymousPageCacheMiddleware"), MIDDLEWARE
    )
    settings.MIDDLEWARE = middleware
    settings.MOIT_STATS_FLUSH_SECONDS = 0


@pytest.fixture
def law(make_page):
    return make_page(pages.LawPage, title="ระเบียบการเผยแพร่")


def visit(client, url, agent=BROWSER, ip="203.0.113.7", **extra):
    return client.get(url, HTTP_USER_AGENT=agent, REMOTE_ADDR=ip, **extra)


def totals():
    rows = DailyCount.objects.all()
    return {
        field: sum(getattr(row, field) for row in rows)
        for field in ("visits", "views", "downloads")
    }


def test_a_page_view_is_counted_and_a_reload_is_not(client, law):
    assert visit(client, law.url).status_code == 200
    assert visit(client, law.url).status_code == 200
    assert totals() == {"visits": 1, "views": 1, "downloads": 0}
    assert PageCount.objects.get().path == unquote(law.url)  # stored as text, not %-encoded
    visit(client, law.url, agent=BROWSER + " other")
    assert totals() == {"visits": 2, "views": 2, "downloads": 0}


def test_english_and_thai_views_of_a_page_share_one_row(client, law):
    visit(client, law.url)
    visit(client, "/en" + law.url, ip="198.51.100.1")
    assert PageCount.objects.get().views == 2


def test_no_raw_ip_or_user_agent_is_stored(client, law):
    visit(client, law.url, ip="203.0.113.99")
    stored = " ".join(str(v) for mark in VisitorMark.objects.values() for v in mark.values())
    assert "203.0.113.99" not in stored and "Mozilla" not in stored


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.32",
        "HeadlessChrome/126",
    ],
)
def test_bots_are_not_counted(client, law, agent):
    assert visit(client, law.url, agent=agent).status_code == 200
    assert not DailyCount.objects.exists()


def test_head_post_404_and_admin_are_not_counted(client, law):
    client.head(law.url, HTTP_USER_AGENT=BROWSER)
    assert visit(client, law.url + "no-such-page/").status_code == 404
    assert visit(client, "/admin/login/").status_code == 200
    assert visit(client, "/healthz/").status_code == 200
    visit(client, law.url, HTTP_SEC_PURPOSE="prefetch")
    assert not DailyCount.objects.exists()


def test_signed_in_staff_are_not_counted(client, law, admin_user):
    client.force_login(admin_user)
    assert visit(client, law.url).status_code == 200
    assert not DailyCount.objects.exists()


def test_previews_are_not_counted(law):
    request = RequestFactory().get(law.url, HTTP_USER_AGENT=BROWSER)
    request.is_preview = True
    setattr(request, rules.PAGE_FLAG, True)

    class Ok:
        status_code = 200

        def get(self, name, default=None):
            return default

    assert rules.hit_for(request, Ok()) is None
    del request.is_preview
    assert rules.hit_for(request, Ok()) is not None


def test_pages_from_the_anonymous_cache_are_counted(client, law, settings):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    visit(client, law.url)
    cached = visit(client, law.url, agent=BROWSER + " second visitor")
    assert cached["X-Page-Cache"] == "hit"
    assert totals()["views"] == 2


def test_document_downloads_are_counted_per_document(client, make_document):
    report = make_document("annual-report.pdf")
    other = make_document("plan.pdf")
    url = f"/documents/{report.pk}/annual-report.pdf"
    assert visit(client, url).status_code == 200
    visit(client, url)  # a reload
    visit(client, f"/documents/{other.pk}/plan.pdf")
    visit(client, f"/documents/{report.pk}/annual-report.pdf", ip="198.51.100.2")
    counts = dict(DocumentCount.objects.values_list("document_id", "downloads"))
    assert counts == {report.pk: 2, other.pk: 1}
    assert totals()["downloads"] == 3


def test_each_site_counts_its_own_visitors(client, law, home_page):
    other = Site.objects.create(hostname="dho.example.test", port=80, root_page=home_page)
    visit(client, law.url)
    visit(client, law.url, HTTP_HOST="dho.example.test")
    by_site = dict(DailyCount.objects.values_list("site_id", "visits"))
    assert by_site == {Site.objects.get(is_default_site=True).pk: 1, other.pk: 1}


def hit(at, visitor="v1", target="/news/"):
    site = Site.objects.get(is_default_site=True)
    return rules.Hit(site.pk, "testserver", "80", visitor, "p", target, at)


def test_reload_window_is_thirty_minutes(home_page):
    start = timezone.now()
    recorder.write([hit(start)])
    recorder.write([hit(start + datetime.timedelta(minutes=29))])
    assert totals()["views"] == 1
    recorder.write([hit(start + datetime.timedelta(minutes=31))])
    assert totals()["views"] == 2
    recorder.write([hit(start + datetime.timedelta(minutes=32), target="/laws/")])
    assert totals()["views"] == 3 and totals()["visits"] == 2


def test_hits_wait_in_the_buffer_until_due(home_page, settings):
    settings.MOIT_STATS_FLUSH_SECONDS = 3600
    recorder.flush()
    recorder.record(hit(timezone.now()))
    assert not DailyCount.objects.exists()
    assert recorder.flush() == 2  # the visitor and the page
    assert totals()["views"] == 1


def seed(site, *days_and_visits):
    for day, visits in days_and_visits:
        DailyCount.objects.create(site=site, day=day, visits=visits, views=visits * 2)


@pytest.mark.parametrize(
    "today, expected_fiscal_year",
    [(datetime.date(2026, 9, 30), 1 + 2), (datetime.date(2026, 10, 1), 4)],
)
def test_fiscal_year_runs_october_to_september(home_page, today, expected_fiscal_year):
    site = Site.objects.get(is_default_site=True)
    seed(
        site,
        (datetime.date(2025, 9, 30), 100),
        (datetime.date(2025, 10, 1), 1),
        (datetime.date(2026, 9, 30), 2),
        (datetime.date(2026, 10, 1), 4),
    )
    counts = queries.counts(site, today=today)
    assert counts["fiscal_year"]["visits"] == expected_fiscal_year
    assert counts["total"]["visits"] == 107
    assert counts["since"] == datetime.date(2025, 9, 30)


def test_week_month_today_and_yesterday(home_page):
    site = Site.objects.get(is_default_site=True)
    today = datetime.date(2026, 12, 1)  # a Tuesday; the week began on Monday 30 November
    seed(site, (datetime.date(2026, 11, 29), 1), (datetime.date(2026, 11, 30), 10), (today, 100))
    counts = queries.counts(site, today=today)
    assert counts["today"]["visits"] == 100
    assert counts["yesterday"] == {"visits": 10, "views": 20, "downloads": 0}
    assert counts["week"]["visits"] == 110
    assert counts["month"]["visits"] == 100
    assert counts["total"]["visits"] == 111


def test_online_now_counts_visitors_of_the_last_five_minutes(home_page):
    site = Site.objects.get(is_default_site=True)
    now = timezone.now()
    recorder.write([hit(now, "a"), hit(now, "b"), hit(now, "a", "/laws/")])
    VisitorMark.objects.filter(kind="v").update(seen_at=int(now.timestamp()))
    assert queries.counts(site)["online"] == 2
    VisitorMark.objects.filter(kind="v").update(seen_at=int(now.timestamp()) - 301)
    assert queries.counts(site)["online"] == 0


def test_counter_tag_is_cached(home_page, django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    seed(site, (timezone.localdate(), 42))
    request = RequestFactory().get("/")
    Site.find_for_request(request)
    template = Template("{% load moit_stats %}{% visitor_counter %}")
    with django_assert_num_queries(2):
        html = template.render(Context({"request": request}))
    assert "42" in html and "visitor-counter" in html
    with django_assert_num_queries(0):
        assert template.render(Context({"request": request})) == html


def test_statistics_page_shows_charts_tables_and_items(
    client, category_indexes, make_page, make_document, django_assert_max_num_queries
):
    site = Site.objects.get(is_default_site=True)
    index = category_indexes[pages.StatisticsIndexPage]
    report = make_page(pages.SatisfactionReportPage, title="ผลสำรวจความพึงพอใจ ไตรมาส 1")
    today = timezone.localdate()
    seed(site, (today, 7), (today - datetime.timedelta(days=3), 5))
    month = today.replace(day=1)
    for n in range(15):
        PageCount.objects.create(site=site, month=month, path=f"/page-{n}/", views=n + 1)
        document = make_document(f"doc-{n}.pdf")
        DocumentCount.objects.create(site=site, month=month, document=document, downloads=n + 1)
    PageCount.objects.create(site=site, month=month, path=unquote(report.url), views=99)
    with django_assert_max_num_queries(30):
        response = client.get(index.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") == 2 and 'role="img"' in html and "<desc" in html
    assert html.count("<rect") >= 42  # 30 days + 12 months
    assert "ผลสำรวจความพึงพอใจ ไตรมาส 1" in html  # the category still lists its items
    top = html.split('id="stats-pages-heading"')[1].split("</ol>")[0]
    assert top.index("ผลสำรวจความพึงพอใจ ไตรมาส 1</a>") < top.index("/page-14/")  # titled
    assert top.count("<li>") == 10
    assert "doc-14" in html and "doc-0<" not in html  # the ten most downloaded only
    assert "<table" in html and "<details" in html


def test_bar_chart_scales_to_a_round_axis():
    from moit_wagtail.stats.charts import bar_chart, nice_ceiling

    assert [nice_ceiling(n) for n in (0, 1, 3, 7, 12, 180, 1000)] == [1, 1, 5, 10, 20, 200, 1000]
    chart = bar_chart([("a", "a", 0), ("b", "b", 1)])
    assert [line["value"] for line in chart["gridlines"]] == [0, 1]  # no "0" halfway up
    tall, empty = chart["bars"][1], chart["bars"][0]
    assert empty.height == 0 and tall.y + tall.height == chart["baseline"]
