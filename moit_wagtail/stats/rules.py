"""What counts as a visit: the rules, kept apart from storage so they are easy to test.

Counted: a GET that got a 200 for a public Wagtail page (served fresh or from the page
cache) or a document download, from a client that does not look like a bot and is not a
signed-in member of staff. Not counted: HEAD/POST, redirects and errors, admin and
previews, static and media files, prefetches, other views (search, health checks).
"""

import datetime
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.http.request import split_domain_port
from django.utils import timezone

from moit_wagtail.clients import client_address

PAGE_FLAG = "_moit_stats_page"
# Lower-case fragments of the user agents of crawlers, monitors, link previews and scripts
# (substring tests are several times faster than one large regular expression).
BOT_MARKERS = (
    "bot", "crawl", "spider", "slurp", "archiver", "fetch", "scan", "monitor", "check",
    "preview", "curl", "wget", "httpie", "python", "java/", "go-http", "okhttp", "libwww",
    "perl", "ruby", "php", "axios", "headless", "phantom", "selenium", "lighthouse",
    "pagespeed", "gtmetrix", "facebookexternalhit", "whatsapp", "telegram", "embedly",
    "feed", "rss", "httpclient", "http-client",
)  # fmt: skip
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/favicon")


@dataclass(frozen=True)
class Hit:
    site_id: int | None  # known when Wagtail served the page; else found from host at flush
    hostname: str
    port: str
    visitor: str  # daily-salted hash of IP + user agent: never the IP itself
    kind: str  # "p" page or "d" document
    target: str  # the page path, or the document id
    at: datetime.datetime


def is_bot(user_agent):
    if not user_agent:
        return True
    agent = user_agent.lower()
    return any(marker in agent for marker in BOT_MARKERS)


def is_staff(request):
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # no session: anonymous, and reading request.user costs nothing here
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


def client_ip(request):
    return client_address(request)


def daily_salt(day):
    """Changes every day and is known only to the server: yesterday's hashes stop matching."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"moit-stats|{day.isoformat()}".encode(), hashlib.sha256
    ).digest()


_salt_cache = {}


def visitor_hash(ip, user_agent, day):
    salt = _salt_cache.get(day)
    if salt is None:
        _salt_cache.clear()
        salt = _salt_cache[day] = daily_salt(day)
    return hashlib.sha256(salt + f"{ip}|{user_agent}".encode()).hexdigest()[:32]


def page_path(path):
    """One key per page whatever the language: '/en/news/' and '/news/' are the same page."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def hit_for(request, response):
    """The ``Hit`` to count for this request and response, or None."""
    if request.method != "GET" or response.status_code != 200:
        return None
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES) or getattr(request, "is_preview", False):
        return None
    if "prefetch" in request.META.get("HTTP_SEC_PURPOSE", request.META.get("HTTP_PURPOSE", "")):
        return None
    if getattr(request, PAGE_FLAG, False) or response.get("X-Page-Cache") == "hit":
        kind, target = "p", page_path(path)[:500]
    else:
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "wagtaildocs_serve":
            return None
        document_id = match.kwargs.get("document_id") or (match.args[:1] or [""])[0]
        kind, target = "d", str(document_id)
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if is_bot(user_agent) or is_staff(request):
        return None
    now = timezone.now()
    day = timezone.localdate(now)
    site = getattr(request, "_wagtail_site", None)
    hostname = split_domain_port(request._get_raw_host())[0]
    visitor = visitor_hash(client_ip(request), user_agent, day)
    return Hit(site and site.pk, hostname, request.get_port(), visitor, kind, target, now)
