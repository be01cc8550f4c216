"""Editors find pages, documents and images in Wagtail's admin by a Thai word inside a
longer written word: the explorer search, listings and choosers all use the Thai backend."""

import re

import pytest

from moit_wagtail.pages import models as pages

pytestmark = pytest.mark.django_db

DRAFT = "ร่างประกาศหลักเกณฑ์"  # unit_pages: a draft law page of the unit's editor
DOCUMENT = "ระเบียบการเบิกจ่าย"


@pytest.fixture
def editor_client(client, unit_pages, unit_people):
    client.force_login(unit_people[0])
    return client


def shown(response, text):
    assert response.status_code == 200
    return text in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/admin/pages/search/", "/admin/choose-page/search/", "/admin/pages/{index}/"],
)
def test_the_explorer_and_the_page_chooser_find_a_draft_by_a_word_inside_its_title(
    editor_client, unit_pages, url
):
    url = url.format(index=unit_pages["index"].pk)
    response = editor_client.get(url, {"q": "หลักเกณฑ์"})
    assert shown(response, DRAFT)
    assert not re.search(r"\d None", response.content.decode())  # "1-1 of 1 None" before
    assert not shown(editor_client.get(url, {"q": "ไข้เลือดออก"}), DRAFT)


@pytest.mark.parametrize("url", ["/admin/documents/", "/admin/documents/chooser/results/"])
def test_documents_are_found_by_a_word_inside_their_title(editor_client, url):
    assert shown(editor_client.get(url, {"q": "เบิกจ่าย"}), DOCUMENT)
    assert not shown(editor_client.get(url, {"q": "ไข้เลือดออก"}), DOCUMENT)


@pytest.mark.parametrize("url", ["/admin/images/", "/admin/images/chooser/results/"])
def test_images_are_found_by_a_word_inside_their_title(editor_client, unit, make_image, url):
    image = make_image("activity.png")
    image.title = "ภาพกิจกรรมรณรงค์ป้องกันไข้เลือดออก"
    image.collection = unit.collection
    image.save()
    assert shown(editor_client.get(url, {"q": "ป้องกัน"}), image.title)
    assert not shown(editor_client.get(url, {"q": "เบาหวาน"}), image.title)


def test_the_admin_page_search_costs_the_same_queries_at_twice_the_pages(
    editor_client, unit_pages, unit_people, django_assert_max_num_queries
):
    from tests import factories

    index = unit_pages["index"]
    editor = unit_people[0]

    def add(count, start):
        for number in range(start, start + count):
            page = factories.build_page(
                pages.LawPage, editor, title=f"ประกาศหลักเกณฑ์ฉบับที่ {number}", live=False
            )
            index.add_child(instance=page)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get("/admin/pages/search/", {"q": "หลักเกณฑ์"}).status_code == 200
        return len(captured.captured_queries)

    add(25, 0)  # more than one listing page (20 rows)
    queries()
    few = queries()
    add(25, 25)
    with django_assert_max_num_queries(few):
        assert shown(editor_client.get("/admin/pages/search/", {"q": "หลักเกณฑ์"}), "ฉบับที่ 3")


def test_another_units_drafts_are_not_in_the_page_chooser_but_its_public_pages_are(
    client, unit_pages, make_member, make_page
):
    from tests.eservices_helpers import make_other_unit

    _site, groups = make_other_unit()
    client.force_login(make_member("other_editor", groups.editors))
    public = make_page(pages.LawPage, title="ประกาศหลักเกณฑ์การเบิกจ่ายที่เผยแพร่แล้ว")
    response = client.get("/admin/choose-page/search/", {"q": "หลักเกณฑ์"})
    assert shown(response, public.title)  # a published page may be linked to
    assert not shown(response, DRAFT)  # the first unit's draft
    browse = client.get(f"/admin/choose-page/{unit_pages['index'].pk}/").json()["html"]
    assert public.title in browse and DRAFT not in browse
    assert "ประกาศรออนุมัติ" not in browse  # nor its page awaiting approval
