"""Word into a page, as a unit's editor in the admin: the page's header offers it, the
Word content becomes a new draft on top of the latest revision (what is live does not
change, nothing autosaved is lost), pictures become the unit's images once each; a new
item starts from a Word file under its category; a file that is not Word keeps the form
with a Thai message; a locked page or another unit's page cannot be filled."""

import re

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from moit_wagtail.pages import models as pages
from tests.word_samples import ALT, TITLE, thai_report, zip_named_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_page, unit):
    return make_page(pages.KnowledgePage, title="คู่มือเดิม", body="<p>ย่อหน้าเดิม</p>")


def body_of(page):
    """The latest revision's body without the block keys Draftail adds at random."""
    return re.sub(r' data-block-key="[^"]*"', "", page.get_latest_revision_as_object().body)


def fill(client, page, upload, **more):
    data = {"file": upload, "placement": "append", **more}
    return client.post(reverse("moit_word_fill", args=[page.pk]), data)


def test_the_header_offers_word_and_the_content_becomes_a_draft(client, editor_user, item):
    client.force_login(editor_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[item.pk])).content.decode()
    assert reverse("moit_word_fill", args=[item.pk]) in edit
    # the editor typed a change that autosave kept as a draft revision
    draft = item.get_latest_revision_as_object()
    draft.summary = "สรุปที่แก้ค้างไว้"
    draft.save_revision(user=editor_user)

    response = fill(client, item, thai_report())

    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[item.pk])
    item.refresh_from_db()
    assert item.body == "<p>ย่อหน้าเดิม</p>"  # live content unchanged until approved
    latest = item.get_latest_revision_as_object()
    assert latest.summary == "สรุปที่แก้ค้างไว้" and latest.title == "คู่มือเดิม"
    body = body_of(item)
    assert body.startswith("<p>ย่อหน้าเดิม</p><h2>ความเป็นมา</h2>")
    assert "<b>ตลอดวัน</b>" in body and "&lt;script&gt;" in body
    images = get_image_model().objects.all()
    assert images.count() == 1  # the same picture twice is one image
    assert images.get().collection.name == item.get_site().moit_unit.group_key
    embed = f'<embed embedtype="image" format="fullwidth" id="{images.get().pk}" alt="{ALT}"/>'
    assert embed in body
    assert PageLogEntry.objects.filter(page=item, action="wagtail.edit", user=editor_user).exists()


def test_replace_and_take_the_word_title(client, editor_user, item):
    client.force_login(editor_user)
    response = fill(
        client, item, thai_report(core_title="รายงานจากไฟล์"), placement="replace", use_title="on"
    )
    assert response.status_code == 302, response.context["form"].errors
    item.refresh_from_db()
    latest = item.get_latest_revision_as_object()
    assert latest.title == "รายงานจากไฟล์" and "ย่อหน้าเดิม" not in latest.body


def test_a_new_item_from_word_under_its_category(client, editor_user, category_indexes):
    index = category_indexes[pages.KnowledgeIndexPage]
    client.force_login(editor_user)
    form = client.get(reverse("moit_word_create", args=[index.pk])).content.decode()
    assert 'value="moit_pages.knowledgepage"' in form
    response = client.post(
        reverse("moit_word_create", args=[index.pk]),
        {"file": thai_report(), "kind": "moit_pages.knowledgepage"},
    )
    page = pages.KnowledgePage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.title == TITLE and not page.live and page.get_parent().pk == index.pk
    assert "<h2>ความเป็นมา</h2>" in body_of(page)
    assert PageLogEntry.objects.get(page=page, action="wagtail.create").user == editor_user


def test_a_file_that_is_not_word_keeps_the_form(client, editor_user, item):
    client.force_login(editor_user)
    revisions = item.revisions.count()
    response = fill(client, item, zip_named_docx())
    assert response.status_code == 200
    assert "เอกสาร.docx" in response.context["form"].errors["file"][0]
    assert item.revisions.count() == revisions


def test_a_page_locked_by_someone_else_cannot_be_filled(client, editor_user, approver, item):
    item.locked, item.locked_by = True, approver
    item.save()
    client.force_login(editor_user)
    response = fill(client, item, thai_report())
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert (
        item.get_latest_revision_as_object().body.removeprefix("<p>").removesuffix("</p>")
        == "ย่อหน้าเดิม"
    )


def test_an_alias_an_empty_file_and_a_long_title(client, editor_user, item, approver, unit):
    import docx

    from tests.word_samples import upload as docx_upload

    alias = item.create_alias(update_slug="alias-copy", user=approver)
    client.force_login(editor_user)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[alias.pk])).content.decode()
    assert reverse("moit_word_fill", args=[alias.pk]) not in edit  # no button on an alias
    assert fill(client, alias, thai_report())["Location"] == reverse("wagtailadmin_home")

    empty = docx.Document()
    response = fill(client, item, docx_upload(empty, "ว่าง.docx"), placement="replace")
    assert "ไม่มีข้อความหรือรูปภาพ" in response.context["form"].errors["file"][0]
    long_title = docx.Document()
    long_title.add_heading("ก" * 300, level=1)
    long_title.add_paragraph("เนื้อหา")
    fill(client, item, docx_upload(long_title, "ยาว.docx"), use_title="on")
    item.refresh_from_db()
    assert len(item.get_latest_revision_as_object().title) == 255
