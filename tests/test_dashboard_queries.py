"""The approver's dashboard lists the requests awaiting them; whether the approver may
decide each one depends on who wrote it (segregation of duties).

Wagtail's own panel (``WorkflowObjectsToModeratePanel``) already costs 2 queries per
request listed (the task's specific object, the workflow's task list); the authorship
check adds 3 (the page as stored, its versions since publication, its open request).
Flat would need a panel of our own that prefetches both; until then this pins the cost
per request, so it can only go down, and the rest of the dashboard must stay flat."""

import pytest

from moit_wagtail.pages import models as pages
from tests import factories

pytestmark = pytest.mark.django_db

PER_PENDING_REQUEST = 5  # Wagtail's 2 + the authorship check's 3


def pending(index, editor, number):
    page = factories.build_page(pages.LawPage, editor, title=f"รออนุมัติ {number}", live=False)
    index.add_child(instance=page)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def dashboard_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(200) as counted:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(counted.captured_queries), response.content.decode()


def test_the_dashboard_costs_the_same_with_more_pending_requests(
    client, editor_user, approver, law_index, django_assert_max_num_queries
):
    for number in range(2):
        pending(law_index, editor_user, number)
    client.force_login(approver)
    dashboard_queries(client, django_assert_max_num_queries)  # warm per-process caches
    few, body = dashboard_queries(client, django_assert_max_num_queries)
    assert "รออนุมัติ 1" in body
    for number in range(2, 12):
        pending(law_index, editor_user, number)
    many, body = dashboard_queries(client, django_assert_max_num_queries)
    assert "รออนุมัติ 11" in body
    print(f"\ndashboard queries: {few} with 2 pending, {many} with 12")
    assert many - few <= 10 * PER_PENDING_REQUEST
