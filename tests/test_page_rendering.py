"""Every public page renders for anonymous visitors with the seed 2.2 metadata."""

import pytest
from bs4 import BeautifulSoup
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext

from moit_wagtail import dates
from moit_wagtail.eservices.models import ComplaintFormPage, InformationRequestFormPage
from moit_wagtail.pages import models as pages
from tests import factories

pytestmark = pytest.mark.django_db

PUBLICATION_TYPES = list(factories.PAGE_TYPES)

# A value from each type's own fields (see factories.type_fields) its template must show.
DISTINCTIVE = {
    ComplaintFormPage: "แจ้งเรื่องร้องเรียนออนไลน์",
    InformationRequestFormPage: "ขอข้อมูลข่าวสารออนไลน์",
    pages.AgencyDocumentPage: "ประวัติหน่วยงาน",
    pages.VisionMissionPage: "ประชาชนสุขภาพดี",
    pages.OrganisationStructurePage: "ผู้อำนวยการและกลุ่มงานหกกลุ่ม",
    pages.ExecutivesPage: "นายแพทย์ทดสอบ",
    pages.ContactPage: "056-000-000",
    pages.LawPage: "https://ratchakitcha.soc.go.th/law-test",
    pages.KnowledgePage: "บทความสุขภาพ",
    pages.RelatedWebsitesPage: "https://www.moph.go.th/",
    pages.OfficialInformationPage: "สรุปสาระสำคัญสำหรับการทดสอบ",
    pages.SopManualPage: "รับคำขอ",
    pages.ServiceManualPage: "ห้องบริการประชาชน",
    pages.NewsPage: "ข่าวทั่วไป",
    pages.ActivityPage: "ภาพกิจกรรม",
    pages.JobAnnouncementPage: "นักวิชาการสาธารณสุข",
    pages.ProcurementAnnouncementPage: "150,000",
    pages.ProcurementResultPage: "บริษัท ทดสอบ จำกัด",
    pages.EServicePage: "https://eservice.example.go.th/",
    pages.SatisfactionReportPage: "120",
}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(node):
    return " ".join(node.get_text(" ").split())


def thai(function, *args):
    with translation.override("th"):
        return str(function(*args))


@pytest.fixture
def documents(make_document):
    return [
        make_document("annual-plan.pdf", b"p" * 2048, title="แผนปฏิบัติราชการ"),
        make_document("budget.xlsx", b"x" * 5 * 1024, title="งบประมาณรายจ่าย"),
    ]


@pytest.fixture
def rendered(make_page, documents, client):
    """``rendered(Model)``: the page published with two attachments, and its parsed HTML."""

    def render(model, path_prefix=""):
        page = make_page(model, title=f"หน้าทดสอบ {model.__name__}")
        factories.attach(page, *documents)
        return page, soup_of(client.get(path_prefix + page.url))

    return render


def test_distinctive_values_cover_every_type():
    assert set(DISTINCTIVE) == set(PUBLICATION_TYPES)


@pytest.mark.parametrize("model", PUBLICATION_TYPES, ids=lambda m: m.__name__)
def test_publication_renders_title_fields_and_thai_html(model, rendered):
    page, soup = rendered(model)
    assert soup.html["lang"] == "th"
    assert text_of(soup.find("h1")) == page.title
    assert page.title in text_of(soup.title)
    main = text_of(soup.find("main"))
    assert DISTINCTIVE[model] in main or DISTINCTIVE[model] in str(soup.find("main"))


@pytest.mark.parametrize("model", PUBLICATION_TYPES, ids=lambda m: m.__name__)
def test_publication_shows_the_metadata_block(model, rendered):
    page, soup = rendered(model)
    block = soup.select_one(".metadata")
    assert block is not None, "no metadata block"
    text = text_of(block)
    assert factories.OWNER_UNIT in text
    assert "1 ตุลาคม 2568" in text  # data period start, Buddhist era
    assert "30 กันยายน 2569" in text  # data period end
    published = thai(dates.format_date, page.first_published_at)
    assert published in text
    assert str(timezone.localtime(page.first_published_at).year + 543) in text
    assert page.clause_info.code in text


@pytest.mark.parametrize("model", PUBLICATION_TYPES, ids=lambda m: m.__name__)
def test_publication_lists_attachments_with_type_and_size(model, rendered, documents):
    _page, soup = rendered(model)
    for document, file_type, size in [
        (documents[0], "PDF", 2048),
        (documents[1], "XLSX", 5 * 1024),
    ]:
        links = soup.find_all("a", href=document.url)
        assert len(links) == 1, document.url
        item = links[0].find_parent("li")
        assert item is not None
        text = item.get_text(" ")
        assert document.title in text
        assert file_type in text.split()
        assert thai(filesizeformat, size) in text


@pytest.mark.parametrize("model", PUBLICATION_TYPES, ids=lambda m: m.__name__)
def test_publication_has_breadcrumbs_to_home_and_category(model, rendered, category_indexes):
    page, soup = rendered(model)
    trail = soup.select_one("nav.breadcrumbs")
    assert trail is not None
    hrefs = [a["href"] for a in trail.find_all("a")]
    index = category_indexes[factories.PAGE_TYPES[model]]
    assert hrefs == ["/", index.url]
    assert text_of(trail.find_all("li")[-1]) == page.title


def test_publication_in_english_uses_common_era_and_english_chrome(rendered):
    page, soup = rendered(pages.LawPage, path_prefix="/en")
    assert soup.html["lang"] == "en"
    text = text_of(soup.select_one(".metadata"))
    assert "1 October 2025" in text and "30 September 2026" in text
    assert "2568" not in text
    assert "Test Provincial Office" in text_of(soup.find("header"))
    assert soup.find("h2", string="Downloads") is not None


def test_thai_chrome_is_translated(rendered):
    _page, soup = rendered(pages.LawPage)
    with translation.override("th"):
        downloads = gettext("Downloads")
    assert downloads != "Downloads", "no Thai translation for the attachments heading"
    assert soup.find("h2", string=downloads) is not None


def test_draft_page_is_not_public(category_indexes, editor, client):
    draft = factories.build_page(pages.NewsPage, editor, title="ร่าง")
    draft.live = False
    category_indexes[pages.NewsIndexPage].add_child(instance=draft)
    assert client.get(draft.url).status_code == 404


# -- index and home pages -------------------------------------------------------------------


@pytest.mark.parametrize("index_model", pages.CATEGORY_INDEX_TYPES, ids=lambda m: m.__name__)
def test_category_index_renders_with_its_items(index_model, category_indexes, make_page, client):
    index = category_indexes[index_model]
    child_model = next(m for m, parent in factories.PAGE_TYPES.items() if parent is index_model)
    child = make_page(child_model, title=f"รายการใน {index_model.__name__}")
    soup = soup_of(client.get(index.url))
    assert text_of(soup.find("h1")) == index.title
    assert soup.find("a", href=child.url) is not None
    trail = soup.select_one("nav.breadcrumbs")
    assert trail is not None and [a["href"] for a in trail.find_all("a")] == ["/"]


def test_home_page_links_to_all_ten_categories(category_indexes, client):
    soup = soup_of(client.get("/"))
    assert soup.html["lang"] == "th"
    main_links = {a["href"] for a in soup.find("main").find_all("a", href=True)}
    for index in category_indexes.values():
        assert index.url in main_links, index.title
    nav_links = {a["href"] for a in soup.select("header nav a[href]")}
    assert nav_links >= {index.url for index in category_indexes.values()}


def test_home_page_shows_latest_news_and_announcements(make_page, client):
    news = make_page(pages.NewsPage, title="ข่าวล่าสุดของหน่วยงาน")
    job = make_page(pages.JobAnnouncementPage, title="ประกาศรับสมัครพนักงาน")
    soup = soup_of(client.get("/"))
    assert soup.find("a", href=news.url) is not None
    assert soup.find("a", href=job.url) is not None


def test_english_home_page(category_indexes, client):
    thai_urls = [index.url for index in category_indexes.values()]
    soup = soup_of(client.get("/en/"))
    assert soup.html["lang"] == "en"
    assert "Test Provincial Office" in text_of(soup.find("main"))
    hrefs = {a["href"] for a in soup.find("main").find_all("a", href=True)}
    for url in thai_urls:
        assert "/en" + url in hrefs


def test_root_is_thai_even_when_the_browser_prefers_english(home_page, client):
    soup = soup_of(client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert soup.html["lang"] == "th"


def test_every_page_type_renders_in_english(category_indexes, make_page, client):
    for model in PUBLICATION_TYPES:
        page = make_page(model, title=f"English {model.__name__}")
        with translation.override("th"):
            url = page.url
        response = client.get("/en" + url)
        assert response.status_code == 200, model.__name__
        assert b'<html lang="en">' in response.content
