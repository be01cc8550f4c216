"""The reference site's settings as a deployer meets them: env vars in, manage.py/gunicorn out."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PRINT_DATABASE = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'], default=str))"
)


def clean_env(**env):
    """The host's (and pytest's) DJANGO_*/DATABASE_URL/PYTHONPATH don't leak into subprocesses."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "PYTHONPATH"}
    }
    return {**clean, **{key: str(value) for key, value in env.items()}}


def run(args, cwd=ROOT, **env):
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=180,
    )


def production_env():
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
        "DJANGO_ALLOWED_HOSTS": "www.example.go.th",
    }


def test_production_settings_pass_the_deploy_check():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production_env(),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in result.stdout, output
    assert "WARNING" not in output


def test_production_refuses_to_start_without_a_secret_key():
    result = run([sys.executable, "manage.py", "check"], DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("django-insecure-" + secrets.token_urlsafe(45), id="django-insecure"),
        pytest.param(secrets.token_urlsafe(30), id="short"),
    ],
)
def test_production_refuses_a_weak_secret_key(key):
    result = run([sys.executable, "manage.py", "check"], DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak" in result.stderr


def database_for(**env):
    result = run(
        [sys.executable, "-c", PRINT_DATABASE],
        DJANGO_SETTINGS_MODULE="moit_site.settings",
        PYTHONPATH=ROOT / "site",
        DJANGO_DEBUG="1",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_database_url_selects_postgresql():
    db = database_for(DATABASE_URL="postgres://u:p@db.example:5432/x")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "x",
        "u",
        "p",
        "db.example",
        5432,
    )


def test_sqlite_in_the_repository_is_the_default_database():
    db = database_for()
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == ROOT / "db.sqlite3"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_serves_the_site_with_the_documented_command(tmp_path):
    # A real server, not --check-config: that imports the app before applying --pythonpath.
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {**production_env(), "DJANGO_SECURE_PROXY_SSL_HEADER": "1"}
    command = ["-m", "gunicorn", "--pythonpath", "site", "moit_site.wsgi"]
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, *command, "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=clean_env(**env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request(
                    "GET",
                    "/healthz/",
                    headers={"Host": "www.example.go.th", "X-Forwarded-Proto": "https"},
                )
                response = conn.getresponse()
                break
            except (ConnectionError, http.client.HTTPException):  # not listening/booted yet
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        assert (response.status, response.read()) == (200, b"ok"), log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_wsgi_module_finds_the_project_by_itself(tmp_path):
    """Only site/ on the path and a foreign working directory: wsgi.py must add the repo root."""
    request = f"""
import sys
sys.path.insert(0, {str(ROOT / "site")!r})
from wsgiref.util import setup_testing_defaults
from moit_site.wsgi import application

environ = {{"HTTP_HOST": "www.example.go.th", "PATH_INFO": "/"}}
setup_testing_defaults(environ)
replies = []
application(environ, lambda status, headers: replies.append((status, dict(headers))))
print(replies[0][0].split()[0], replies[0][1].get("Location"))
"""
    # -I: no PYTHONPATH, no current directory on sys.path.
    result = run([sys.executable, "-I", "-c", request], cwd=tmp_path, **production_env())
    assert result.returncode == 0, result.stderr
    # Production settings answer plain HTTP with a redirect to HTTPS, before any database work.
    assert result.stdout.split() == ["301", "https://www.example.go.th/"]


def test_thai_locale_and_bangkok_time():
    assert settings.LANGUAGE_CODE == "th"
    assert settings.TIME_ZONE == "Asia/Bangkok"
    assert settings.USE_TZ is True
    assert settings.USE_I18N is True
    assert "en" in dict(settings.LANGUAGES)
