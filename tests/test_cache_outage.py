"""Redis down: public pages are served uncached, the forms still work, one warning a while.

A real redis-server of our own is started, the cache pointed at it, then stopped.
"""

import logging
import secrets

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from moit_wagtail import cache_backend
from moit_wagtail.pages import models as pages
from moit_wagtail.survey.models import SurveyResponse
from tests.redis_helpers import RedisServer
from tests.survey_helpers import answer


@pytest.fixture
def stopped_redis(tmp_path, settings):
    server = RedisServer(tmp_path).start()
    config = {
        "BACKEND": "moit_wagtail.cache_backend.ResilientRedisCache",
        "LOCATION": server.url,
        "KEY_PREFIX": f"moit-test-{secrets.token_hex(4)}",
    }
    settings.MOIT_PAGE_CACHE_SECONDS = 300
    cache_backend.outages.reset()
    with override_settings(CACHES={"default": config}):
        cache.set("probe", 1)
        assert cache.get("probe") == 1  # it was really up
        server.stop()
        yield server
    cache_backend.outages.reset()


@pytest.mark.django_db
def test_public_pages_and_forms_work_uncached_and_warn_once(
    survey, make_page, stopped_redis, caplog
):
    # The survey is built before Redis stops (fixtures in argument order); the page after,
    # so its publication already meets the outage.
    law = make_page(pages.LawPage)
    with caplog.at_level(logging.WARNING, logger="moit_wagtail.cache_backend"):
        for _ in range(3):
            response = Client().get(law.url)
            assert response.status_code == 200
            assert "X-Page-Cache" not in response
        assert Client().post(survey.url, answer(survey)).status_code == 302
    assert SurveyResponse.objects.count() == 1
    warnings = [r for r in caplog.records if r.name == "moit_wagtail.cache_backend"]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_admin_keeps_working(stopped_redis, admin_client):
    assert admin_client.get("/admin/").status_code == 200
