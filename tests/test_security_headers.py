"""Security headers as browsers receive them: read from real responses of the public site,
the admin, a cached page and a document, and the cookie flags of the production settings."""

import base64
import hashlib
import json
import sys

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from moit_wagtail.security import headers
from tests.test_settings import production_env, run


def policy(response):
    """{'script-src': ['self', ...], ...} from the Content-Security-Policy header."""
    parsed = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def inline_script_hashes(html):
    soup = BeautifulSoup(html, "html.parser")
    return [
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
        + "'"  # fmt: skip
        for script in soup.find_all("script", src=False)
        if script.get("type") in (None, "", "text/javascript", "module") and script.string
    ]


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


@pytest.fixture
def contact_page(category_indexes, editor):
    from moit_wagtail.pages.models import ContactPage
    from tests import factories

    page = factories.build_page(ContactPage, editor, latitude="16.8", longitude="100.26")
    return factories.publish(page, category_indexes[factories.PAGE_TYPES[ContactPage]], editor)


def test_public_pages_send_a_strict_policy_that_their_own_markup_obeys(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    assert_common_headers(response)
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]  # no inline styles
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    html = response.content.decode()
    hashes = inline_script_hashes(html)
    assert hashes, "base.html's contrast script is expected inline"
    for digest in hashes:  # every inline script is allowed by its hash, and only those
        assert digest in csp["script-src"], f"add {digest} to headers.INLINE_SCRIPT_HASHES"
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find(style=True), "style= attributes are blocked by style-src 'self'"
    assert not soup.find("style")
    assert not [tag for tag in soup.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


def test_the_contact_map_origin_is_the_only_frame_source(client, contact_page):
    response = client.get(contact_page.url)
    assert response.status_code == 200
    assert policy(response)["frame-src"] == [headers.MAP_ORIGIN]
    embed = BeautifulSoup(response.content, "html.parser").find(attrs={"data-map-embed": True})
    if embed is not None:
        assert embed["data-map-embed"].startswith(headers.MAP_ORIGIN + "/")


def test_pages_from_the_page_cache_get_the_headers_too(client, home_page, settings):
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    first = client.get(home_page.url)
    second = client.get(home_page.url)
    assert first.content == second.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == headers.PERMISSIONS_POLICY


def test_the_admin_gets_its_own_policy(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert_common_headers(response)
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert "script-src" not in csp  # Wagtail's admin still uses inline scripts
    login = client.get(reverse("wagtailadmin_login"))
    assert "frame-ancestors 'self'" in login["Content-Security-Policy"]


def test_hsts_only_over_https(client, home_page, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # DJANGO_SECURE_HSTS_SECONDS=31536000 (opt-in)
    assert "Strict-Transport-Security" not in client.get(home_page.url)
    secure = client.get(home_page.url, secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "preload" not in secure["Strict-Transport-Security"]  # opt-in only


def test_hsts_can_be_turned_off(home_page, settings):
    from django.test import Client

    settings.SECURE_HSTS_SECONDS = 0  # DJANGO_SECURE_HSTS_SECONDS=0
    response = Client().get(home_page.url, secure=True)
    assert "Strict-Transport-Security" not in response


def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(client, admin_user):
    login = client.get(reverse("wagtailadmin_login"), secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "admin", "password": "password", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


PRINT_COOKIES = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps([s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
    "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE, "
    "s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE, getattr(s, 'SECURE_HSTS_SECONDS', 0)]))"
)


def test_production_settings_make_cookies_secure():
    result = run(
        [sys.executable, "manage.py", "shell", "-c", PRINT_COOKIES],
        **production_env(),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    # HSTS stays off until the agency opts in (DJANGO_SECURE_HSTS_SECONDS).
    assert values == [True, True, "Lax", True, True, "Lax", 0]


def test_signed_in_editors_may_have_inline_styles_for_the_wagtail_user_bar(
    client, home_page, admin_user
):
    client.force_login(admin_user)
    csp = policy(client.get(home_page.url))
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in csp["script-src"]


def test_a_database_outage_while_reading_the_session_gives_the_strict_policy(rf, settings):
    """The session needs the database; while it is away the response (a 503) must still go
    out with headers, as for an anonymous visitor, and nothing is raised."""
    from django.db import OperationalError
    from django.http import HttpResponse
    from django.utils.functional import SimpleLazyObject

    from moit_wagtail.security.headers import SecurityHeadersMiddleware

    def unreachable():
        raise OperationalError("could not connect to server")

    request = rf.get("/news/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    request.user = SimpleLazyObject(unreachable)
    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse(status=503))
    response = middleware(request)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
