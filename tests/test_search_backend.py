"""The Thai index as Wagtail's search backend: the API Wagtail's admin and code use
(``search``, ``autocomplete``, filters, ordering, counts, operators, scores, facets), for
pages, documents and images, and what it refuses with a clear message."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, SearchFieldError
from wagtail.search.query import And, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from moit_wagtail.pages import models as pages
from moit_wagtail.search.backend import ThaiSearchBackend
from moit_wagtail.search.models import IndexEntry, IndexTerm
from tests import factories

DENGUE = "ประกาศรณรงค์ป้องกันโรคไข้เลือดออกช่วงฤดูฝน"
PROCUREMENT = "ประกาศผลผู้ชนะการเสนอราคาจัดซื้อวัสดุการแพทย์"
MANUAL = "คู่มือการปฏิบัติงานด้านการเผยแพร่ข้อมูล"


@pytest.fixture
def three(make_page):
    return {
        "dengue": make_page(pages.NewsPage, title=DENGUE),
        "procurement": make_page(pages.ProcurementResultPage, title=PROCUREMENT),
        "manual": make_page(pages.SopManualPage, title=MANUAL, body="<p>ขั้นตอนการจัดซื้อ</p>"),
    }


def found(results):
    return [page.title for page in results]


def test_the_site_uses_the_thai_backend():
    assert isinstance(get_search_backend(), ThaiSearchBackend)


def test_a_thai_word_inside_a_compound_is_found_through_the_querysets(three):
    assert found(Page.objects.search("ไข้เลือดออก")) == [DENGUE]
    assert found(Page.objects.live().search("เลือดออก")) == [DENGUE]
    assert found(pages.NewsPage.objects.search("ป้องกัน")) == [DENGUE]
    assert found(pages.SopManualPage.objects.search("ป้องกัน")) == []


def test_specific_fields_of_each_page_type_are_indexed(three):
    assert found(Page.objects.search("ขั้นตอน")) == [MANUAL]  # SopManualPage.body


def test_every_word_typed_must_be_found_unless_or_is_asked_for(three):
    assert found(Page.objects.search("ประกาศ จัดซื้อ")) == [PROCUREMENT]
    either = Page.objects.search("ไข้เลือดออก วัสดุ", operator="or")
    assert set(found(either)) == {DENGUE, PROCUREMENT}
    assert found(Page.objects.search("ไข้เลือดออก วัสดุ")) == []


def test_title_words_rank_above_body_words(make_page):
    body = make_page(pages.NewsPage, title="ข่าวประจำสัปดาห์", body="<p>การจัดซื้อยา</p>")
    title = make_page(pages.NewsPage, title="การจัดซื้อครุภัณฑ์")
    assert found(Page.objects.search("จัดซื้อ")) == [title.title, body.title]
    scored = Page.objects.search("จัดซื้อ").annotate_score("score")
    assert scored[0].score > scored[1].score


def test_filters_ordering_slicing_and_counts_are_the_querysets(three, category_indexes):
    news_index = category_indexes[pages.NewsIndexPage]
    under_news = Page.objects.descendant_of(news_index, inclusive=False).search("ประกาศ")
    assert set(found(under_news)) == {DENGUE, PROCUREMENT}
    assert under_news.count() == 2
    by_title = under_news.query_compiler.queryset.order_by("title")
    by_title = by_title.search("ประกาศ", order_by_relevance=False)
    assert found(by_title) == sorted([DENGUE, PROCUREMENT])
    assert len(under_news[1:]) == 1
    assert Page.objects.filter(live=False).search("ประกาศ").count() == 0


def test_an_unindexed_filter_gets_wagtails_clear_error(three):
    with pytest.raises(FilterFieldError, match="FilterField"):
        list(Page.objects.filter(url_path__startswith="/").search("ประกาศ"))


def test_searching_some_fields_only_is_refused_with_a_clear_message(three):
    with pytest.raises(SearchFieldError, match="all of a model's search_fields"):
        Page.objects.search("ประกาศ", fields=["title"])


def test_fuzzy_is_refused_and_points_at_the_suggestion(three):
    with pytest.raises(NotImplementedError, match="spelling"):
        list(Page.objects.search(Fuzzy("ประกาส")))


def test_query_objects(three):
    publications = Page.objects.type(pages.PublicationPage)
    assert found(Page.objects.search(Phrase("ผลผู้ชนะ"))) == [PROCUREMENT]
    both = And([PlainText("ประกาศ"), Not(PlainText("จัดซื้อ"))])
    assert found(publications.search(both)) == [DENGUE]
    either = Or([PlainText("ไข้เลือดออก"), PlainText("เผยแพร่")])
    assert set(found(Page.objects.search(either))) == {DENGUE, MANUAL}
    everything = publications.search(MatchAll())
    assert everything.count() == 3


def test_autocomplete_matches_the_last_word_as_a_prefix(three):
    assert found(Page.objects.autocomplete("เผยแ")) == [MANUAL]
    assert found(Page.objects.autocomplete("คู่มือ เผยแ")) == [MANUAL]
    assert found(Page.objects.autocomplete("คู่มือ จัดซ")) == [MANUAL]  # body: ขั้นตอนการจัดซื้อ


def test_facets_count_by_a_filter_field(three):
    facets = Page.objects.type(pages.PublicationPage).search("ประกาศ").facet("content_type")
    news = ContentType.objects.get_for_model(pages.NewsPage).pk
    assert facets[news] == 1 and sum(facets.values()) == 2


def test_documents_and_images_are_indexed_with_their_tags(make_document, make_image):
    document = make_document("a.pdf", title="แผนปฏิบัติราชการประจำปีงบประมาณ")
    document.tags.add("ยุทธศาสตร์สาธารณสุข")
    document.save()
    image = make_image("x.png")
    image.title = "ภาพกิจกรรมวันต่อต้านคอร์รัปชันสากล"
    image.save()
    assert list(Document.objects.search("ปฏิบัติราชการ")) == [document]
    assert list(Document.objects.search("สาธารณสุข")) == [document]
    assert list(Image.objects.search("คอร์รัปชัน")) == [image]
    assert list(Image.objects.autocomplete("ต่อต้าน")) == [image]


def test_wagtails_own_database_index_is_no_longer_written(three):
    from wagtail.search.models import IndexEntry as WagtailIndexEntry

    assert not WagtailIndexEntry.objects.exists()


def test_drafts_are_indexed_for_the_admin_but_never_found_live(make_page, editor):
    page = factories.build_page(pages.NewsPage, editor, title="ร่างข่าวการฉีดวัคซีน", live=False)
    make_page(pages.NewsPage, title="ข่าวอื่น").get_parent().add_child(instance=page)
    assert found(Page.objects.search("วัคซีน")) == [page.title]
    assert found(Page.objects.live().search("วัคซีน")) == []


def test_deleting_removes_the_rows(three):
    page = three["manual"]
    page_type = ContentType.objects.get_for_model(Page)
    assert IndexTerm.objects.filter(content_type=page_type, object_id=page.pk).exists()
    page.delete()
    assert not IndexTerm.objects.filter(content_type=page_type, object_id=page.pk).exists()
    assert not IndexEntry.objects.filter(content_type=page_type, object_id=page.pk).exists()


def test_update_index_rebuilds_each_page_once_with_its_specific_fields(three):
    IndexTerm.objects.all().delete()
    IndexEntry.objects.all().delete()
    call_command("update_index", verbosity=0)
    assert found(Page.objects.search("ขั้นตอน")) == [MANUAL]
    page_type = ContentType.objects.get_for_model(Page)
    entries = IndexEntry.objects.filter(content_type=page_type)
    assert entries.count() == Page.objects.count()


def test_a_check_names_the_missing_app_when_the_backend_is_configured_without_it(monkeypatch):
    from moit_wagtail import app_checks

    assert app_checks.check_search_backend_has_its_app(None) == []
    names = [name for name in app_checks.installed_apps() if name != "moit_wagtail.search"]
    monkeypatch.setattr(app_checks, "installed_apps", lambda: names)
    errors = app_checks.check_search_backend_has_its_app(None)
    assert [error.id for error in errors] == ["moit_wagtail.E010"]


def test_migrate_builds_the_index_once_when_it_is_empty_but_pages_exist(three):
    from moit_wagtail.search.first_index import index_if_empty

    IndexTerm.objects.all().delete()
    IndexEntry.objects.all().delete()
    call_command("migrate", verbosity=0)  # what an upgrade runs: post_migrate fills it
    assert found(Page.objects.search("ขั้นตอน")) == [MANUAL]
    written = IndexEntry.objects.get(object_id=three["manual"].pk).indexed_at
    index_if_empty(sender=None)  # not empty: nothing is rewritten
    assert IndexEntry.objects.get(object_id=three["manual"].pk).indexed_at == written
