"""Media on S3-compatible storage (several app servers share one bucket), against a real S3
API on loopback (moto's server), not a mock of boto3: documents go into the bucket, are
still served through Wagtail's view with its permission checks and safe headers, and are
deleted from the bucket with their document."""

import runpy
import secrets

import boto3
import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

moto_server = pytest.importorskip("moto.server", reason="moto[server] not installed")

BUCKET = "moit-media-test"
REGION = "us-east-1"
KEYS = {"MOIT_S3_ACCESS_KEY_ID": "testing", "MOIT_S3_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="module")
def s3_endpoint():
    """A throwaway S3 server on a free loopback port, with an empty private bucket."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    s3_client(endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


def s3_client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def settings_from_env(monkeypatch, **env):
    """The settings module's names as it builds them from these environment variables."""
    for name in ("MOIT_S3_BUCKET", "MOIT_S3_ENDPOINT_URL", "MOIT_S3_PREFIX", *KEYS):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("moit_site.settings")


def storages_from_env(monkeypatch, **env):
    """``STORAGES`` as settings.py builds it from these environment variables."""
    return settings_from_env(monkeypatch, **env)["STORAGES"]


@pytest.fixture
def on_s3(s3_endpoint, settings, monkeypatch):
    """Media storage switched to the bucket by the same environment variables as production;
    a fresh prefix per test. Returns the key prefix."""
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # never look for a cloud role
    prefix = f"media-{secrets.token_hex(4)}"
    storages = storages_from_env(
        monkeypatch,
        MOIT_S3_BUCKET=BUCKET,
        MOIT_S3_ENDPOINT_URL=s3_endpoint,
        MOIT_S3_REGION=REGION,
        MOIT_S3_PREFIX=prefix,
        **KEYS,
    )
    settings.STORAGES = {**settings.STORAGES, "default": storages["default"]}
    return prefix


def bucket_keys(endpoint, prefix):
    listing = s3_client(endpoint).list_objects_v2(Bucket=BUCKET, Prefix=prefix + "/")
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_media_stay_on_local_disk_unless_a_bucket_is_configured(monkeypatch):
    local = storages_from_env(monkeypatch)["default"]
    assert local["BACKEND"].endswith("FileSystemStorage")
    remote = storages_from_env(
        monkeypatch, MOIT_S3_BUCKET="agency-media", MOIT_S3_ENDPOINT_URL="http://minio:9000"
    )["default"]
    assert remote["BACKEND"] == "moit_wagtail.uploads.s3.ThaiS3Storage"
    options = remote["OPTIONS"]
    assert options["bucket_name"] == "agency-media"
    assert options["endpoint_url"] == "http://minio:9000"
    assert options["location"] == "media"
    assert options["file_overwrite"] is False and options["default_acl"] is None
    assert options["access_key"] is None  # boto3's own credential chain then


def test_document_round_trip_through_the_bucket_and_wagtails_serve_view(
    on_s3, s3_endpoint, make_document, client, django_capture_on_commit_callbacks
):
    content = b"%PDF-1.4\n% " + "แผนปฏิบัติราชการ".encode() + b"\n" + secrets.token_bytes(2048)
    document = make_document("annual-plan.pdf", content, title="แผนปฏิบัติราชการ")

    key = f"{on_s3}/documents/annual-plan.pdf"
    assert bucket_keys(s3_endpoint, on_s3) == [key]
    stored = client_body(s3_endpoint, key)
    assert stored == content
    with pytest.raises(NotImplementedError):
        document.file.storage.path(document.file.name)  # remote: nothing on local disk

    response = client.get(document.url)
    assert document.url.startswith("/documents/")  # our view, not a bucket URL
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    # The same headers as from local disk: Wagtail's (inline for PDF, else attachment with
    # the file name), no sniffing, no script.
    assert response["Content-Disposition"] == document.content_disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Length"] == str(len(content))

    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert bucket_keys(s3_endpoint, on_s3) == []


def client_body(endpoint, key):
    return s3_client(endpoint).get_object(Bucket=BUCKET, Key=key)["Body"].read()


def test_a_second_upload_with_the_same_name_keeps_the_first_file(on_s3, s3_endpoint, make_document):
    first = make_document("report.pdf", b"%PDF-1.4\n% first\n")
    second = make_document("report.pdf", b"%PDF-1.4\n% second\n")
    assert first.file.name != second.file.name
    assert len(bucket_keys(s3_endpoint, on_s3)) == 2
    assert client_body(s3_endpoint, f"{on_s3}/{first.file.name}") == b"%PDF-1.4\n% first\n"


def test_a_restricted_collection_is_still_checked_before_serving(
    on_s3, make_document, client, admin_client
):
    private = Collection.get_first_root_node().add_child(name="เอกสารภายใน")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="เจ้าหน้าที่"))
    document = make_document("internal.pdf", b"%PDF-1.4\n% internal\n")
    document.collection = private
    document.save()

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    allowed = admin_client.get(document.url)  # a superuser passes the group restriction
    assert allowed.status_code == 200
    assert b"".join(allowed.streaming_content) == b"%PDF-1.4\n% internal\n"


def test_images_and_renditions_go_to_the_bucket_with_signed_urls(on_s3, s3_endpoint, make_image):
    image = make_image("chart.png", size=(400, 300))
    rendition = image.get_rendition("width-100")
    keys = bucket_keys(s3_endpoint, on_s3)
    assert f"{on_s3}/original_images/chart.png" in keys
    assert any(key.startswith(f"{on_s3}/images/chart.") for key in keys)
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/{on_s3}/images/")
    assert "X-Amz-Signature=" in rendition.url  # the bucket stays private


def test_public_pages_allow_images_from_the_bucket(monkeypatch, client, home_page, settings):
    """Image URLs point at the bucket: the public pages' CSP must let the browser load them."""
    built = settings_from_env(
        monkeypatch, MOIT_S3_BUCKET=BUCKET, MOIT_S3_ENDPOINT_URL="http://minio:9000/"
    )
    assert built["MOIT_CSP_IMG_SRC"] == ["http://minio:9000"]
    settings.MOIT_CSP_IMG_SRC = built["MOIT_CSP_IMG_SRC"]
    csp = client.get(home_page.url)["Content-Security-Policy"]
    assert "img-src 'self' data: http://minio:9000;" in csp + ";"
