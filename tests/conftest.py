"""Shared fixtures: a unit's site with its ten categories, users, real files, publishing.

The builders live in ``tests/factories.py``; fixtures here only wire them to pytest.
"""

import os

import pytest
from django.core.cache import cache
from django.utils import translation

from tests import factories
from tests.skip_summary import pytest_terminal_summary  # noqa: F401  (the closing line)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``under_settings("tests.settings_x")`` belong to another install: a
    parent test runs them in a subprocess under those settings. Anywhere else they are
    left out (not skipped: they did not fail to run, they ran in that subprocess)."""
    current = os.environ.get("DJANGO_SETTINGS_MODULE", "")
    elsewhere = [
        item
        for item in items
        if (marker := item.get_closest_marker("under_settings")) and marker.args[0] != current
    ]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if item not in elsewhere]


@pytest.fixture(autouse=True)
def _isolated_media_cache_and_language(settings, tmp_path):
    """Uploaded files go to a per-test directory, Wagtail's cached site paths start empty,
    and each test starts in the site language (LocaleMiddleware leaves the language of
    the last request active in the thread, so an ``/en/`` request would leak)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture
def home_page(db):
    """A live ``home.HomePage`` at depth 2, root of the default Site ``testserver``."""
    return factories.build_site()


@pytest.fixture
def category_indexes(home_page):
    """The ten category index pages under the home page, live and shown in menus."""
    return factories.build_indexes(home_page)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="editor",
        password="password",
        email="editor@example.go.th",
        first_name="สมศรี",
        last_name="ใจดี",
    )


@pytest.fixture
def admin_user(django_user_model):
    """A superuser (overrides pytest-django's, so ``admin_client`` logs in as this one)."""
    return django_user_model.objects.create_superuser(
        username="admin",
        password="password",
        email="admin@example.go.th",
        first_name="ผู้ดูแล",
        last_name="ระบบ",
    )


@pytest.fixture
def make_document(db):
    """``make_document(name, content_bytes)``: a Wagtail Document with a real file."""

    def make(name="report.pdf", content=b"%PDF-1.4\n% test file\n", title=None):
        return factories.make_document(name, content, title=title)

    return make


@pytest.fixture
def make_image(db):
    """``make_image(name=..., size=...)``: a Wagtail Image with a real PNG file."""
    return factories.make_image


@pytest.fixture
def publish():
    """``publish(page, parent, user=None)``: add_child, then save and publish a revision."""
    return factories.publish


@pytest.fixture
def make_page(category_indexes, editor):
    """``make_page(Model, **overrides)``: a valid page, published under its category index."""

    def make(model, parent=None, **overrides):
        page = factories.build_page(model, editor, **overrides)
        parent = parent or category_indexes[factories.PAGE_TYPES[model]]
        return factories.publish(page, parent, user=editor)

    return make


# -- a unit with its roles and publishing workflow -----------------------------------------

UNIT = "สสจ.ทดสอบ"


@pytest.fixture
def unit(home_page, category_indexes):
    """The unit (a provincial office) with its groups (admins, editors, approvers) and its
    publishing workflow."""
    from wagtail.models import Site

    from moit_wagtail.models import Unit
    from moit_wagtail.roles import ensure_unit_groups
    from moit_wagtail.workflow.setup import ensure_publishing_workflow

    site = Site.objects.get(root_page=home_page)
    Unit.objects.get_or_create(site=site, defaults={"group_key": UNIT, "unit_type": "pho"})
    ensure_publishing_workflow(site, UNIT)
    return ensure_unit_groups(site, UNIT)


@pytest.fixture
def make_member(django_user_model):
    """``make_member(username, group, first_name=...)``: an active user in ``group``."""

    def make(username, group, first_name=None):
        user = django_user_model.objects.create_user(
            username=username,
            password="password",
            email=f"{username}@example.go.th",
            first_name=first_name or username.capitalize(),
            last_name="ทดสอบ",
        )
        user.groups.add(group)
        return user

    return make


@pytest.fixture
def survey_and_results(category_indexes):
    """A live satisfaction survey (three aspects) and its results page, under 1.10."""
    from moit_wagtail.pages import models as pages
    from tests.survey_helpers import build_survey

    return build_survey(category_indexes[pages.StatisticsIndexPage])


@pytest.fixture
def survey(survey_and_results):
    return survey_and_results[0]


@pytest.fixture
def results_page(survey_and_results):
    return survey_and_results[1]


@pytest.fixture
def form_pages(category_indexes, editor):
    """The complaint and the OIA-request forms (1.9), live under the e-services index."""
    from moit_wagtail.eservices.models import ComplaintFormPage, InformationRequestFormPage
    from moit_wagtail.pages import models as pages
    from tests.eservices_helpers import publish_form

    index = category_indexes[pages.EServiceIndexPage]
    return (
        publish_form(ComplaintFormPage, index, editor, "complaints"),
        publish_form(InformationRequestFormPage, index, editor, "information-request"),
    )


@pytest.fixture
def complaint_page(form_pages):
    return form_pages[0]


@pytest.fixture
def request_page(form_pages):
    return form_pages[1]


@pytest.fixture
def handler(unit, make_member):
    """A website admin of the unit allowed to read and answer e-service submissions."""
    from tests.eservices_helpers import grant_handling

    grant_handling(unit.admins)
    return make_member("handler", unit.admins)


# -- the core admin flow of a unit (Thai admin screens) ------------------------------------


@pytest.fixture
def unit_people(unit, make_member):
    """``(editor, approver, website admin)`` of the unit, each in their own group."""
    return (
        make_member("editor1", unit.editors, "สมศรี"),
        make_member("approver1", unit.approvers, "ประเสริฐ"),
        make_member("webadmin", unit.admins, "วิภา"),
    )


@pytest.fixture
def unit_pages(unit, unit_people, category_indexes, make_document, make_image):
    """A draft with two revisions and a page in moderation, by the unit's editor, under the
    laws index; one document and one image in the unit's collection."""
    from moit_wagtail.pages import models as pages

    editor = unit_people[0]
    index = category_indexes[pages.LawIndexPage]
    draft = factories.build_page(
        pages.LawPage, editor, title="ร่างประกาศหลักเกณฑ์", slug="draft-rules", live=False
    )
    index.add_child(instance=draft)
    draft.save_revision(user=editor)
    draft.summary = "สรุปฉบับที่สอง"
    draft.save_revision(user=editor)
    pending = factories.build_page(
        pages.LawPage, editor, title="ประกาศรออนุมัติ", slug="pending-rules", live=False
    )
    index.add_child(instance=pending)
    pending.save_revision(user=editor)
    pending.get_workflow().start(pending, editor)
    pending.refresh_from_db()
    for media in (make_document("ระเบียบ.pdf", title="ระเบียบการเบิกจ่าย"), make_image("ผัง.png")):
        media.collection = unit.collection
        media.save()
    return {"index": index, "draft": draft, "pending": pending}


@pytest.fixture
def editor_user(make_member, unit):
    """An editor of the unit (no publish permission: her pages go through the workflow)."""
    return make_member("editor1", unit.editors, "สมศรี")


@pytest.fixture
def approver(make_member, unit):
    """A head of group of the unit, who decides on its publishing requests."""
    return make_member("approver1", unit.approvers, "ประเสริฐ")


@pytest.fixture
def law_index(category_indexes):
    from moit_wagtail.pages import models as pages

    return category_indexes[pages.LawIndexPage]


@pytest.fixture
def editors(make_member, unit):
    """Two editors of the unit, for two people working on one page."""
    return make_member("writer_a", unit.editors, "อรุณี"), make_member(
        "writer_b", unit.editors, "บุญมี"
    )


@pytest.fixture
def news(editors, category_indexes):
    """A news item the first editor published, titled "ข่าวเดิม"."""
    from moit_wagtail.pages import models as pages

    page = factories.build_page(pages.NewsPage, editors[0], title="ข่าวเดิม", kind="1.8.2")
    return factories.publish(page, category_indexes[pages.NewsIndexPage], user=editors[0])


@pytest.fixture
def units(home_page):
    """A provincial office (the default site) overseeing a district office and a hospital,
    set up by ``setup_units``."""
    from tests.units_helpers import build_units

    return build_units(home_page)


@pytest.fixture
def unit_admin(make_member):
    """``unit_admin(unit)``: a new website admin of the ``Unit`` record ``unit``."""
    from tests.units_helpers import admins_of

    def make(unit):
        return make_member(f"admin-{unit.site.hostname}", admins_of(unit))

    return make


@pytest.fixture
def moit(db):
    """The MOIT list in force today (the fiscal year that contains today)."""
    from moit_wagtail.checklist.years import list_in_force

    return list_in_force("moit")


@pytest.fixture
def moit_2569(db):
    """Last fiscal year's MOIT list, the one the shipped FY2570 list was carried from."""
    from moit_wagtail.checklist.models import Framework

    return Framework.objects.get(slug="moit", fiscal_year=2569)


@pytest.fixture
def own_site(unit, home_page):
    from wagtail.models import Site

    return Site.objects.get(root_page=home_page)


@pytest.fixture
def other_site(home_page):
    """Another unit's site with its own groups, under the same tree root."""
    from wagtail.models import Page, Site

    from home.models import HomePage
    from moit_wagtail.roles import ensure_unit_groups

    home = HomePage(title="รพ.อื่น", slug="other-home")
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.create(hostname="other.example", port=80, root_page=home)
    ensure_unit_groups(site, "รพ.อื่น")
    return site


@pytest.fixture
def provincial_admin(unit, make_member):
    """A website admin of the provincial office, which oversees every unit."""
    from moit_wagtail.roles import grant_provincial_oversight

    grant_provincial_oversight(unit)
    return make_member("province", unit.admins)
