"""Settings for the moit-wagtail reference site.

Everything that differs between a laptop and a server comes from the environment
(12-factor): DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL,
EMAIL_URL-style settings and the MOIT_* switches. See README "Deploy".
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from moit_wagtail.defaults import DOCUMENT_EXTENSIONS

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent.parent  # the repository root


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

_INSECURE_DEV_KEY = "django-insecure-moit-wagtail-development-only-key-do-not-deploy"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            '(generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))").'
        )
    SECRET_KEY = _INSECURE_DEV_KEY
elif not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use 50+ random characters."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "moit_wagtail",
    "moit_wagtail.pages",
    "moit_wagtail.workflow",
    "moit_wagtail.evidence",
    "moit_wagtail.checklist",
    "moit_wagtail.monitoring",
    "moit_wagtail.reminders",
    "moit_wagtail.importer",
    "moit_wagtail.search",
    "moit_wagtail.stats",
    "moit_wagtail.survey",
    "moit_wagtail.eservices",
    "moit_wagtail.personal_data",  # PDPA: retention, anonymisation, citizens' requests
    "moit_wagtail.public",
    "moit_wagtail.traffic",  # Computer Crime Act traffic log
    "moit_wagtail.backup",  # moit_backup / moit_restore commands
    # Thai for Wagtail's own admin: before every wagtail.* app, since the app listed first
    # wins a msgid (our apps above keep their own wording); its JavaScript catalogue is
    # routed in moit_site/urls.py.
    "moit_wagtail.wagtail_th",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django_filters",
    "axes",  # admin login lock-out; its backend is first in AUTHENTICATION_BACKENDS
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: logs every response (HTTPS redirects, static, cached pages, admin, 500s).
    "moit_wagtail.traffic.middleware.TrafficLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP (public / admin / documents), Permissions-Policy; sees cached pages too.
    "moit_wagtail.security.headers.SecurityHeadersMiddleware",
    # Database down (PostgreSQL restart) or upload disk full: a Thai 503 with Retry-After
    # instead of a 500; Django reconnects by itself afterwards (moit_wagtail.unavailable).
    "moit_wagtail.unavailable.ServiceUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # CSV exports of Wagtail's own reports (site history...) start with a BOM for Excel.
    "moit_wagtail.spreadsheets.ExcelCsvMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns django-axes' lock-out of the admin login into our Thai page.
    "axes.middleware.AxesMiddleware",
    # Counts visits before the page cache, so pages served from the cache count too.
    "moit_wagtail.stats.middleware.VisitorCountMiddleware",
    # Last, so cached pages still pass through the security and locale middleware above.
    "moit_wagtail.page_cache.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "moit_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "moit_site.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# SQLite: a transaction takes the write lock when it starts, so two writers wait (up to
# 20 s) instead of failing with "database is locked" (bench/load_bench.py: 10% of e-service
# posts failed); WAL lets visitors read while a long write (an import) runs.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English available; Bangkok time; dates rendered in the Buddhist era by our tags.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = [("th", _("Thai"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    # Django's storage, except that stored names keep Thai vowel and tone marks.
    "default": {"BACKEND": "moit_wagtail.uploads.storage.ThaiFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Several app servers: MOIT_S3_BUCKET puts media (documents, images, renditions) on
# S3-compatible storage (AWS, MinIO, Ceph...). Keep the bucket private: documents are still
# served by Wagtail's view (permissions, safe headers); image URLs are signed unless
# MOIT_S3_CUSTOM_DOMAIN (a CDN or public domain for images) is set.
MOIT_S3_BUCKET = os.environ.get("MOIT_S3_BUCKET", "")
if MOIT_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "moit_wagtail.uploads.s3.ThaiS3Storage",  # keeps Thai marks in names
        "OPTIONS": {
            "bucket_name": MOIT_S3_BUCKET,
            "location": os.environ.get("MOIT_S3_PREFIX", "media"),
            "endpoint_url": os.environ.get("MOIT_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MOIT_S3_REGION") or None,
            # Empty: boto3's own chain (instance role, ~/.aws) supplies the credentials.
            "access_key": os.environ.get("MOIT_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("MOIT_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("MOIT_S3_CUSTOM_DOMAIN") or None,
            "addressing_style": os.environ.get("MOIT_S3_ADDRESSING_STYLE") or None,
            "default_acl": None,  # objects inherit the bucket's (private) policy
            "file_overwrite": False,  # a new upload never replaces another one's file
            "querystring_auth": True,
            "signature_version": "s3v4",
        },
    }
    # Public pages allow images only from listed origins (CSP img-src): add the bucket's.
    if os.environ.get("MOIT_S3_CUSTOM_DOMAIN"):
        MOIT_CSP_IMG_SRC = [f"https://{os.environ['MOIT_S3_CUSTOM_DOMAIN']}"]
    elif os.environ.get("MOIT_S3_ENDPOINT_URL"):
        MOIT_CSP_IMG_SRC = [os.environ["MOIT_S3_ENDPOINT_URL"].rstrip("/")]
    else:  # AWS: virtual-hosted bucket address
        MOIT_CSP_IMG_SRC = [f"https://{MOIT_S3_BUCKET}.s3.amazonaws.com", "https://*.amazonaws.com"]
# In production whitenoise serves the collected files; runserver serves them in DEBUG.
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The importer takes up to 500 files a request (Django's default 100 gives an English 400).
DATA_UPLOAD_MAX_NUMBER_FILES = 510

# Cache: shared by every worker process on this machine (the page cache relies on it).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
# Several app servers: REDIS_URL (redis://host:6379/0) puts the cache in Redis, so cached
# pages and their invalidation on publish, the rate limits and the footer links hold for
# every server at once. If Redis goes down, pages are served uncached (one warning per
# interval) and the forms' rate limits do not apply until it is back (fail open).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "moit_wagtail.cache_backend.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("MOIT_CACHE_KEY_PREFIX", "moit"),
    }
# django-tasks: the importer's tasks in a process each (importer/background.py) or a worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "moit_imports": {"BACKEND": "moit_wagtail.importer.background.ProcessBackend"},
}
# Anonymous visitors get cached pages for this long at most; publishing clears them at once.
MOIT_PAGE_CACHE_SECONDS = int(os.environ.get("MOIT_PAGE_CACHE_SECONDS", "300"))
# The Thai search's extra word list (the agency's own terms, one a line), besides the shipped ones.
MOIT_SEARCH_WORDS = os.environ.get("MOIT_SEARCH_WORDS") or None
# Behind a reverse proxy: the request header naming the client (e.g. HTTP_X_FORWARDED_FOR,
# whose last entry, added by the proxy, is used); empty means REMOTE_ADDR.
MOIT_CLIENT_IP_HEADER = os.environ.get("MOIT_CLIENT_IP_HEADER", "")
# File locks of the cron commands on SQLite (PostgreSQL uses advisory locks): default beside
# the database file.
MOIT_LOCK_DIR = os.environ.get("MOIT_LOCK_DIR") or None
# Citizens' e-service attachments (personal data), never served by the web server; default
# <DJANGO_MEDIA_ROOT>/../private-media. Share it between app servers (NFS) if you run several.
MOIT_PRIVATE_MEDIA_ROOT = os.environ.get("MOIT_PRIVATE_MEDIA_ROOT") or None

# Review reminders (seed 3.2): look this many days ahead; escalate to the unit's website
# admins what is overdue by more than this many days.
MOIT_REMINDER_DAYS = int(os.environ.get("MOIT_REMINDER_DAYS", "14"))
MOIT_ESCALATE_AFTER_DAYS = int(os.environ.get("MOIT_ESCALATE_AFTER_DAYS", "14"))

# Computer Crime Act B.E. 2560 s.26: keep traffic data at least 90 days (prune_traffic_log);
# static files are not logged unless MOIT_TRAFFIC_LOG_STATIC=1.
MOIT_TRAFFIC_LOG_RETENTION_DAYS = int(os.environ.get("MOIT_TRAFFIC_LOG_RETENTION_DAYS", "90"))
MOIT_TRAFFIC_LOG_STATIC = env_bool("MOIT_TRAFFIC_LOG_STATIC", False)

# Email: console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening: on unless DEBUG. Behind a TLS-terminating proxy set
# DJANGO_SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    # HSTS is opt-in: browsers then refuse plain HTTP for this long, which cannot be undone
    # from the server. Turn it on (e.g. 31536000) once HTTPS works for every host name.
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
    if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames the site
SILENCED_SYSTEM_CHECKS = [
    "security.W019",  # X_FRAME_OPTIONS is SAMEORIGIN on purpose (line above)
    # Preload commits the whole registered domain to HTTPS in browsers for months;
    # an agency opts in with DJANGO_SECURE_HSTS_PRELOAD=1 once every subdomain is ready.
    "security.W021",
]
if not DEBUG and not SECURE_HSTS_SECONDS:
    SILENCED_SYSTEM_CHECKS.append("security.W004")  # HSTS not yet turned on: opt-in (above)
# Load balancers probe /healthz/ over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

from .log_settings import LOGGING  # noqa: E402,F401  (paths masked like the traffic log's)

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("MOIT_SITE_NAME", "MOIT Wagtail")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# No third-party requests from the admin (Gravatar would receive a hash of each email).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for updates: upgrades follow the README.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's login form with a translatable "Password" label (moit_wagtail.wagtail_th.forms).
WAGTAILADMIN_USER_LOGIN_FORM = "moit_wagtail.wagtail_th.forms.LoginForm"
# Approvers of each unit are told of requests by the workflow; superusers need not be.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# One search index for the admin and the public site, that finds Thai words inside longer
# written words (moit_wagtail.search.backend).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "moit_wagtail.search.backend"}}
# Admin date inputs stay ISO (YYYY-MM-DD, Gregorian): Django accepts it in every language,
# while Thai and English day/month orders differ. Beside each one the admin shows the date in
# Buddhist-era words, and a year >= 2400 typed by hand is read as B.E. (moit_wagtail/
# date_inputs.py); displayed dates are B.E. in Thai (moit_wagtail/buddhist_era.py), as on
# public pages.
# File types an agency may publish (seed 2.2.3).
WAGTAILDOCS_EXTENSIONS = DOCUMENT_EXTENSIONS
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("MOIT_MAX_UPLOAD_MB", "20")) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Hostile uploads: every document and image form checks content (magic bytes,
# programs, script, zip bombs, PDF actions) and sanitises the file name; SVG is refused.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "moit_wagtail.uploads.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "moit_wagtail.uploads.forms.ImageForm"
MOIT_UPLOAD_MAX_UNPACKED_MB = int(os.environ.get("MOIT_UPLOAD_MAX_UNPACKED_MB", "500"))
MOIT_UPLOAD_MAX_COMPRESSION_RATIO = int(os.environ.get("MOIT_UPLOAD_MAX_COMPRESSION_RATIO", "100"))
MOIT_UPLOAD_MAX_ARCHIVE_MEMBERS = int(os.environ.get("MOIT_UPLOAD_MAX_ARCHIVE_MEMBERS", "10000"))
# Text inside attached files for search (moit_wagtail/search/file_text.py), read after the
# upload commits by one background thread per process; docs/deploy.md has the cron line.
MOIT_FILE_TEXT_IN_BACKGROUND = os.environ.get("MOIT_FILE_TEXT_IN_BACKGROUND", "1") == "1"
MOIT_FILE_TEXT_MAX_MB = int(os.environ.get("MOIT_FILE_TEXT_MAX_MB", "30"))
MOIT_FILE_TEXT_MAX_PAGES = int(os.environ.get("MOIT_FILE_TEXT_MAX_PAGES", "500"))
MOIT_FILE_TEXT_MAX_CHARS = int(os.environ.get("MOIT_FILE_TEXT_MAX_CHARS", "200000"))

# Admin login brute force: django-axes locks a username from one client address
# (our proxy-aware rule) after MOIT_LOGIN_FAILURE_LIMIT failures, for the cool-off minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must be first
    "django.contrib.auth.backends.ModelBackend",
]
MOIT_LOGIN_FAILURE_LIMIT = int(os.environ.get("MOIT_LOGIN_FAILURE_LIMIT", "5"))
MOIT_LOGIN_COOLOFF_MINUTES = int(os.environ.get("MOIT_LOGIN_COOLOFF_MINUTES", "15"))
AXES_FAILURE_LIMIT = MOIT_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=MOIT_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "moit_wagtail.clients.client_address"
AXES_LOCKOUT_CALLABLE = "moit_wagtail.security.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A password-reset link works for an hour (Django's default is three days): the link sits
# in a mailbox and, opened, in browser histories and proxy logs; an hour is enough to use it
# and keeps a forgotten one from being replayed days later. Seconds, like Django's setting.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("DJANGO_PASSWORD_RESET_TIMEOUT", "3600"))
# Cookies: never readable by scripts, not sent on cross-site requests (Secure: see above).
# Sessions stay in the database (Django's default engine), never in the cache alone: staff
# stay signed in and the admin keeps working while Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # Wagtail's admin takes the token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"

# moit-wagtail
MOIT_DEMO_PASSWORD = os.environ.get("MOIT_DEMO_PASSWORD", "")
