"""Each optional app's system checks fire when what it really needs is missing."""

import pytest
from django.core import checks
from django.utils import translation

from moit_wagtail import app_checks
from moit_wagtail.eservices import checks as eservices_checks
from moit_wagtail.evidence import checks as evidence_checks
from moit_wagtail.monitoring import checks as monitoring_checks
from moit_wagtail.public import checks as public_checks
from moit_wagtail.reminders import checks as reminders_checks
from moit_wagtail.search import checks as search_checks
from moit_wagtail.stats import checks as stats_checks
from moit_wagtail.survey import checks as survey_checks
from moit_wagtail.wagtail_th import checks as wagtail_th_checks

WAGTAIL_APPS = ["wagtail.admin", "wagtail", "wagtail.contrib.settings"]


def ids(messages):
    return [message.id for message in messages]


@pytest.fixture
def installed(monkeypatch):
    """Give the checks another INSTALLED_APPS (Django cannot swap apps in-process)."""

    def install(*names):
        monkeypatch.setattr(app_checks, "installed_apps", lambda: [*names])

    return install


def test_the_site_as_installed_passes_every_check():
    assert [m for m in checks.run_checks() if m.id.startswith("moit_")] == []


@pytest.mark.parametrize(
    ("check", "needed", "check_id"),
    [
        (evidence_checks.check_requirements, "moit_wagtail.checklist", "moit_evidence.E001"),
        (monitoring_checks.check_requirements, "moit_wagtail.checklist", "moit_monitoring.E001"),
        (reminders_checks.check_requirements, "moit_wagtail.monitoring", "moit_reminders.E001"),
        (survey_checks.check_requirements, "moit_wagtail.pages", "moit_survey.E001"),
        (eservices_checks.check_requirements, "moit_wagtail.pages", "moit_eservices.E001"),
        (public_checks.check_requirements, "wagtail.contrib.settings", "moit_public.E001"),
        (search_checks.check_requirements, "moit_wagtail.workflow", "moit_search.E001"),
    ],
)
def test_an_app_without_what_it_needs_is_an_error(installed, check, needed, check_id):
    everything = [*app_checks.CORE, "moit_wagtail.checklist", "moit_wagtail.monitoring"]
    installed(*everything, *WAGTAIL_APPS)
    assert check(None) == []
    installed(*[name for name in [*everything, *WAGTAIL_APPS] if name != needed])
    errors = check(None)
    assert ids(errors) == [check_id]
    assert f'"{needed}"' in errors[0].msg


def test_the_messages_are_translatable(installed):
    installed("moit_wagtail")
    with translation.override("th"):
        thai = translation.gettext("%(app)s needs %(needed)s in INSTALLED_APPS.")
        message = survey_checks.check_requirements(None)[0].msg
    assert message.startswith(thai.split("%(")[0])


def test_wagtail_th_after_a_wagtail_app_is_an_error(installed):
    installed("moit_wagtail.wagtail_th", *WAGTAIL_APPS)
    assert wagtail_th_checks.check_order(None) == []
    installed("wagtail.admin", "moit_wagtail.wagtail_th", "wagtail")
    errors = wagtail_th_checks.check_order(None)
    assert ids(errors) == ["moit_wagtail_th.E001"]
    assert "wagtail.admin" in errors[0].msg


def test_search_without_pythainlp_is_an_error(monkeypatch):
    assert search_checks.check_pythainlp(None) == []
    monkeypatch.setattr(search_checks, "pythainlp_installed", lambda: False)
    assert ids(search_checks.check_pythainlp(None)) == ["moit_search.E002"]


def test_stats_middleware_missing_or_after_the_page_cache(settings):
    assert stats_checks.check_middleware(None) == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != stats_checks.COUNTER]
    assert ids(stats_checks.check_middleware(None)) == ["moit_stats.W001"]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, stats_checks.COUNTER]
    assert ids(stats_checks.check_middleware(None)) == ["moit_stats.E002"]


def test_citizens_files_inside_the_public_media_root_are_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.MOIT_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    assert eservices_checks.check_private_files(None) == []
    settings.MOIT_PRIVATE_MEDIA_ROOT = str(tmp_path / "media" / "private")
    assert ids(eservices_checks.check_private_files(None)) == ["moit_eservices.E002"]


def test_rate_limits_in_a_dummy_cache_are_a_warning(settings):
    assert survey_checks.check_rate_limit_cache(None) == []
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert ids(survey_checks.check_rate_limit_cache(None)) == ["moit_survey.W001"]
    assert ids(eservices_checks.check_rate_limit_cache(None)) == ["moit_eservices.W001"]
