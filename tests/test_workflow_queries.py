"""Seed 2.2 at scale: a publishing request must cost the same whatever the size of the tree.

Every publication a unit makes is submitted and approved, and a provincial office holds
thousands of pages, so a query per page, per sibling or per tree level (a tree walk in a
signal handler, a notifier or a permission check) would make both slower every month.
Both steps go through the real admin views (the edit view's "submit" button and the
workflow action URL). Their query counts are capped, and measured twice in one test, on
one page before and on another after adding pages to the tree: with 150 more pages the
two counts must agree. The same test with no pages added is the control: it shows two
consecutive requests already agree once per-process caches are warm, so a difference
with 150 pages can only come from the tree.
"""

import pytest
from wagtail.models import Site

from moit_wagtail.pages import models as pages
from moit_wagtail.roles import ensure_unit_groups
from moit_wagtail.workflow.setup import ensure_publishing_workflow
from tests import factories

pytestmark = pytest.mark.django_db

UNIT = "สสจ.นับคำสั่ง"
# Ceilings a little above the counts measured on SQLite with Wagtail 8.0.1 (submit 142,
# approve 114 before the public-site apps, ~120 after: more permissions and page types to
# check; 138 with the approver's confirmation, which reads the decision back): room for a
# harmless extra look-up, none for a per-page loop (the two tree sizes must also agree).
MAX_SUBMIT_QUERIES = 155
MAX_APPROVE_QUERIES = 155
# The first publication type of each category index, from the hand-written spec.
CHILD_TYPE = {
    index: next(model for model, parent in factories.PAGE_TYPES.items() if parent is index)
    for index in pages.CATEGORY_INDEX_TYPES
}


def member(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username=username, password="password", email=f"{username}@example.go.th"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def unit(home_page, category_indexes):
    """The unit's groups, approval task and workflow on the test site's whole tree."""
    site = Site.objects.get(root_page=home_page)
    ensure_publishing_workflow(site, UNIT)
    return ensure_unit_groups(site, UNIT)  # already made above: this only returns them


@pytest.fixture
def editor_user(django_user_model, unit):
    return member(django_user_model, "editor1", unit.editors)


@pytest.fixture
def approver(django_user_model, unit):
    return member(django_user_model, "approver1", unit.approvers)


def draft_law(index, user, number):
    """A complete draft with a revision, as an editor leaves it before asking to publish."""
    page = factories.build_page(pages.LawPage, user, title=f"ร่าง {number}", slug=f"draft-{number}")
    page.live = False
    index.add_child(instance=page)
    page.save_revision(user=user)
    return page


def add_pages(category_indexes, user, per_index):
    """``per_index`` live items (one attachment each) under every category index."""
    document = factories.make_document("filler.pdf")
    for index_model, index in category_indexes.items():
        existing = index.get_children().count()
        factories.add_live_children(
            index, CHILD_TYPE[index_model], user, per_index, document, start=existing
        )


def submit_and_approve(client, page, editor_user, approver, assert_max):
    """Submit ``page`` from its edit view, then approve it; return both query counts.

    Only the two POSTs are counted: the form is fetched beforehand, as the browser does.
    """
    edit_url = f"/admin/pages/{page.pk}/edit/"
    client.force_login(editor_user)
    data = {**factories.form_values(client.get(edit_url).content.decode()), "action-submit": "1"}
    with assert_max(MAX_SUBMIT_QUERIES) as submitted:
        response = client.post(edit_url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress

    client.force_login(approver)
    task_state = page.current_workflow_task_state
    action_url = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    with assert_max(MAX_APPROVE_QUERIES) as approved:
        response = client.post(action_url, {"comment": "อนุญาตให้เผยแพร่"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    return {
        "submit": len(submitted.captured_queries),
        "approve": len(approved.captured_queries),
    }


@pytest.mark.parametrize("added_per_index", [0, 15], ids=["control", "150-more-pages"])
def test_request_queries_do_not_grow_with_the_tree(
    added_per_index,
    client,
    category_indexes,
    editor_user,
    approver,
    django_assert_max_num_queries,
):
    law_index = category_indexes[pages.LawIndexPage]

    def journey(number):
        page = draft_law(law_index, editor_user, number)
        return submit_and_approve(
            client, page, editor_user, approver, django_assert_max_num_queries
        )

    journey(0)  # warm per-process caches: content types, site root paths, permissions
    before = journey(1)
    add_pages(category_indexes, editor_user, added_per_index)
    after = journey(2)
    print(f"\nqueries with {added_per_index * 10} more pages: before {before}, after {after}")
    assert after == before
