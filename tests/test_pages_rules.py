"""Where each page type may live, and which seed clause / checklist code it records."""

import pytest
from wagtail.models import Page, get_page_models

from home.models import HomePage
from moit_wagtail.clauses import all_clauses, get_clause, top_level_clauses
from moit_wagtail.eservices.models import ComplaintFormPage, InformationRequestFormPage
from moit_wagtail.pages import models as pages
from tests.factories import PAGE_TYPES, build_page, metadata

INDEX_TYPES = pages.CATEGORY_INDEX_TYPES
PUBLICATION_TYPES = list(PAGE_TYPES)

# Hand-written: the index of each top-level seed clause.
INDEX_FOR_CLAUSE = {
    "1.1": pages.AgencyInfoIndexPage,
    "1.2": pages.LawIndexPage,
    "1.3": pages.KnowledgeIndexPage,
    "1.4": pages.RelatedWebsitesIndexPage,
    "1.5": pages.OfficialInformationIndexPage,
    "1.6": pages.SopIndexPage,
    "1.7": pages.ServiceManualIndexPage,
    "1.8": pages.NewsIndexPage,
    "1.9": pages.EServiceIndexPage,
    "1.10": pages.StatisticsIndexPage,
}


def children_expected(index_model):
    """The index's publication types, and the survey pages that moit_survey adds to 1.10."""
    from moit_wagtail.survey.models import SurveyPage, SurveyResultsPage

    extra = {SurveyPage, SurveyResultsPage} if index_model is pages.StatisticsIndexPage else set()
    return {model for model, parent in PAGE_TYPES.items() if parent is index_model} | extra


# -- the type registry ------------------------------------------------------------------


def test_every_creatable_publication_type_is_covered_by_the_spec():
    creatable = {
        model
        for model in get_page_models()
        if issubclass(model, pages.PublicationPage) and model.is_creatable
    }
    assert creatable == set(PAGE_TYPES)


def test_publication_base_is_not_creatable():
    assert not pages.PublicationPage.is_creatable


def test_category_index_types_are_the_ten_indexes():
    assert len(INDEX_TYPES) == 10
    assert set(INDEX_TYPES) == set(INDEX_FOR_CLAUSE.values())
    assert all(issubclass(model, pages.CategoryIndexPage) for model in INDEX_TYPES)


def test_top_level_clauses_are_1_1_to_1_10():
    assert [clause.code for clause in top_level_clauses()] == [f"1.{n}" for n in range(1, 11)]


@pytest.mark.parametrize("clause", [c.code for c in top_level_clauses()])
def test_each_top_level_clause_has_exactly_one_index_type(clause):
    serving = [model for model in INDEX_TYPES if model.seed_clause == clause]
    assert serving == [INDEX_FOR_CLAUSE[clause]]


# -- parent / child rules (class level) -------------------------------------------------


def test_home_page_allows_the_ten_indexes_the_moit_page_and_the_footer_pages():
    from moit_wagtail.checklist.models import ChecklistPage
    from moit_wagtail.public.models import PolicyPage, SitemapPage

    expected = {*INDEX_TYPES, ChecklistPage, PolicyPage, SitemapPage}
    assert set(HomePage.allowed_subpage_models()) == expected
    assert set(HomePage.creatable_subpage_models()) == expected


def test_home_page_lives_only_at_the_root():
    assert HomePage.allowed_parent_page_models() == [Page]


@pytest.mark.parametrize("index_model", INDEX_TYPES, ids=lambda m: m.__name__)
def test_index_allows_only_its_own_child_types(index_model):
    expected = children_expected(index_model)
    assert expected, "every index should have at least one child type"
    assert set(index_model.allowed_subpage_models()) == expected
    assert set(index_model.creatable_subpage_models()) == expected


@pytest.mark.parametrize("model", PUBLICATION_TYPES, ids=lambda m: m.__name__)
def test_publication_has_one_parent_type_and_no_children(model):
    assert model.allowed_parent_page_models() == [PAGE_TYPES[model]]
    assert model.allowed_subpage_models() == []


@pytest.mark.parametrize("model", PUBLICATION_TYPES, ids=lambda m: m.__name__)
def test_publication_clause_matches_its_index(model):
    assert model.seed_clause == PAGE_TYPES[model].seed_clause


@pytest.mark.parametrize("index_model", INDEX_TYPES, ids=lambda m: m.__name__)
def test_index_cannot_be_nested_in_other_categories_or_pages(index_model):
    parents = set(index_model.allowed_parent_page_models())
    assert HomePage in parents
    assert not parents & set(INDEX_TYPES)
    assert not parents & set(PUBLICATION_TYPES)


# -- parent / child rules (instance level) ----------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model", PUBLICATION_TYPES, ids=lambda m: m.__name__)
def test_publication_can_be_created_only_under_its_own_index(model, category_indexes, home_page):
    for index_model, index in category_indexes.items():
        allowed = index_model is PAGE_TYPES[model]
        assert model.can_exist_under(index) is allowed, index_model.__name__
        assert model.can_create_at(index) is allowed, index_model.__name__
    assert not model.can_create_at(home_page)
    assert not model.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_law_page_cannot_be_created_under_news_index(category_indexes):
    news = category_indexes[pages.NewsIndexPage]
    assert not pages.LawPage.can_create_at(news)
    assert pages.LawPage.can_create_at(category_indexes[pages.LawIndexPage])


@pytest.mark.django_db
def test_publication_cannot_be_created_under_another_publication(make_page):
    law = make_page(pages.LawPage)
    for model in PUBLICATION_TYPES:
        assert not model.can_create_at(law)


@pytest.mark.django_db
@pytest.mark.parametrize("index_model", INDEX_TYPES, ids=lambda m: m.__name__)
def test_each_index_at_most_once_per_parent(index_model, home_page):
    assert index_model.can_create_at(home_page)
    home_page.add_child(instance=index_model(title="first", slug="first"))
    assert not index_model.can_create_at(home_page)
    # the others are still available
    others = [model for model in INDEX_TYPES if model is not index_model]
    assert all(model.can_create_at(home_page) for model in others)


@pytest.mark.django_db
def test_moving_an_index_onto_a_parent_that_has_one_is_refused(home_page, category_indexes):
    other_home = HomePage(title="อีกหน่วยงาน", slug="other-unit")
    Page.get_first_root_node().add_child(instance=other_home)
    other_law_index = pages.LawIndexPage(title="กฎหมาย", slug="laws")
    other_home.add_child(instance=other_law_index)
    assert not other_law_index.can_move_to(home_page)
    assert category_indexes[pages.NewsIndexPage].can_move_to(other_home)


@pytest.mark.django_db
@pytest.mark.parametrize("index_model", INDEX_TYPES, ids=lambda m: m.__name__)
def test_index_cannot_be_created_under_another_index(index_model, category_indexes):
    for parent in category_indexes.values():
        assert not index_model.can_create_at(parent)


@pytest.mark.django_db
def test_a_second_unit_home_page_can_be_created_at_the_root(home_page):
    """One installation serves several units, one Site (and one home page) each."""
    assert HomePage.can_create_at(Page.get_first_root_node())


# -- clause and checklist codes ----------------------------------------------------------

# (model, overrides, expected clause, expected evidence code), written out by hand.
CODE_CASES = [
    (ComplaintFormPage, {}, "1.9", "1.9"),
    (InformationRequestFormPage, {}, "1.9", "1.9"),
    (pages.AgencyDocumentPage, {"topic": "1.1.1"}, "1.1", "1.1.1"),
    (pages.AgencyDocumentPage, {"topic": "1.1.5"}, "1.1", "1.1.5"),
    (pages.AgencyDocumentPage, {"topic": "1.1.9", "fiscal_year": 2569}, "1.1", "1.1.9"),
    (pages.AgencyDocumentPage, {"topic": "1.1.11", "fiscal_year": 2568}, "1.1", "1.1.11"),
    (pages.VisionMissionPage, {}, "1.1", "1.1.2"),
    (pages.OrganisationStructurePage, {}, "1.1", "1.1.3"),
    (pages.ExecutivesPage, {}, "1.1", "1.1.4"),
    (pages.ContactPage, {}, "1.1", "1.1.12"),
    (pages.LawPage, {}, "1.2", "1.2"),
    (pages.KnowledgePage, {"kind": "1.3.1"}, "1.3", "1.3.1"),
    (pages.KnowledgePage, {"kind": "1.3.4"}, "1.3", "1.3.4"),
    (pages.RelatedWebsitesPage, {}, "1.4", "1.4"),
    (pages.OfficialInformationPage, {"section": "oia.7.1"}, "1.5", "oia.7.1"),
    (pages.OfficialInformationPage, {"section": "oia.9.8"}, "1.5", "oia.9.8"),
    (pages.SopManualPage, {}, "1.6", "1.6"),
    (pages.ServiceManualPage, {}, "1.7", "1.7"),
    (pages.NewsPage, {"kind": "1.8.1"}, "1.8", "1.8.1"),
    (pages.NewsPage, {"kind": "1.8.2"}, "1.8", "1.8.2"),
    (pages.NewsPage, {"kind": "1.8.4"}, "1.8", "1.8.4"),
    (pages.ActivityPage, {}, "1.8", "1.8.3"),
    (pages.JobAnnouncementPage, {}, "1.8", "1.8.5"),
    (pages.ProcurementAnnouncementPage, {}, "1.8", "1.8.6"),
    (pages.ProcurementResultPage, {}, "1.8", "1.8.7"),
    (pages.EServicePage, {}, "1.9", "1.9"),
    (pages.SatisfactionReportPage, {}, "1.10", "1.10.2"),
]


def code_case_id(case):
    model, overrides, _clause, code = case
    return f"{model.__name__}-{code}"


def test_code_cases_cover_every_publication_type():
    assert {case[0] for case in CODE_CASES} == set(PUBLICATION_TYPES)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CODE_CASES, ids=code_case_id)
def test_clause_and_evidence_code_are_saved(case, make_page):
    model, overrides, clause, code = case
    page = make_page(model, **overrides)
    stored = pages.PublicationPage.objects.get(pk=page.pk)
    assert (stored.clause, stored.evidence_code) == (clause, code)
    assert stored.clause_info.code == code
    # the page is findable from the shared table by clause and code (reports rely on it)
    assert pages.PublicationPage.objects.filter(clause=clause, evidence_code=code).count() == 1


@pytest.mark.django_db
def test_news_without_kind_is_a_press_release(category_indexes, editor, publish):
    page = pages.NewsPage(title="ข่าว", body="<p>ข่าว</p>", **metadata(editor))
    publish(page, category_indexes[pages.NewsIndexPage], user=editor)
    assert pages.PublicationPage.objects.get(pk=page.pk).evidence_code == "1.8.1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, field, first, second",
    [
        (pages.AgencyDocumentPage, "topic", "1.1.1", "1.1.6"),
        (pages.KnowledgePage, "kind", "1.3.1", "1.3.3"),
        (pages.OfficialInformationPage, "section", "oia.7.1", "oia.9.4"),
        (pages.NewsPage, "kind", "1.8.2", "1.8.4"),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_changing_topic_moves_the_checklist_code(model, field, first, second, make_page):
    page = make_page(model, **{field: first})
    setattr(page, field, second)
    page.save_revision().publish()
    assert pages.PublicationPage.objects.get(pk=page.pk).evidence_code == second


@pytest.mark.django_db
def test_evidence_code_follows_topic_even_with_update_fields(make_page):
    page = make_page(pages.AgencyDocumentPage, topic="1.1.1")
    page.topic = "1.1.5"
    page.save(update_fields=["topic"])
    stored = pages.PublicationPage.objects.get(pk=page.pk)
    assert (stored.clause, stored.evidence_code) == ("1.1", "1.1.5")


@pytest.mark.django_db
def test_saving_through_the_shared_table_keeps_the_codes(make_page):
    """Reports load ``PublicationPage`` rows (not the specific type); saving one of them,
    e.g. to record a review, must not wipe the clause and checklist code."""
    page = make_page(pages.AgencyDocumentPage, topic="1.1.5")
    shared = pages.PublicationPage.objects.get(pk=page.pk)
    shared.owner_unit = "กลุ่มงานใหม่"
    shared.save(update_fields=["owner_unit"])
    stored = pages.PublicationPage.objects.get(pk=page.pk)
    assert stored.owner_unit == "กลุ่มงานใหม่"
    assert (stored.clause, stored.evidence_code) == ("1.1", "1.1.5")


@pytest.mark.parametrize("case", CODE_CASES, ids=code_case_id)
def test_evidence_code_exists_in_seed_clauses(case):
    model, _overrides, clause, code = case
    assert code in all_clauses()
    info = get_clause(code)
    assert info.code == clause or info.parent == clause


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, field",
    [
        (pages.AgencyDocumentPage, "topic"),
        (pages.KnowledgePage, "kind"),
        (pages.OfficialInformationPage, "section"),
        (pages.NewsPage, "kind"),
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_every_choice_is_a_sub_item_of_the_page_clause(model, field, editor):
    choices = [value for value, _label in model._meta.get_field(field).choices]
    assert choices
    for value in choices:
        page = build_page(model, editor, **{field: value})
        code = page.get_evidence_code()
        assert code == value
        assert get_clause(code).parent == model.seed_clause


def test_agency_topics_exclude_those_with_their_own_page_type():
    topics = {value for value, _ in pages.AgencyDocumentPage._meta.get_field("topic").choices}
    own_types = {"1.1.2", "1.1.3", "1.1.4", "1.1.12"}
    assert not topics & own_types
    assert topics | own_types == {c.code for c in all_clauses().values() if c.parent == "1.1"}


def test_news_kinds_exclude_those_with_their_own_page_type():
    kinds = {value for value, _ in pages.NewsPage._meta.get_field("kind").choices}
    assert kinds == {"1.8.1", "1.8.2", "1.8.4"}
