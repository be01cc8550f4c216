"""Builders shared by several test modules: a site, valid pages of every type, real files.

Kept free of pytest so fixtures in ``conftest.py`` stay thin and tests can call the
builders directly when they need many objects (listing query-count tests).
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import querydict_from_html

from home.models import HomePage
from moit_wagtail.clauses import get_clause
from moit_wagtail.models import AgencyProfile
from moit_wagtail.pages import models as pages

AGENCY_NAME = "สำนักงานสาธารณสุขจังหวัดทดสอบ"
OWNER_UNIT = "กลุ่มงานบริหารทั่วไป"
PERIOD_START = datetime.date(2025, 10, 1)
PERIOD_END = datetime.date(2026, 9, 30)

# The specification, written out by hand: each publication type and the one index it
# lives under. Tests compare the models' own rules against this table.
PAGE_TYPES = {
    pages.AgencyDocumentPage: pages.AgencyInfoIndexPage,
    pages.VisionMissionPage: pages.AgencyInfoIndexPage,
    pages.OrganisationStructurePage: pages.AgencyInfoIndexPage,
    pages.ExecutivesPage: pages.AgencyInfoIndexPage,
    pages.ContactPage: pages.AgencyInfoIndexPage,
    pages.LawPage: pages.LawIndexPage,
    pages.KnowledgePage: pages.KnowledgeIndexPage,
    pages.RelatedWebsitesPage: pages.RelatedWebsitesIndexPage,
    pages.OfficialInformationPage: pages.OfficialInformationIndexPage,
    pages.SopManualPage: pages.SopIndexPage,
    pages.ServiceManualPage: pages.ServiceManualIndexPage,
    pages.NewsPage: pages.NewsIndexPage,
    pages.ActivityPage: pages.NewsIndexPage,
    pages.JobAnnouncementPage: pages.NewsIndexPage,
    pages.ProcurementAnnouncementPage: pages.NewsIndexPage,
    pages.ProcurementResultPage: pages.NewsIndexPage,
    pages.EServicePage: pages.EServiceIndexPage,
    pages.SatisfactionReportPage: pages.StatisticsIndexPage,
}
ESERVICE_FIELDS = {}
# The e-service form pages exist only where the app is installed (tests/settings_minimal.py).
if apps.is_installed("moit_wagtail.eservices"):
    from moit_wagtail.eservices.models import ComplaintFormPage, InformationRequestFormPage

    PAGE_TYPES[ComplaintFormPage] = PAGE_TYPES[InformationRequestFormPage] = pages.EServiceIndexPage
    ESERVICE_FIELDS = {
        ComplaintFormPage: lambda: {"intro": "<p>แจ้งเรื่องร้องเรียนออนไลน์</p>"},
        InformationRequestFormPage: lambda: {"intro": "<p>ขอข้อมูลข่าวสารออนไลน์</p>"},
    }

PNG_COLOURS = ("navy", "teal", "maroon", "olive")


# -- files ------------------------------------------------------------------------------


def make_document(name="report.pdf", content=b"%PDF-1.4\n% test file\n", title=None):
    """A Wagtail Document with a real file, its size and hash set as the upload form does."""
    document = get_document_model()(title=title or name.rsplit(".", 1)[0])
    document.file = ContentFile(content, name=name)
    document._set_document_file_metadata()
    document.save()
    return document


def png_bytes(size=(40, 30), colour="navy"):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(name="chart.png", size=(40, 30), colour="navy", title=None):
    """A Wagtail Image backed by a real PNG (width and height are read from the file)."""
    image = get_image_model()(title=title or name.rsplit(".", 1)[0])
    image.file = ImageFile(io.BytesIO(png_bytes(size, colour)), name=name)
    image.save()
    return image


# -- site -------------------------------------------------------------------------------


def build_site(title="หน้าแรก"):
    """Replace Wagtail's initial welcome page with a live HomePage as the default Site root."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for child in root.get_children():
        child.delete()
    home = HomePage(title=title, slug="home", welcome="ยินดีต้อนรับ")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(
        hostname="testserver",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name=AGENCY_NAME,
    )
    AgencyProfile.objects.create(site=site, name_th=AGENCY_NAME, name_en="Test Provincial Office")
    home.refresh_from_db()
    return home


def index_slug(model):
    return slugify(model.__name__.removesuffix("Page").removesuffix("Index")) or "index"


def build_indexes(home):
    """All ten category indexes, live and in the menu, keyed by model class.

    Created live without revisions: containers need no publishing history, and every test
    that builds a unit pays for this (ten revisions and publishes cost seconds on PostgreSQL).
    """
    indexes = {}
    now = timezone.now()
    for model in pages.CATEGORY_INDEX_TYPES:
        clause = get_clause(model.seed_clause)
        index = model(
            title=f"{clause.code} {clause.title_th}",
            slug=index_slug(model),
            show_in_menus=True,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        home.add_child(instance=index)
        indexes[model] = index
    return indexes


# -- pages ------------------------------------------------------------------------------


def metadata(user):
    return {
        "summary": "สรุปสาระสำคัญสำหรับการทดสอบ",
        "owner_unit": OWNER_UNIT,
        "responsible_person": user,
        "data_period_start": PERIOD_START,
        "data_period_end": PERIOD_END,
    }


def steps():
    return [
        (
            "step",
            {
                "title": "รับคำขอ",
                "description": "เจ้าหน้าที่ตรวจเอกสาร",
                "responsible": "งานธุรการ",
                "duration": Decimal("30"),
                "duration_unit": "minutes",
            },
        ),
        (
            "step",
            {
                "title": "อนุมัติ",
                "description": "",
                "responsible": "หัวหน้ากลุ่มงาน",
                "duration": Decimal("1"),
                "duration_unit": "days",
            },
        ),
    ]


def type_fields(model):
    """Valid values for the fields each page type adds to the shared metadata."""
    builders = {
        **ESERVICE_FIELDS,
        pages.AgencyDocumentPage: lambda: {"topic": "1.1.1", "body": "<p>ประวัติหน่วยงาน</p>"},
        pages.VisionMissionPage: lambda: {
            "vision": "ประชาชนสุขภาพดี",
            "mission": "พัฒนาระบบบริการ\nส่งเสริมสุขภาพ",
        },
        pages.OrganisationStructurePage: lambda: {
            "chart": make_image("structure.png"),
            "chart_description": "ผู้อำนวยการและกลุ่มงานหกกลุ่ม",
        },
        pages.ExecutivesPage: lambda: {
            "executives": [pages.Executive(name="นายแพทย์ทดสอบ", position="ผู้อำนวยการ")]
        },
        pages.ContactPage: lambda: {
            "address": "1 ถนนทดสอบ อำเภอเมือง",
            "phone": "056-000-000",
            "email": "contact@example.go.th",
        },
        pages.LawPage: lambda: {
            "law_type": "act",
            "issuer": "รัฐสภา",
            "issued_on": datetime.date(1997, 9, 10),
            "source_url": "https://ratchakitcha.soc.go.th/law-test",
            "source": "ราชกิจจานุเบกษา",
        },
        pages.KnowledgePage: lambda: {
            "kind": "1.3.1",
            "source_date": datetime.date(2026, 1, 15),
            "source": "กรมควบคุมโรค",
            "body": "<p>บทความสุขภาพ</p>",
        },
        pages.RelatedWebsitesPage: lambda: {
            "links": [
                pages.RelatedWebsite(
                    name="กระทรวงสาธารณสุข", url="https://www.moph.go.th/", group="same_ministry"
                )
            ]
        },
        pages.OfficialInformationPage: lambda: {"section": "oia.7.1"},
        pages.SopManualPage: lambda: {"purpose": "ขอบเขตของงาน", "steps": steps()},
        pages.ServiceManualPage: lambda: {
            "service_unit": "ห้องบริการประชาชน",
            "service_hours": "08:30-16:30",
            "channels": "ยื่นที่เคาน์เตอร์",
            "steps": steps(),
            "documents_required": "บัตรประชาชน\nทะเบียนบ้าน",
        },
        pages.NewsPage: lambda: {"kind": "1.8.2", "body": "<p>ข่าวทั่วไป</p>"},
        pages.ActivityPage: lambda: {
            "event_date": datetime.date(2026, 3, 1),
            "location": "ห้องประชุม",
            "photos": [pages.ActivityPhoto(image=make_image("activity.png"), caption="ภาพกิจกรรม")],
        },
        pages.JobAnnouncementPage: lambda: {
            "position": "นักวิชาการสาธารณสุข",
            "employment_type": "พนักงานราชการ",
            "application_opens": datetime.date(2026, 2, 1),
            "application_closes": datetime.date(2026, 2, 15),
            "how_to_apply": "<p>สมัครด้วยตนเอง</p>",
        },
        pages.ProcurementAnnouncementPage: lambda: {
            "method": "e_bidding",
            "budget": Decimal("150000.00"),
            "bid_closes": datetime.date(2026, 4, 1),
        },
        pages.ProcurementResultPage: lambda: {"result_kind": "winner", "winner": "บริษัท ทดสอบ จำกัด"},
        pages.EServicePage: lambda: {
            "service_url": "https://eservice.example.go.th/",
            "how_to_use": "<p>ลงทะเบียนแล้วกรอกคำขอ</p>",
        },
        pages.SatisfactionReportPage: lambda: {
            "respondents": 120,
            "average_score": Decimal("4.25"),
        },
    }
    return builders[model]()


def build_page(model, user, title=None, **overrides):
    """An unsaved, valid instance of ``model`` (every publication type is covered)."""
    values = {
        "title": title or f"{model._meta.verbose_name} ทดสอบ",
        **metadata(user),
        **type_fields(model),
        **overrides,
    }
    return model(**values)


def publish(page, parent, user=None):
    """Add ``page`` under ``parent``, save a revision by ``user`` and publish it.

    The revision is validated (``full_clean``) as in the admin; publishing itself is done
    without a user so that helpers without publish permission can still author pages.
    """
    parent.add_child(instance=page)
    page.save_revision(user=user).publish()
    page.refresh_from_db()
    return page


def attach(page, *documents):
    for order, document in enumerate(documents):
        pages.PageAttachment.objects.create(page=page, document=document, sort_order=order)
    return page


def add_live_children(parent, model, user, count, document, start=0):
    """``count`` live children of ``parent`` with one attachment each, without revisions.

    Fast enough for listing tests: every page shares one real file but has a Document
    row of its own, so per-item queries (document or size look-ups) would show up.
    """
    Document = get_document_model()
    base = timezone.now() - datetime.timedelta(days=1)
    created = []
    for number in range(start, start + count):
        page = build_page(model, user, title=f"รายการที่ {number:03d}", slug=f"item-{number:03d}")
        page.live = True
        page.first_published_at = page.last_published_at = base + datetime.timedelta(minutes=number)
        parent.add_child(instance=page)
        created.append(page)
    documents = Document.objects.bulk_create(
        Document(
            title=f"แนบ {page.pk}",
            file=document.file.name,
            file_size=document.file_size,
            file_hash=document.file_hash,
        )
        for page in created
    )
    pages.PageAttachment.objects.bulk_create(
        pages.PageAttachment(page=page, document=doc, sort_order=0)
        for page, doc in zip(created, documents, strict=True)
    )
    return created


# -- the admin page form ------------------------------------------------------------------


def create_url(parent, model=pages.LawPage):
    return f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/"


def form_values(html):
    """The values a browser would submit from the rendered page form."""
    values = querydict_from_html(html, form_id="page-edit-form")
    return {key: value.removeprefix("\n") for key, value in values.items()}


def validation_errors(instance):
    """The ``message_dict`` of the ValidationError that ``full_clean`` must raise."""
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict
