"""``load_demo``: three unit sites, every category and page type, stale and expired items,
the demo accounts and their permissions, and a second run that changes nothing.

The demo is loaded once for the module inside a transaction that is rolled back at the
end; each test runs in its own savepoint inside it.
"""

import datetime
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupSitePermission, Page, PageLogEntry, Revision, Site

from home.demo import build
from home.demo.specs import latest_fiscal_year
from home.demo.units import demo_port
from home.demo.users import DEFAULT_PASSWORD, demo_password
from home.models import HomePage
from moit_wagtail.access import sites_for_user
from moit_wagtail.checklist.models import ChecklistPage
from moit_wagtail.clauses import sub_clauses
from moit_wagtail.models import AgencyProfile, Unit
from moit_wagtail.pages.blocks import total_minutes
from moit_wagtail.pages.models import (
    CATEGORY_INDEX_TYPES,
    ActivityPage,
    OfficialInformationPage,
    PublicationPage,
    SopManualPage,
)
from moit_wagtail.roles import APPROVERS_ROLE, EDITORS_ROLE, group_name

HOSTNAMES = {"localhost", "dho.localhost", "hospital.localhost"}
CATEGORY_SLUGS = [
    "about",
    "laws",
    "knowledge",
    "links",
    "official-information",
    "sop",
    "service-manuals",
    "news",
    "e-services",
    "statistics",
]
ROLES = ("admin1", "admin2", "editor1", "editor2", "approver")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return str(tmp_path_factory.mktemp("demo-media"))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    with (
        override_settings(MEDIA_ROOT=demo_media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        result = build()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo_files(demo, demo_media, settings):
    """Point storage back at the files the module's load wrote (tests get their own media)."""
    settings.MEDIA_ROOT = demo_media


@pytest.fixture
def default_password(monkeypatch, settings):
    monkeypatch.delenv("MOIT_DEMO_PASSWORD", raising=False)
    settings.MOIT_DEMO_PASSWORD = ""


def sites():
    return list(Site.objects.order_by("pk"))


def publications(site):
    """The unit's published content, without the demo's publishing requests."""
    return PublicationPage.objects.descendant_of(site.root_page).exclude(
        slug__startswith="request-"
    )


def short_name(site):
    return Unit.for_site(site).group_key


def publication_types():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, PublicationPage) and model is not PublicationPage
    ]


def run_command():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    """Everything a second run must leave untouched."""
    user_model = get_user_model()
    return {
        "sites": set(Site.objects.values_list("hostname", "port", "root_page_id")),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "latest revisions": set(Page.objects.values_list("pk", "latest_revision_id", "live")),
        "log entries": PageLogEntry.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "users": set(user_model.objects.values_list("username", "password")),
        "groups": Group.objects.count(),
        "group permissions": sum(group.permissions.count() for group in Group.objects.all()),
        "profiles": set(AgencyProfile.objects.values_list("site_id", "name_th", "email")),
        "units": set(Unit.objects.values_list("site_id", "group_key", "unit_type", "parent_id")),
        "site permissions": GroupSitePermission.objects.count(),
    }


# -- structure ------------------------------------------------------------------------


def test_three_sites_on_the_demo_port_with_the_province_as_default(demo):
    assert {site.hostname for site in sites()} == HOSTNAMES
    assert {site.port for site in sites()} == {demo_port()}
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    for site in sites():
        assert isinstance(site.root_page.specific, HomePage)
        profile = AgencyProfile.for_site(site)
        assert profile.name_th and profile.name_en and profile.address and profile.email


def test_wagtails_welcome_page_is_replaced(demo):
    assert (
        not Page.objects.filter(depth=2)
        .exclude(pk__in=[site.root_page_id for site in sites()])
        .exists()
    )


def test_each_site_has_the_ten_categories_in_order_then_its_moit_page(demo):
    for site in sites():
        children = [page.specific for page in site.root_page.get_children()]
        indexes = children[: len(CATEGORY_INDEX_TYPES)]
        [moit_page] = [page for page in children if isinstance(page, ChecklistPage)]
        assert [type(page) for page in indexes] == CATEGORY_INDEX_TYPES
        assert [page.slug for page in indexes] == CATEGORY_SLUGS
        assert all(page.live and page.show_in_menus for page in indexes)
        assert isinstance(moit_page, ChecklistPage)
        assert (moit_page.framework.slug, moit_page.live) == ("moit", True)


def test_demo_shows_exemptions_links_and_provincial_oversight(demo):
    from moit_wagtail.checklist.models import ItemEvidence, NotApplicable

    assert NotApplicable.objects.filter(item__code="9(6)").count() == len(sites())
    for year in (2569, 2570):  # kept last year, carried into this year by the roll-over
        moit = {"item__framework__slug": "moit", "item__framework__fiscal_year": year}
        assert NotApplicable.objects.filter(item__code="MOIT 13", **moit).count() == 1  # the DHO
        assert ItemEvidence.objects.filter(item__code="MOIT 12", **moit).count() == len(sites())
    province = get_user_model().objects.get(username="pho-admin1")
    district = get_user_model().objects.get(username="dho-admin1")
    assert len(sites_for_user(province)) == len(sites()) > 1
    assert [site.hostname for site in sites_for_user(district)] == ["dho.localhost"]


def test_the_demo_started_this_fiscal_year_by_a_roll_over_that_kept_every_units_coverage(
    demo, client
):
    from wagtail.models import ModelLogEntry

    from moit_wagtail.checklist import rollover
    from moit_wagtail.checklist.current import moit_page_for_site
    from moit_wagtail.checklist.models import Framework
    from moit_wagtail.checklist.status import site_coverage

    last, this = (Framework.objects.get(slug="moit", fiscal_year=year) for year in (2569, 2570))
    assert (
        ModelLogEntry.objects.for_instance(this).filter(action=rollover.ROLL_OVER_ACTION).count()
        == 1
    )
    for site in sites():
        before = [(row.item.code, row.status) for row in site_coverage(site, last).items]
        after = [(row.item.code, row.status) for row in site_coverage(site, this).items]
        assert after == before, site.hostname
        statuses = dict(after)
        assert statuses["MOIT 1"] == "partial"  # mid-year: last year's report still to come
        assert statuses["MOIT 2"] == "partial"
        page = moit_page_for_site(site)
        assert page.slug == "moit" and page.shown_framework() == this
        assert client.get(page.year_url(2569), HTTP_HOST=site.hostname).status_code == 200


def test_each_site_uses_every_publication_type(demo):
    types = publication_types()
    assert len(types) >= 18
    for site in sites():
        used = {page.specific_class for page in publications(site).live()}
        assert set(types) <= used, site.hostname


def test_province_discloses_every_paragraph_of_sections_7_and_9(demo):
    province = Site.objects.get(hostname="localhost")
    sections = set(
        OfficialInformationPage.objects.descendant_of(province.root_page).values_list(
            "section", flat=True
        )
    )
    assert sections == {clause.code for clause in sub_clauses("1.5")}


def test_manuals_and_galleries_have_their_parts(demo):
    for manual in SopManualPage.objects.all():
        assert 3 <= len(manual.steps) <= 6
        assert total_minutes(manual.steps) > 0
        assert any(item.document.file_extension == "pdf" for item in manual.attachments.all())
    for gallery in ActivityPage.objects.all():
        assert 2 <= gallery.photos.count() <= 4
        assert all(photo.caption for photo in gallery.photos.all())


# -- metadata, dates and files ----------------------------------------------------------


def test_every_item_has_its_publication_metadata(demo):
    for site in sites():
        editors = Group.objects.get(name=group_name(short_name(site), EDITORS_ROLE))
        approvers = Group.objects.get(name=group_name(short_name(site), APPROVERS_ROLE))
        for page in publications(site):
            assert page.summary and page.owner_unit, page.title
            assert page.data_period_start and page.review_by, page.title
            assert editors in page.responsible_person.groups.all(), page.title
            publish = PageLogEntry.objects.filter(page=page, action="wagtail.publish").get()
            assert approvers in publish.user.groups.all(), page.title


def test_publication_dates_spread_over_the_past_year_and_a_half(demo):
    now = timezone.now()
    dates = list(
        PublicationPage.objects.exclude(first_published_at=None).values_list(
            "first_published_at", flat=True
        )
    )
    assert max(dates) <= now
    assert min(dates) < now - datetime.timedelta(days=365)
    assert len({date.date() for date in dates}) > 50
    years = set(
        apps.get_model("moit_pages", "AgencyDocumentPage")
        .objects.exclude(fiscal_year=None)
        .values_list("fiscal_year", flat=True)
    )
    assert years == {latest_fiscal_year() - 1, latest_fiscal_year()}


def test_stale_items_on_every_site(demo):
    """Every site shows each kind of overdue item, but most of its items are in order."""
    from moit_wagtail.checklist.attention import needing_attention, reasons_for

    for site in sites():
        pages = needing_attention().descendant_of(site.root_page)
        kinds = {reason.kind for page in pages for reason in reasons_for(page) if reason.is_overdue}
        assert kinds >= {"review_due", "data_period_ended", "too_old"}, site.hostname
        assert pages.count() < publications(site).live().count() / 2, site.hostname


def test_items_past_their_end_of_publication_were_taken_down_by_wagtail(demo):
    for site in sites():
        expired = publications(site).filter(expired=True)
        assert expired.exists(), site.hostname
        for page in expired:
            assert not page.live
            assert page.expire_at < timezone.now()
            assert PageLogEntry.objects.filter(
                page=page, action="wagtail.unpublish.scheduled"
            ).exists()
    assert not Page.objects.filter(live=True, expire_at__lt=timezone.now()).exists()


def test_files_are_real_and_kept_in_the_units_collection(demo_files):
    unit_collections = {short_name(site) for site in sites()}
    documents = get_document_model().objects.all()
    assert {document.collection.name for document in documents} == unit_collections
    extensions = {document.file_extension for document in documents}
    assert "pdf" in extensions and extensions & {"csv", "xlsx"}
    for document in documents:
        with document.open_file() as handle:
            data = handle.read()
        assert len(data) == document.file_size > 0
        if document.file_extension == "pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    for image in get_image_model().objects.all():
        assert image.collection.name in unit_collections
        assert image.width > 0 and any("\u0e00" <= char <= "\u0e7f" for char in image.title)


def test_pdfs_open_in_a_pdf_reader(demo_files):
    pypdf = pytest.importorskip("pypdf")
    pdfs = get_document_model().objects.filter(file__endswith=".pdf")
    assert pdfs.exists()
    for document in pdfs:
        with document.open_file() as handle:
            reader = pypdf.PdfReader(io.BytesIO(handle.read()))
        assert "moit-wagtail" in reader.pages[0].extract_text()
        assert reader.metadata.title == document.title


# -- accounts ---------------------------------------------------------------------------


def test_demo_accounts_and_groups(demo):
    user_model = get_user_model()
    assert user_model.objects.get(username="moit-admin").is_superuser
    for prefix in ("pho", "dho", "hosp"):
        for role in ROLES:
            user = user_model.objects.get(username=f"{prefix}-{role}")
            assert user.first_name and user.last_name
            assert user.email.endswith("@example.go.th")
            assert not user.is_superuser
            assert user.groups.count() == 1
    assert Group.objects.filter(name__endswith=EDITORS_ROLE).count() == 3


def test_editors_cannot_publish_but_approvers_can(demo):
    user_model = get_user_model()
    page = PublicationPage.objects.descendant_of(
        Site.objects.get(hostname="dho.localhost").root_page
    ).first()
    editor = page.permissions_for_user(user_model.objects.get(username="dho-editor1"))
    approver = page.permissions_for_user(user_model.objects.get(username="dho-approver"))
    admin = page.permissions_for_user(user_model.objects.get(username="dho-admin1"))
    other_unit = page.permissions_for_user(user_model.objects.get(username="hosp-approver"))

    assert editor.can_edit() and not editor.can_publish()
    assert approver.can_publish()
    assert admin.can_publish() and admin.can_unlock()
    assert not other_unit.can_edit()


# -- running again; passwords -----------------------------------------------------------


def test_second_run_changes_nothing(demo, default_password):
    before = snapshot()

    output = run_command()

    assert snapshot() == before
    assert DEFAULT_PASSWORD not in output


def test_new_accounts_get_the_default_password_printed_once(demo, default_password):
    get_user_model().objects.filter(username="dho-admin2").delete()

    first = run_command()
    second = run_command()

    assert DEFAULT_PASSWORD in first and "dho-admin2" in first
    assert DEFAULT_PASSWORD not in second
    assert get_user_model().objects.get(username="dho-admin2").check_password(DEFAULT_PASSWORD)


def test_password_from_the_environment_is_used_and_not_printed(demo, monkeypatch):
    monkeypatch.setenv("MOIT_DEMO_PASSWORD", "env-chosen-password")
    get_user_model().objects.filter(username="hosp-admin2").delete()

    output = run_command()

    assert "env-chosen-password" not in output and "MOIT_DEMO_PASSWORD" in output
    user = get_user_model().objects.get(username="hosp-admin2")
    assert user.check_password("env-chosen-password")


def test_an_existing_password_is_never_reset(demo, monkeypatch):
    user = get_user_model().objects.get(username="pho-editor1")
    user.set_password("chosen-by-the-user")
    user.save()
    monkeypatch.setenv("MOIT_DEMO_PASSWORD", "another-password")

    run_command()

    user.refresh_from_db()
    assert user.check_password("chosen-by-the-user")


def test_demo_password_default_and_environment(monkeypatch, settings):
    monkeypatch.delenv("MOIT_DEMO_PASSWORD", raising=False)
    settings.MOIT_DEMO_PASSWORD = ""
    assert demo_password().value == DEFAULT_PASSWORD == "moit-demo-2569"
    assert demo_password().is_default

    monkeypatch.setenv("MOIT_DEMO_PASSWORD", "from-env")
    assert (demo_password().value, demo_password().is_default) == ("from-env", False)


def test_each_unit_has_requests_in_every_state(demo):
    from wagtail.models import TaskState

    from moit_wagtail.workflow.models import UrgentApproval

    for site in sites():
        requests = {
            page.slug: page
            for page in PublicationPage.objects.descendant_of(site.root_page).filter(
                slug__startswith="request-"
            )
        }
        pending = requests["request-health-fair"]
        assert pending.workflow_in_progress and not pending.live
        refused = TaskState.objects.get(
            workflow_state__base_content_type__isnull=False,
            workflow_state__object_id=str(requests["request-dengue-article"].pk),
        ).specific
        assert refused.status == TaskState.STATUS_REJECTED and refused.rejection_reason
        assert requests["request-winner-printer"].live
        urgent = UrgentApproval.objects.get(page=requests["request-flood-alert"])
        assert urgent.page.live and not urgent.is_confirmed
