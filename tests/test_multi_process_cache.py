"""Two app servers, one Redis: a change made anywhere is seen at once on every server.

Two real gunicorn processes (A and B) share the database and ``REDIS_URL``, as two
machines behind a load balancer would. A page cached by B is served from that same entry
by A; then a publish from a third process, an unpublish through A's admin and an expiry by
``moit_publish_scheduled`` each make B serve the new state on the next request. Without a
shared cache B would go on serving its own stale copy for up to MOIT_PAGE_CACHE_SECONDS.

Needs ``redis-server`` (``apt-get install redis-server``): ``MOIT_TEST_REDIS_URL`` (set by
``.ci/redis.sh``) or a throwaway server started here. Skipped without one, except on CI.
"""

import contextlib
import datetime
import http.client
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.utils import timezone

from moit_wagtail.pages import models as pages

ROOT = Path(__file__).resolve().parent.parent
HOST = "testserver"  # the public name both servers answer to, as behind a load balancer
OVERRIDES = """
from moit_site.settings import *  # noqa: F403
# No collectstatic for a test; the test users' passwords use the test suite's fast hasher.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The traffic log's writer thread is not what this test is about.
MIDDLEWARE = [m for m in MIDDLEWARE if "traffic" not in m]
"""

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def on_ci():
    return os.environ.get("CI", "").strip().lower() == "true"


def skip_or_fail(reason):
    if on_ci():
        pytest.fail(f"{reason} (CI=true: this test must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not start within {seconds} s")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    import redis

    external = os.environ.get("MOIT_TEST_REDIS_URL")
    if external:
        yield external
        return
    binary = shutil.which("redis-server")
    if not binary:
        skip_or_fail("redis-server not installed: apt-get install redis-server")
    port = free_port()
    directory = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],  # fmt: skip
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        wait_for(lambda: redis.Redis.from_url(url).ping(), 20, "redis-server")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def shared_database_url(tmp_path):
    """A DATABASE_URL the server processes can open, holding what this test made."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        credentials = quote(settings["USER"] or "")
        if settings["PASSWORD"]:
            credentials += ":" + quote(settings["PASSWORD"])
        host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        return f"postgres://{credentials}@{host}/{settings['NAME']}"
    # SQLite: the test database lives in memory; copy it to a file both servers can read.
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


@pytest.fixture
def cluster(tmp_path, redis_url):
    """``cluster(database_url)`` -> the environment and the ports of servers A and B."""
    (tmp_path / "mp_settings.py").write_text(OVERRIDES)
    processes = []

    def start(database_url):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MOIT_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="mp_settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
            DJANGO_CACHE_DIR=str(tmp_path / "file-cache"),  # unused: Redis is configured
            DJANGO_CONN_MAX_AGE="0",
            DJANGO_LOG_LEVEL="WARNING",
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            MOIT_CACHE_KEY_PREFIX=f"moit-test-{secrets.token_hex(4)}",  # Redis may be shared
            MOIT_PAGE_CACHE_SECONDS="300",
            PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT), str(ROOT / "site")]),
        )
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "moit_site.wsgi",
                        "--workers",
                        "1",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                    ],
                    env=env,
                    cwd=ROOT,
                )  # fmt: skip
            )
        for port in ports:
            wait_for(lambda port=port: get(port, "/healthz/")[0] == 200, 90, f"server :{port}")
        return env, ports

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


def request(port, method, path, cookies=None, form=None):
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": HOST}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if form is not None:
        body = urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection_.request(method, path, body=body, headers=headers)
        response = connection_.getresponse()
        content = response.read().decode()
        if cookies is not None:
            for header in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, content
    finally:
        connection_.close()


def get(port, path):
    """An anonymous visitor (no cookies): status, the X-Page-Cache header, the body."""
    status, headers, content = request(port, "GET", path)
    return status, headers.get("X-Page-Cache"), content


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def unpublish_through_admin(port, page_id):
    """What an admin does in the browser on server A: log in, unpublish, confirm."""
    cookies = {}
    _status, _headers, html = request(port, "GET", "/admin/login/", cookies)
    status, _headers, _html = request(
        port,
        "POST",
        "/admin/login/",
        cookies,
        {"csrfmiddlewaretoken": csrf_token(html), "username": "admin", "password": "password"},
    )
    assert status == 302 and "sessionid" in cookies, "admin login on server A failed"
    confirm_url = f"/admin/pages/{page_id}/unpublish/"
    _status, _headers, html = request(port, "GET", confirm_url, cookies)
    status, _headers, _html = request(
        port, "POST", confirm_url, cookies, {"csrfmiddlewaretoken": csrf_token(html)}
    )
    assert status == 302, f"unpublish on server A answered {status}"


def manage(env, *args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def primed(port, path):
    """Request ``path`` until it comes from the cache; return the cached body."""
    assert get(port, path)[0] == 200
    status, cache, content = get(port, path)
    assert (status, cache) == (200, "hit")
    return content


def test_a_change_on_one_server_shows_at_once_on_the_other(
    cluster, tmp_path, make_page, admin_user
):
    changed = make_page(pages.LawPage, title="ระเบียบฉบับเดิม", slug="rule")
    withdrawn = make_page(pages.LawPage, title="ประกาศที่จะถอน", slug="withdrawn")
    expiring = make_page(pages.LawPage, title="ประกาศที่จะหมดอายุ", slug="expiring")
    env, (a, b) = cluster(shared_database_url(tmp_path))

    # One cache for both: what B stored, A serves.
    assert "ระเบียบฉบับเดิม" in primed(b, changed.url)
    status, cache, content = get(a, changed.url)
    assert (status, cache) == (200, "hit") and "ระเบียบฉบับเดิม" in content

    # Publish from another process (what a cron job or a third server does).
    manage(
        env,
        "shell",
        "-c",
        "from moit_wagtail.pages.models import LawPage; "
        f"page = LawPage.objects.get(pk={changed.pk}); page.title = 'ระเบียบฉบับแก้ไข'; "
        "page.save_revision().publish()",
    )
    status, cache, content = get(b, changed.url)
    assert status == 200 and cache is None, "B served its old copy after the publish"
    assert "ระเบียบฉบับแก้ไข" in content and "ระเบียบฉบับเดิม" not in content

    # Unpublish through A's admin: B stops serving the page at once.
    primed(b, withdrawn.url)
    unpublish_through_admin(a, withdrawn.pk)
    assert get(b, withdrawn.url)[0] == 404

    # Expiry: the page stays cached until the scheduled run takes it down, then it is gone.
    primed(b, expiring.url)
    past = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    manage(
        env,
        "shell",
        "-c",
        "from moit_wagtail.pages.models import LawPage; "
        f"LawPage.objects.filter(pk={expiring.pk}).update(expire_at='{past}')",
    )
    assert get(b, expiring.url)[:2] == (200, "hit")  # an update alone changes nothing seen
    manage(env, "moit_publish_scheduled")
    assert get(b, expiring.url)[0] == 404
    assert get(a, expiring.url)[0] == 404
