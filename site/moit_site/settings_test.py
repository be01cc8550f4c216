"""Settings for the test suite: production settings with a throwaway key and fast hashing."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-" + "x" * 60)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from .settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="moit-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="moit-test-static-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MOIT_PAGE_CACHE_SECONDS = 0  # tests that exercise the page cache turn it on themselves
# No traffic log in tests (its flush thread would write behind their back); its own
# tests (tests/test_traffic_log.py) put the middleware back.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "moit_wagtail.traffic.middleware.TrafficLogMiddleware"]  # noqa: F405
# Browser tests end only once the live server has finished what the tab last asked for.
MIDDLEWARE = ["tests.inflight.InFlightRequestsMiddleware", *MIDDLEWARE]
# Autosave a moment after the last keystroke (Wagtail's default is 500 ms): the browser
# tests type, let it run, then save (tests/browser/test_autosave_journey.py).
WAGTAIL_AUTOSAVE_INTERVAL = 300
# Visitor counts written in the request, never by the stats flush thread: that thread has
# its own connection and would write behind the tests' back, racing the database flush
# that ends each browser test (tests/test_stats.py turns the buffer on where it tests it).
MOIT_STATS_FLUSH_SECONDS = 0
# Attachment text read in the saving thread, after the commit: the background reader has
# its own connection and would write behind the tests' back (tests/test_file_text_jobs.py
# turns it on where it tests it).
MOIT_FILE_TEXT_IN_BACKGROUND = False
# Imports are checked and run inside the test's request (tests that watch the progress
# bar run them on a thread, tests/thread_tasks.py, or in a process: test_import_background).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "moit_imports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
