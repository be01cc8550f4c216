"""The traffic log keeps what was asked but never a secret: tracking links, tracking
look-ups, password-reset links and any unknown query value are masked as they are
recorded, in the officer's export, and in rows stored before masking (the migration)."""

import csv
import io
import logging
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Site

from moit_wagtail.traffic import log_filter, masking
from moit_wagtail.traffic.models import TrafficLogEntry
from tests.eservices_helpers import make_submission
from tests.test_audit_export import officer  # noqa: F401  (fixture)
from tests.test_traffic_log import traffic  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

MASK = M = masking.MASK


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


def logged_paths():
    return list(TrafficLogEntry.objects.order_by("pk").values_list("path", flat=True))


def export_text(client, user):
    client.force_login(user)
    today = timezone.localdate().isoformat()
    response = client.post("/admin/moit/traffic/", {"date_from": today, "date_to": today})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_a_tracking_link_is_logged_without_its_secret(client, site):
    submission = make_submission(site)
    url = reverse("moit_eservices:track_detail", args=[submission.code, submission.secret])
    assert client.get(url).status_code == 200
    english = client.get("/en" + url)
    assert english.status_code == 200
    assert logged_paths() == [
        f"/e-services/track/{submission.code}/{MASK}/",
        f"/en/e-services/track/{submission.code}/{MASK}/",
    ]


def test_a_tracking_look_up_keeps_its_keys_not_its_values(client, site):
    submission = make_submission(site)
    query = {"code": submission.code, "secret": submission.secret}
    assert client.get(reverse("moit_eservices:track"), query).status_code == 302
    first = logged_paths()[0]
    assert first == f"/e-services/track/?code={MASK}&secret={MASK}"
    assert submission.secret not in "".join(logged_paths())


def test_a_password_reset_link_is_not_replayable_from_the_log(client, admin_user, officer):  # noqa: F811
    assert client.post("/admin/password_reset/", {"email": admin_user.email}).status_code == 302
    link = re.search(r"/admin/password_reset/confirm/(\S+)/(\S+)/", mail.outbox[0].body)
    uid, token = link.groups()
    opened = client.get(link.group(0))
    assert opened.status_code == 302  # Django swaps the token for the session's set-password
    assert opened.url == f"/admin/password_reset/confirm/{uid}/set-password/"
    assert client.get(opened.url).status_code == 200
    logged = logged_paths()
    assert f"/admin/password_reset/confirm/{MASK}/{MASK}/" in logged
    assert f"/admin/password_reset/confirm/{MASK}/set-password/" in logged
    text = export_text(client, officer)
    assert token not in text and uid not in text
    assert f"/admin/password_reset/confirm/{MASK}/{MASK}/" in text
    client.logout()
    replayed = client.get(f"/admin/password_reset/confirm/{MASK}/{MASK}/")
    assert replayed.status_code == 200 and replayed.context["validlink"] is False


def test_a_token_in_the_query_string_is_masked_and_harmless_keys_kept(client, home_page):
    client.get("/", {"token": "s3cr3t-token", "page": "2", "q": "งบประมาณ", "key": "k"})
    path = logged_paths()[0]
    assert "s3cr3t" not in path and "=k" not in path
    assert path.startswith("/?token=***&page=2&q=%E0%B8%87")
    assert path.endswith(f"&key={MASK}")


def test_the_export_holds_no_secret_of_any_kind(client, site, officer):  # noqa: F811
    submission = make_submission(site)
    client.get(reverse("moit_eservices:track_detail", args=[submission.code, submission.secret]))
    client.get("/", {"signature": "sig-value", "token": "tok-value"})
    client.get("/admin/login/", {"next": f"/e-services/track/C-2569-000001/{submission.secret}/"})
    text = export_text(client, officer)
    for secret in (submission.secret, "sig-value", "tok-value"):
        assert secret not in text
    paths = [row[4] for row in csv.reader(io.StringIO(text))]
    assert f"/e-services/track/{submission.code}/{MASK}/" in paths
    assert "/admin/login/?next=/e-services/track/C-2569-000001/***/" in paths


TOKEN = "cz1ab2-0123456789abcdef0123456789abcdef"  # the shape of Django's reset tokens
TRACK = "/e-services/track/C-2569-000001"
RESET = "/admin/password_reset/confirm"


@pytest.mark.parametrize(
    "stored, masked",
    [
        (f"{TRACK}/abcDEF_123-xyz/", f"{TRACK}/{MASK}/"),
        ("/en/e-services/track/?code=C&secret=a", f"/en/e-services/track/?code={M}&secret={M}"),
        (f"{RESET}/MQ/{TOKEN}/", f"{RESET}/{MASK}/{MASK}/"),
        (f"{RESET}/MQ/set-password/", f"{RESET}/{MASK}/set-password/"),
        (f"/accounts/reset/MQ/{TOKEN}/", f"/accounts/reset/{MASK}/{MASK}/"),
        (f"/elsewhere/MQ/{TOKEN}/", f"/elsewhere/{MASK}/{MASK}/"),
        ("/?token=abc&page=3&p=2&q=x&site=1", f"/?token={MASK}&page=3&p=2&q=x&site=1"),
        ("/f/?signature=abc&expires=1&X-Amz-Key=i", f"/f/?signature={M}&expires={M}&X-Amz-Key={M}"),
        ("/ข่าว/?export=csv&flag", "/ข่าว/?export=csv&flag"),
        ("/news/", "/news/"),
        ("/admin/moit/import/Ab_c-9/", f"/admin/moit/import/{MASK}/"),
        ("/admin/moit/import/Ab_c-9", f"/admin/moit/import/{MASK}"),
        ("/admin/moit/import/Ab_c-9/refused/", f"/admin/moit/import/{MASK}/refused/"),
        ("/admin/moit/import/template/", "/admin/moit/import/template/"),
        ("/admin/moit/import/documents/", "/admin/moit/import/documents/"),
    ],
)  # fmt: skip
def test_masking_of_a_stored_path(stored, masked):
    assert masking.mask_target(stored) == masked
    assert masking.mask_target(masked) == masked  # idempotent


def test_the_migration_masks_old_rows_in_batches_and_leaves_others_alone():
    now = timezone.now()
    paths = [
        "/e-services/track/C-2569-000001/abcDEF_123/",
        "/e-services/track/?code=C-2569-000002&secret=zzz",
        "/admin/password_reset/confirm/MQ/cz1ab2-0123456789abcdef0123456789abcdef/",
        "/?token=abc",
        "/news/",
        "/e-services/track/C-2569-000003/already/",
    ]
    rows = TrafficLogEntry.objects.bulk_create(
        TrafficLogEntry(at=now, client="203.0.113.1", method="GET", path=p, status=200)
        for p in paths
    )
    migration = import_module("moit_wagtail.traffic.migrations.0002_mask_secrets")
    assert masking.mask_stored_rows(TrafficLogEntry, batch_size=2) == 5
    stored = dict(TrafficLogEntry.objects.values_list("pk", "path"))
    assert [stored[row.pk] for row in rows] == [masking.mask_target(p) for p in paths]
    assert stored[rows[4].pk] == "/news/"
    migration.mask_existing_rows(apps, None)  # as migrate runs it: nothing left
    assert masking.mask_stored_rows(TrafficLogEntry) == 0


SECRET_PARAMETER = re.compile(r"secret|token|uid|key|sign|password", re.IGNORECASE)
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def test_every_route_with_a_secret_parameter_is_masked():
    """A new view with ``<token>`` (or a secret, key, signature...) in its path fails here."""
    checked = 0
    for route in routes(get_resolver().url_patterns):
        names = PARAMETER.findall(route)
        if not any(SECRET_PARAMETER.search(name) for name in names):
            continue
        samples = {name: f"v{index}abc" for index, name in enumerate(names)}
        path = "/" + PARAMETER.sub(lambda m, samples=samples: samples[m.group(1)], route)
        masked = masking.mask_path(path)
        for name, sample in samples.items():
            if SECRET_PARAMETER.search(name):
                assert sample not in masked, f"{route}: {name} is logged"
        checked += 1
    assert checked >= 2  # the tracking link and the password reset confirmation


def test_a_real_reset_token_has_the_shape_masked_anywhere(admin_user):
    token = default_token_generator.make_token(admin_user)
    uid = urlsafe_base64_encode(force_bytes(admin_user.pk))
    assert masking.mask_path(f"/x/{uid}/{token}/") == f"/x/{MASK}/{MASK}/"


def test_a_reset_link_expires_after_an_hour(settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 3600


def test_the_servers_own_log_lines_are_masked_too(client, site, caplog):
    submission = make_submission(site)
    wrong = reverse("moit_eservices:track_detail", args=[submission.code, "guessed-secret"])
    assert client.get(wrong).status_code == 404  # Django logs "Not Found: <path>"
    logging.getLogger("django.server").info('"%s" %s %s', f"GET {wrong}?token=t HTTP/1.1", 200, 1)
    messages = [record.getMessage() for record in caplog.records]
    assert f"Not Found: /e-services/track/{submission.code}/{MASK}/" in messages
    assert f'"GET /e-services/track/{submission.code}/{MASK}/?token={MASK} HTTP/1.1" 200 1' in (
        messages
    )
    assert "guessed-secret" not in caplog.text


def test_every_line_the_console_prints_is_masked():
    """Our own loggers (the 503 page logs its path) reach the console through this filter."""
    console = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, log_filter.MaskSecretsFilter) for f in handler.filters)
    ]
    assert console
    record = logging.makeLogRecord(
        {"msg": "503 database unavailable: GET %s", "args": ("/?secret=s",)}
    )
    bare = logging.makeLogRecord({"msg": "GET /x/?token=t HTTP/1.1", "args": ()})
    assert console[0].filter(record) and console[0].filter(bare)
    assert record.getMessage() == f"503 database unavailable: GET /?secret={MASK}"
    assert bare.getMessage() == f"GET /x/?token={MASK} HTTP/1.1"
