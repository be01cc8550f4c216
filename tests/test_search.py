"""Thai word search: segmentation, words inside compounds, the page, and keeping the index
in step with publishing. Real Thai phrases throughout: Thai has no spaces between words."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from home.models import HomePage
from moit_wagtail.pages import models as pages
from moit_wagtail.search import segment
from moit_wagtail.search.models import IndexEntry, IndexTerm
from tests import factories

URL = "/search/"
COMPOUND_TITLE = "กระทรวงอุตสาหกรรมประกาศนโยบาย"


def titles(response):
    """Result titles in order, <mark> tags removed."""
    html = response.content.decode()
    found = re.findall(r'<h3 class="item-card__title"><a href="[^"]*">(.*?)</a></h3>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]


def search(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response


# -- segmentation ---------------------------------------------------------------------------


def test_a_compound_title_is_cut_into_its_words_and_a_query_of_it_whole_into_the_same():
    assert segment.words(COMPOUND_TITLE) == ["กระทรวง", "อุตสาหกรรม", "ประกาศ", "นโยบาย"]
    terms = segment.index_terms(COMPOUND_TITLE)
    assert terms["อุตสาหกรรม"] is True and terms["กระทรวง"] is True
    assert segment.query_groups("กระทรวงอุตสาหกรรม") == [["กระทรวง", "อุตสาหกรรม"]]


def test_disease_names_are_split_into_their_words():
    assert {"ไข้", "เลือด"} <= set(segment.index_terms("โรคไข้เลือดออกระบาด"))
    assert "เบาหวาน" in segment.index_terms("ผู้ป่วยโรคเบาหวานชนิดที่ 2")


def test_latin_is_lower_cased_thai_digits_become_arabic_and_stop_words_go():
    assert segment.words("Wagtail COVID-19 ปีงบประมาณ ๒๕๖๗ และ") == [
        "wagtail",
        "covid",
        "19",
        "ปีงบประมาณ",
        "2567",
    ]


def test_a_word_that_is_not_a_compound_has_no_parts():
    assert segment.sub_words("ประกาศ") == ()
    assert segment.sub_words("นโยบาย") == ()


# -- finding words ------------------------------------------------------------------------


@pytest.fixture
def compound_page(make_page):
    return make_page(pages.NewsPage, title=COMPOUND_TITLE, body="<p>ข่าวจากส่วนกลาง</p>")


def test_a_thai_word_inside_a_compound_title_is_found_and_marked(client, compound_page):
    response = search(client, "อุตสาหกรรม")
    assert titles(response) == [COMPOUND_TITLE]
    assert "กระทรวง<mark>อุตสาหกรรม</mark>ประกาศนโยบาย" in response.content.decode()


def test_the_whole_compound_and_a_phrase_typed_without_spaces_are_found(client, compound_page):
    assert titles(search(client, "กระทรวงอุตสาหกรรม")) == [COMPOUND_TITLE]
    assert titles(search(client, "อุตสาหกรรมประกาศ")) == [COMPOUND_TITLE]
    assert titles(search(client, "อุตสาหกรรม เกษตรกรรม")) == []  # every word must match


def test_body_summary_and_document_titles_are_searched(client, make_page, make_document):
    dengue = make_page(
        pages.KnowledgePage, title="คำแนะนำสำหรับประชาชน", body="<p>โรคไข้เลือดออกระบาดในฤดูฝน</p>"
    )
    diabetes = make_page(pages.NewsPage, title="คลินิกพิเศษ", summary="คัดกรองผู้ป่วยโรคเบาหวานฟรี")
    report = make_page(pages.LawPage, title="ระเบียบใหม่")
    factories.attach(report, make_document("r.pdf", title="รายงานการตรวจสอบภายในประจำปี"))
    report.save_revision().publish()

    assert titles(search(client, "ไข้เลือดออก")) == [dengue.title]
    assert titles(search(client, "เลือดออก")) == [dengue.title]
    response = search(client, "เบาหวาน")
    assert titles(response) == [diabetes.title]
    assert "<mark>เบาหวาน</mark>" in response.content.decode()
    assert titles(search(client, "ตรวจสอบภายใน")) == [report.title]


def test_latin_words_and_numbers(client, make_page):
    make_page(pages.NewsPage, title="ประชุมเรื่อง COVID-19 ปีงบประมาณ 2567")
    assert len(titles(search(client, "covid"))) == 1
    assert len(titles(search(client, "Covid-19"))) == 1
    assert len(titles(search(client, "2567"))) == 1
    assert len(titles(search(client, "๒๕๖๗"))) == 1  # Thai digits
    assert titles(search(client, "cov")) == []  # Latin matches whole words only


def test_title_matches_rank_above_body_matches(client, make_page):
    make_page(pages.NewsPage, title="ข่าวประจำสัปดาห์", body="<p>รณรงค์ป้องกันไข้เลือดออก</p>")
    make_page(pages.NewsPage, title="รณรงค์ป้องกันไข้เลือดออก")
    assert titles(search(client, "ไข้เลือดออก")) == ["รณรงค์ป้องกันไข้เลือดออก", "ข่าวประจำสัปดาห์"]


def test_results_show_category_breadcrumb_and_buddhist_era_date(client, compound_page):
    html = search(client, "อุตสาหกรรม").content.decode()
    assert compound_page.get_parent().title in html
    year = compound_page.first_published_at.year + 543
    assert str(year) in html


def test_english_prefix(client, compound_page):
    response = client.get("/en/search/", {"q": "อุตสาหกรรม"})
    assert response.status_code == 200
    assert titles(response) == [COMPOUND_TITLE]
    assert 'lang="en"' in response.content.decode()


# -- queries that cannot be searched ----------------------------------------------------


def test_empty_query_shows_tips_and_categories(client, category_indexes):
    html = search(client, "").content.decode()
    assert 'type="search" name="q"' in html
    assert "search-tips" in html
    assert category_indexes[pages.NewsIndexPage].title in html


@pytest.mark.parametrize("query", ["!!! ??? ***", "และ ของ", "   ", "<>&"])
def test_garbage_gets_a_helpful_page(client, category_indexes, query):
    html = search(client, query).content.decode()
    assert "search-tips" in html


def test_very_long_queries_are_shortened(client, compound_page):
    response = search(client, "อุตสาหกรรม " + "ก" * 5000)
    assert len(response.context["search"].query) == 200
    assert "search-note" in response.content.decode()


def test_a_misspelt_thai_word_gets_a_suggestion(client, make_page):
    make_page(pages.NewsPage, title="ตรวจคัดกรองเบาหวาน")
    response = search(client, "เบาหวาร")
    assert titles(response) == []
    assert "?q=%E0%B9%80%E0%B8%9A%E0%B8%B2%E0%B8%AB%E0%B8%A7%E0%B8%B2%E0%B8%99" in (
        response.content.decode()
    )


def test_thai_typed_on_the_english_keyboard_gets_a_suggestion(client, make_page):
    make_page(pages.NewsPage, title="สวัสดีปีใหม่ชาวสาธารณสุข")
    response = search(client, "l;ylfu")  # "สวัสดี" with the keyboard left on English
    assert titles(response) == []
    assert response.context["search"].suggestion == "สวัสดี"


@pytest.mark.parametrize("number", ["abc", "0", "999", "-1"])
def test_bad_page_numbers_do_not_fail(client, compound_page, number):
    assert titles(search(client, "อุตสาหกรรม", page=number)) == [COMPOUND_TITLE]


# -- escaping and pagination ------------------------------------------------------------


def test_titles_and_snippets_are_escaped(client, make_page):
    make_page(
        pages.NewsPage,
        title="<script>alert(1)</script> ประกาศอุตสาหกรรม",
        summary='สรุป <img src=x onerror="alert(2)"> อุตสาหกรรม',
    )
    html = search(client, "อุตสาหกรรม").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt; <mark>อุตสาหกรรม</mark>" in html


def test_pagination(client, category_indexes, editor):
    news_index = category_indexes[pages.NewsIndexPage]
    for number in range(12):
        factories.publish(
            factories.build_page(pages.NewsPage, editor, title=f"ข่าวสาธารณสุขฉบับที่ {number}"),
            news_index,
        )
    first = search(client, "สาธารณสุข")
    assert first.context["search"].total == 12
    assert len(titles(first)) == 10
    html = first.content.decode()
    assert 'rel="next"' in html and "page=2" in html
    second = search(client, "สาธารณสุข", page=2)
    assert len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))


# -- what may be shown -------------------------------------------------------------------


def test_only_live_pages_of_the_current_site(client, compound_page, make_page, editor):
    draft = factories.build_page(pages.NewsPage, editor, title="ร่างอุตสาหกรรมยังไม่เผยแพร่")
    draft.live = False
    compound_page.get_parent().add_child(instance=draft)
    draft.save_revision()

    other_home = HomePage(title="โรงพยาบาลอื่น", slug="other", live=True)
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="other.localhost", port=80, root_page=other_home)
    other = factories.build_indexes(other_home)
    factories.publish(
        factories.build_page(pages.NewsPage, editor, title="อุตสาหกรรมของหน่วยอื่น"),
        other[pages.NewsIndexPage],
    )
    assert titles(search(client, "อุตสาหกรรม")) == [COMPOUND_TITLE]
    response = client.get(URL, {"q": "อุตสาหกรรม"}, HTTP_HOST="other.localhost")
    assert titles(response) == ["อุตสาหกรรมของหน่วยอื่น"]


def test_pages_under_a_view_restriction_are_hidden(client, compound_page, make_page):
    secret = make_page(pages.LawPage, title="ระเบียบภายในอุตสาหกรรม")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    assert titles(search(client, "อุตสาหกรรม")) == [COMPOUND_TITLE]


# -- keeping the index in step ----------------------------------------------------------


def test_publish_unpublish_and_delete_update_the_index(client, compound_page):
    page = compound_page
    page.title = "กรมควบคุมโรคประกาศมาตรการ"
    page.save_revision().publish()
    assert titles(search(client, "อุตสาหกรรม")) == []
    assert titles(search(client, "ควบคุมโรค")) == [page.title]

    page.unpublish()
    assert titles(search(client, "ควบคุมโรค")) == []

    page.save_revision().publish()
    assert IndexEntry.objects.filter(object_id=page.pk).exists()
    page.delete()
    assert not IndexTerm.objects.filter(object_id=page.pk).exists()
    assert not IndexEntry.objects.filter(object_id=page.pk).exists()


def test_a_moved_page_is_found_under_its_new_site(client, compound_page, editor):
    other_home = HomePage(title="หน่วยอื่น", slug="other", live=True)
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="other.localhost", port=80, root_page=other_home)
    other = factories.build_indexes(other_home)
    compound_page.move(other[pages.NewsIndexPage], pos="last-child")
    assert titles(search(client, "อุตสาหกรรม")) == []
    response = client.get(URL, {"q": "อุตสาหกรรม"}, HTTP_HOST="other.localhost")
    assert titles(response) == [COMPOUND_TITLE]


def test_reordering_siblings_keeps_restrictions_and_results_right(client, make_page):
    first = make_page(pages.NewsPage, title="ข่าวอุตสาหกรรมฉบับแรก")
    second = make_page(pages.NewsPage, title="ข่าวอุตสาหกรรมฉบับที่สอง")
    second.move(first, pos="left")  # treebeard shifts ``first`` to a new path as well
    assert set(titles(search(client, "อุตสาหกรรม"))) == {first.title, second.title}
    PageViewRestriction.objects.create(page=first, restriction_type="login")
    assert titles(search(client, "อุตสาหกรรม")) == [second.title]


def test_rebuild_command_indexes_every_live_page(client, compound_page):
    IndexTerm.objects.all().delete()
    IndexEntry.objects.all().delete()
    assert titles(search(client, "อุตสาหกรรม")) == []
    call_command("rebuild_thai_search_index", verbosity=0)
    assert titles(search(client, "อุตสาหกรรม")) == [COMPOUND_TITLE]
    assert IndexEntry.objects.filter(object_id=compound_page.get_parent().pk).exists()


# -- query counts -----------------------------------------------------------------------


def count_queries(client, query):
    with CaptureQueriesContext(connection) as captured:
        response = search(client, query)
    return len(captured.captured_queries), response


def test_query_count_does_not_grow_with_the_results(
    client, category_indexes, editor, django_assert_max_num_queries
):
    news_index = category_indexes[pages.NewsIndexPage]

    def add(count, start):
        for number in range(start, start + count):
            page = factories.build_page(pages.NewsPage, editor, title=f"ข่าวโรงพยาบาล {number}")
            factories.publish(page, news_index)

    add(2, 0)
    search(client, "โรงพยาบาล")  # warm the site-root cache
    few, response = count_queries(client, "โรงพยาบาล")
    assert len(titles(response)) == 2
    add(12, 2)
    search(client, "ข่าว")  # publishing moved the cache generation: warm the footer again
    many, response = count_queries(client, "โรงพยาบาล")
    assert len(titles(response)) == 10
    assert many == few
    with django_assert_max_num_queries(12):
        search(client, "โรงพยาบาล ข่าว")  # two words: grouped, same number of queries


# -- text inside attached files ---------------------------------------------------------


def test_a_word_only_inside_an_attached_file_is_found_and_the_file_named(
    client, make_page, make_document
):
    from wagtail.documents.models import Document

    from moit_wagtail.search import file_text_jobs
    from tests.file_text_files import docx_bytes

    order = make_document(
        "คำสั่ง.docx",
        docx_bytes(["คำสั่งแต่งตั้งคณะทำงานป้องกันและแก้ไขปัญหายาเสพติดในสถานประกอบการ"]),
        title="คำสั่งแต่งตั้งคณะทำงาน",
    )
    file_text_jobs.read_document(order)
    page = make_page(pages.OfficialInformationPage, title="คำสั่งจังหวัดประจำเดือน")
    factories.attach(page, order)
    page.save_revision().publish()

    response = search(client, "ยาเสพติด")
    assert titles(response) == [page.title]
    html = response.content.decode()
    label = re.search(r"<p class=\"search-result__file\">(.*?)</p>", html).group(1)
    assert label == "พบในไฟล์แนบ: คำสั่งแต่งตั้งคณะทำงาน"  # the attachment is named...
    assert "<mark>ยาเสพติด</mark>" in html  # ...with a snippet of its text
    assert list(Document.objects.search("สถานประกอบการ")) == [order]  # admin: the document too
    own_words = search(client, "คำสั่งจังหวัด")
    assert titles(own_words) == [page.title]
    assert "search-result__file" not in own_words.content.decode()  # its own words: no label
