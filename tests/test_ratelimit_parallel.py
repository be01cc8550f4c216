"""Parallel posts from one client never store more than the limit, on every cache backend.

Each use is one atomic increment, counted before anything is stored: 12 parallel survey
answers against a limit of 3 store 3, 30 parallel complaints against 10 store 10. Run on
the in-memory cache (tests' default), the file cache (the single-server default, several
workers) and Redis (several servers: ``MOIT_TEST_REDIS_URL`` or a server of our own); on
SQLite and, when ``DATABASE_URL`` selects it, PostgreSQL.
"""

import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import close_old_connections, connection
from django.test import Client, RequestFactory, override_settings

from moit_wagtail.eservices.models import Submission
from moit_wagtail.ratelimit import FixedWindowLimit
from moit_wagtail.survey.models import SurveyResponse
from tests.eservices_helpers import complaint_data
from tests.redis_helpers import redis_url
from tests.survey_helpers import answer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(params=["locmem", "file", "redis"])
def cache_backend(request, tmp_path):
    """The default cache on each kind of backend the site can be configured with."""
    if request.param == "locmem":
        config = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        with override_settings(CACHES={"default": config}):
            yield request.param
    elif request.param == "file":
        config = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "file-cache"),
        }
        with override_settings(CACHES={"default": config}):
            yield request.param
    else:
        with redis_url(tmp_path) as url:
            config = {
                "BACKEND": "moit_wagtail.cache_backend.ResilientRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": f"moit-test-{secrets.token_hex(4)}",  # Redis may be shared
            }
            with override_settings(CACHES={"default": config}):
                yield request.param


@pytest.fixture
def one_writer_on_sqlite(monkeypatch):
    """On SQLite, storing waits its turn (as a server's busy timeout would make it).

    The test database is in shared memory, where a second writer fails at once with
    "table is locked" instead of waiting. Only the storing (the answer, the submission and
    the receipt's session) waits: counting stays parallel.
    """
    if connection.vendor != "sqlite":
        return
    from django.contrib.sessions.backends.db import SessionStore

    from moit_wagtail.eservices import submit
    from moit_wagtail.survey import views

    turn = threading.RLock()
    writers = ((views, "save_response"), (submit, "save_submission"), (SessionStore, "save"))
    for module, name in writers:
        original = getattr(module, name)

        def waiting(*args, original=original, **kwargs):
            with turn:
                return original(*args, **kwargs)

        monkeypatch.setattr(module, name, waiting)


def in_parallel(count, action):
    """``action()`` from ``count`` threads released at the same moment; their results."""
    start = threading.Barrier(count)

    def run(_number):
        start.wait(timeout=30)
        try:
            return action()
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_parallel_uses_get_exactly_the_allowance(cache_backend):
    limit = FixedWindowLimit(f"parallel-{secrets.token_hex(4)}", 5, 600)
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")
    refused = in_parallel(24, lambda: limit.hit(request))
    assert refused.count(False) == 5
    assert limit.is_limited(request)


def test_parallel_survey_answers_store_no_more_than_the_limit(
    cache_backend, one_writer_on_sqlite, survey
):
    statuses = in_parallel(
        12, lambda: Client(REMOTE_ADDR="192.0.2.20").post(survey.url, answer(survey)).status_code
    )
    assert SurveyResponse.objects.count() == 3
    assert sorted(statuses) == [302] * 3 + [429] * 9


def test_parallel_complaints_store_no_more_than_the_limit(
    cache_backend, one_writer_on_sqlite, complaint_page
):
    statuses = in_parallel(
        30,
        lambda: (
            Client(REMOTE_ADDR="192.0.2.30").post(complaint_page.url, complaint_data()).status_code
        ),
    )
    assert Submission.objects.count() == 10
    assert sorted(statuses) == [302] * 10 + [429] * 20
