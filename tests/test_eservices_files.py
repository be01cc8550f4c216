"""Files citizens attach to e-service submissions: checked, stored privately, served only
to the unit's handlers and erased with the submission."""

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from moit_wagtail.eservices.models import (
    Submission,
)
from tests import factories
from tests.eservices_helpers import (
    PDF,
    complaint_data,
    docx_bytes,
    soup_of,
    text_of,
    upload,
)

pytestmark = pytest.mark.django_db


# -- attachments ------------------------------------------------------------------------


def test_allowed_files_are_stored_privately_and_served_only_to_handlers(
    client, complaint_page, handler, settings, tmp_path
):
    data = complaint_data(
        attachments=[
            upload("หลักฐาน.pdf", PDF, "application/pdf"),
            upload("photo.png", factories.png_bytes(), "image/png"),
            upload("letter.docx", docx_bytes()),
        ]
    )
    assert client.post(complaint_page.url, data).status_code == 302
    submission = Submission.objects.get()
    stored = list(submission.files.all())
    assert [item.original_name for item in stored] == ["หลักฐาน.pdf", "photo.png", "letter.docx"]
    for item in stored:
        path = Path(item.file.path)
        assert path.is_file()
        assert Path(settings.MEDIA_ROOT) not in path.parents  # never under the public media
        assert "หลักฐาน" not in path.name  # random stored name
    file_url = reverse("moit_eservice_submissions:file", args=[stored[0].pk])

    client.force_login(handler)
    response = client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    client.logout()
    assert client.get(file_url).status_code == 302  # to the admin login


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this is a Windows program", "content"),
        ("program.exe", b"MZ\x90\x00", "type"),
        ("photo.jpg", factories.png_bytes(), "content"),
        ("letter.docx", docx_bytes(with_document=False), "content"),
    ],
)
def test_dishonest_or_unknown_files_are_refused(client, complaint_page, name, content, code):
    response = client.post(complaint_page.url, complaint_data(attachments=[upload(name, content)]))
    assert response.status_code == 200 and not Submission.objects.exists()
    text = text_of(response)
    assert name in text
    with translation.override("th"):
        from django.utils.translation import gettext

        choose_again = gettext(
            "What you typed is kept, but files cannot be kept: "
            "choose your attachments again before sending."
        )
    assert choose_again in text
    assert soup_of(response).find("input", attrs={"name": "subject"})["value"] == "รอคิวนานเกินไป"


def test_oversized_files_are_refused(client, complaint_page):
    big = upload("scan.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))
    response = client.post(complaint_page.url, complaint_data(attachments=[big]))
    assert response.status_code == 200 and not Submission.objects.exists()
    assert "scan.pdf" in text_of(response) and "5.0" in text_of(response)


def test_erasing_a_submission_erases_its_files(client, complaint_page):
    client.post(complaint_page.url, complaint_data(attachments=[upload("a.pdf", PDF)]))
    path = Path(Submission.objects.get().files.get().file.path)
    Submission.objects.get().delete()
    assert not path.exists()
