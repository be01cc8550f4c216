"""The moit-wagtail wheel: what it ships, and that another Wagtail project can install it."""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.install]

ROOT = Path(__file__).resolve().parent.parent
MO = "moit_wagtail/locale/th/LC_MESSAGES/django.mo"

# Left out of the copy the wheel is built from: never part of a clean clone.
SKIP_ANYWHERE = {".git", ".venv", "__pycache__", "node_modules", ".pytest_cache", ".ruff_cache"}
SKIP_FROM_ROOT = {"build", "dist", "media", "static", "db.sqlite3", "bench/.work"}


def run(args, **kwargs):
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, timeout=600, **kwargs
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def ignore(directory, names):
    relative = Path(directory).relative_to(ROOT)
    return {
        name
        for name in names
        if name in SKIP_ANYWHERE
        or name.endswith(".egg-info")
        or (relative / name).as_posix() in SKIP_FROM_ROOT
    }


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A copy of the tree: setuptools writes build/ and *.egg-info next to the sources, and a
    stale build/lib would otherwise leak files the sources no longer have into the wheel."""
    src = tmp_path_factory.mktemp("wheel") / "src"
    shutil.copytree(ROOT, src, ignore=ignore, symlinks=True)
    return src


@pytest.fixture(scope="module")
def wheel(source):
    dist = source.parent / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--no-build-isolation"]
        + ["--disable-pip-version-check", "-q", "-w", dist]
    )
    (built,) = dist.glob("moit_wagtail-*.whl")
    return built


@pytest.fixture(scope="module")
def shipped(wheel):
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def package_files(source, pattern):
    return {
        path.relative_to(source).as_posix()
        for path in (source / "moit_wagtail").glob(pattern)
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_wheel_holds_only_the_package(shipped, wheel):
    top_level = {name.split("/")[0] for name in shipped}
    dist_info = wheel.name.split("-py")[0] + ".dist-info"
    assert top_level == {"moit_wagtail", dist_info}


def test_wheel_ships_migrations_data_and_templates(source, shipped):
    migrations = package_files(source, "**/migrations/*.py")
    templates = package_files(source, "**/templates/**/*.html")
    assert "moit_wagtail/migrations/0001_initial.py" in migrations
    assert "moit_wagtail/pages/migrations/0001_initial.py" in migrations
    assert templates, "no templates in the source tree?"
    assert not migrations - shipped
    assert not templates - shipped
    assert "moit_wagtail/data/seed_clauses.json" in shipped


def test_wheel_ships_every_file_of_the_package(source, shipped):
    missing = sorted(package_files(source, "**/*") - shipped)
    assert missing == []


def test_wheel_ships_the_thai_catalogue(source, shipped):
    if not (source / MO).exists():
        pytest.skip(f"{MO} is not compiled in the source tree yet")
    assert MO in shipped


OTHER_SETTINGS = """\
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "another-wagtail-project-" + "k" * 50
DEBUG = False
ALLOWED_HOSTS = ["localhost"]
INSTALLED_APPS = [
    "moit_wagtail",
    "moit_wagtail.pages",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "other_urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "Another Wagtail project"
WAGTAILADMIN_BASE_URL = "http://localhost"
"""

OTHER_URLS = """\
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("moit/", include("moit_wagtail.urls")),
    path("", include(wagtail_urls)),
]
"""


def test_installs_and_migrates_in_another_wagtail_project(wheel, tmp_path):
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv])
    python = venv / "bin" / "python"
    # Django, Wagtail & co. come from this venv through a .pth file (no network needed);
    # only moit_wagtail itself is installed, from the wheel.
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    (Path(purelib.stdout.strip()) / "reference-venv.pth").write_text(
        sysconfig.get_path("purelib") + "\n"
    )
    run([python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel])

    # Outside the repository, and with no PYTHONPATH, the source tree can't be imported.
    project = tmp_path / "another_project"
    project.mkdir()
    (project / "other_settings.py").write_text(OTHER_SETTINGS)
    (project / "other_urls.py").write_text(OTHER_URLS)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "PYTHONPATH"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "other_settings"

    def django_admin(*args):  # `python -m django` puts the project directory on sys.path
        return run([python, "-m", "django", *args], cwd=project, env=env)

    django_admin("migrate", "--noinput")
    django_admin("check", "--fail-level", "WARNING")
    where = run(
        [python, "-c", "import moit_wagtail; print(moit_wagtail.__file__)"], cwd=project, env=env
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)
