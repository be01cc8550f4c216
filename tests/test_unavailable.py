"""Database or disk failures give a short Thai 503 with Retry-After, other errors stay 500.

The real thing (PostgreSQL restarted under load, a full tmpfs) is measured by
``bench/fault_bench.py``; here the failures are injected where they would surface.
"""

import errno
import logging

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.utils import translation

from moit_wagtail import unavailable
from moit_wagtail.eservices.models import Submission, SubmissionFile
from moit_wagtail.uploads.storage import ThaiFileSystemStorage
from tests.eservices_helpers import PDF, complaint_data

LOGGER = "moit_wagtail.unavailable"


def thai(msgid):
    with translation.override("th"):
        return translation.gettext(msgid)


@pytest.fixture
def failing_search(monkeypatch):
    """Make the public search view raise ``exception`` when it queries the index."""

    def install(exception):
        def run(*args, **kwargs):
            raise exception

        monkeypatch.setattr("moit_wagtail.search.query.run", run)

    return install


def assert_unavailable(response, title):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]  # never kept by a proxy or the page cache
    text = response.content.decode()
    assert '<html lang="th">' in text
    assert thai(title) in text
    assert "Traceback" not in text and "OperationalError" not in text


def test_wired_into_the_site():
    assert "moit_wagtail.unavailable.ServiceUnavailableMiddleware" in settings.MIDDLEWARE
    from moit_site import urls

    assert urls.handler500 == "moit_wagtail.unavailable.server_error"


@pytest.mark.parametrize(
    "exception",
    [
        OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_database_error_in_a_public_request_is_a_thai_503(
    home_page, client, failing_search, caplog, exception
):
    failing_search(exception)
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        response = client.get("/search/", {"q": "ข่าว"})
    assert_unavailable(response, "The website is temporarily unavailable")
    with translation.override("th"):
        again = translation.ngettext(
            "Please try again in %(seconds)s second.",
            "Please try again in %(seconds)s seconds.",
            30,
        )
    assert again % {"seconds": 30} in response.content.decode()
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert "503 database unavailable: GET /search/" in record.getMessage()
    assert type(exception).__name__ in record.getMessage()


def test_database_error_on_a_wagtail_page(home_page, client, monkeypatch):
    def serve(self, request, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(type(home_page), "serve", serve)
    assert_unavailable(client.get("/"), "The website is temporarily unavailable")


def test_retry_after_follows_the_setting(home_page, client, failing_search, settings):
    settings.MOIT_UNAVAILABLE_RETRY_AFTER = 5
    failing_search(OperationalError("database is locked"))
    assert client.get("/search/", {"q": "x"})["Retry-After"] == "5"


def test_full_upload_disk_is_a_503_that_says_nothing_was_saved(home_page, client, failing_search):
    failing_search(OSError(errno.ENOSPC, "No space left on device"))
    response = client.get("/search/", {"q": "x"})
    assert_unavailable(response, "Files cannot be saved right now")


@pytest.mark.parametrize(
    "exception",
    [ValueError("a bug"), OSError(errno.EACCES, "Permission denied"), KeyError("x")],
)
def test_other_errors_stay_500(home_page, failing_search, caplog, exception):
    failing_search(exception)
    with pytest.raises(type(exception)):  # not swallowed by the middleware
        Client().get("/search/", {"q": "x"})
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        response = Client(raise_request_exception=False).get("/search/", {"q": "x"})
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert not [r for r in caplog.records if r.name == LOGGER]


class FailingMiddleware:
    """Raises outside any view, as SessionMiddleware does when it cannot save the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("terminating connection due to administrator command")


def test_database_error_outside_a_view_uses_handler500(home_page, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, f"{__name__}.FailingMiddleware"]
    response = Client(raise_request_exception=False).get("/")
    assert_unavailable(response, "The website is temporarily unavailable")


def test_handler500_keeps_django_500_for_other_errors(rf):
    request = rf.get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = unavailable.server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response


# -- a full disk leaves no file behind (fixes found by bench/fault_bench.py disk-full) ------


class FillsTheDisk(ContentFile):
    """Some bytes get written, then the disk is full."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.4\n" + b"0" * 1000
        raise OSError(errno.ENOSPC, "No space left on device")


def test_storage_removes_the_half_written_file_and_nothing_else(tmp_path):
    storage = ThaiFileSystemStorage(location=tmp_path)
    storage.save("documents/รายงาน.pdf", ContentFile(b"%PDF-1.4\n"))
    with pytest.raises(OSError):
        storage.save("documents/รายงาน.pdf", FillsTheDisk(b""))  # gets a new name
    with pytest.raises(OSError):
        storage.save("documents/อื่น.pdf", FillsTheDisk(b""))
    assert [p.name for p in (tmp_path / "documents").iterdir()] == ["รายงาน.pdf"]


def test_a_full_disk_during_a_submission_keeps_no_attachment(
    home_page, client, request, settings, tmp_path, monkeypatch
):
    form_page = request.getfixturevalue("complaint_page")  # from tests/conftest.py
    settings.MOIT_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    original, calls = FileSystemStorage._save, []

    def save(self, name, content):
        calls.append(name)
        if len(calls) == 2:  # the second attachment: half written, then ENOSPC
            return original(self, name, FillsTheDisk(b""))
        return original(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save)
    files = [SimpleUploadedFile(f"หลักฐาน{n}.pdf", PDF, "application/pdf") for n in range(2)]
    response = client.post(form_page.url, complaint_data(attachments=files))
    assert_unavailable(response, "Files cannot be saved right now")
    assert len(calls) == 2
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()
    assert not [p for p in (tmp_path / "private").rglob("*") if p.is_file()]


def test_traffic_log_keeps_a_request_whose_session_cannot_be_read(rf):
    """PostgreSQL down: the Computer Crime Act log still gets the request, without a user."""
    from django.utils.functional import SimpleLazyObject

    from moit_wagtail.traffic.recorder import request_user

    def load_user():
        raise OperationalError("connection refused")

    request = rf.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    request.user = SimpleLazyObject(load_user)
    assert request_user(request) is None
