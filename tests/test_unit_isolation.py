"""The cross-unit sweep: every admin URL our apps register, filled with the ids of one
unit's records, requested as another unit's admin, editor and approver.

Each URL has a row in ``TABLE`` (``tests/isolation_table.py``) saying what each role gets:
a plain 403, a 404, Wagtail's permission-denied redirect (to the dashboard, with its
message), a form error, or a page (listing, CSV export) that shows none of the first unit's
data. A URL added without a row fails ``test_every_admin_url_has_a_row``, so no new view
goes unscoped.
"""

from html import escape

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from wagtail.models import Site

from moit_wagtail.checklist.models import Framework, ItemEvidence, NotApplicable
from moit_wagtail.eservices.models import Submission, SubmissionFile
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.models import Unit
from moit_wagtail.pages import models as pages
from moit_wagtail.survey.models import SurveyResponse
from moit_wagtail.workflow.models import UrgentApproval
from moit_wagtail.workflow.setup import ensure_publishing_workflow
from tests.eservices_helpers import make_other_unit, make_submission
from tests.isolation_table import DENIED, EMPTY, FORBIDDEN, FORM_ERROR, NOT_FOUND, TABLE
from tests.refusals import is_permission_denied
from tests.survey_helpers import respond

pytestmark = pytest.mark.django_db

SECRET = "ข้อมูลลับของหน่วยแรก"  # in every record of the first unit
ROLES = ("admin", "editor", "approver")


def walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            yield prefix + str(pattern.pattern), namespace + pattern.name


def our_admin_urls():
    """Names of the admin URLs our apps register (ours all carry ``moit``)."""
    return {
        name
        for route, name in walk(get_resolver())
        if route.startswith("admin/") and "moit" in name
    }


def test_every_admin_url_has_a_row():
    assert our_admin_urls() == set(TABLE)


@pytest.fixture
def first_unit_records(unit, unit_people, make_page, survey, complaint_page):
    """One record of every kind, all of the first unit (the default site), each with SECRET."""
    site = Site.objects.get(root_page=unit.admins.page_permissions.first().page)
    editor, approver, web_admin = unit_people
    framework = Framework.objects.get(slug="moit", fiscal_year=2569)
    item = framework.items.get(code="MOIT 13")
    page = make_page(pages.LawPage, title=SECRET)
    submission = make_submission(site, subject=SECRET)
    return {
        "site": site,
        "unit": Unit.for_site(site),
        "framework": framework,
        "item": item,
        "page": page,
        "not_applicable": NotApplicable.objects.create(item=item, site=site, justification=SECRET),
        "evidence_link": ItemEvidence.objects.create(item=item, page=page),
        "submission": submission,
        "file": SubmissionFile.objects.create(
            submission=submission, file="x.pdf", original_name=f"{SECRET}.pdf", size=1
        ),
        "response": respond(survey, timezone.now(), (5, 4, 3), comment=SECRET),
        "import_batch": ImportBatch.objects.create(
            site=site,
            source_name=f"{SECRET}.xlsx",
            mode=ImportBatch.SUBMIT,
            report=[{"row": 2, "title": SECRET, "action": "refused", "reasons": [SECRET]}],
        ),  # fmt: skip
        "urgent": UrgentApproval.objects.create(
            page=page,
            revision=page.get_latest_revision(),
            approver=approver,
            approved_at=timezone.now(),
            reason=SECRET,
            published_by=web_admin,
        ),
    }


@pytest.fixture
def other_unit_people(make_member, db):
    """The admin, editor and approver of a second unit (a hospital on its own site)."""
    site, groups = make_other_unit()
    ensure_publishing_workflow(site, "รพ.อื่น")  # its admins may publish urgently
    return {
        "admin": make_member("other_admin", groups.admins),
        "editor": make_member("other_editor", groups.editors),
        "approver": make_member("other_approver", groups.approvers),
    }


def request_for(row, objects):
    query = {
        key: objects["site"].pk
        if value == "own-site"
        else reverse("wagtailadmin_pages:edit", args=[objects["page"].pk])
        if value == "page-edit"
        else value
        for key, value in row.query.items()
    }
    return query


def check(response, outcome, row, method):
    """None if ``response`` is ``outcome``, else what went wrong."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode("utf-8-sig", errors="replace")
    status = response.status_code
    if outcome == FORBIDDEN:
        ok = status == 403
    elif outcome == NOT_FOUND:
        ok = status == 404
    elif outcome == DENIED:
        ok = is_permission_denied(response)
    elif outcome == FORM_ERROR and method == "post":
        with override("th"):
            expected = (escape(str(row.error)), escape(gettext(str(row.error))))
        ok = status == 200 and any(text in body for text in expected)
    else:  # EMPTY, and the GET of a form
        ok = status == 200 and SECRET not in body
    return None if ok else f"{method} {status} expected {outcome}"


def sweep(client, user, objects):
    """Request every row as ``user``; return (number of requests, failures)."""
    client.force_login(user)
    failures, requests = [], 0
    role = user.sweep_role
    for name, row in TABLE.items():
        url = reverse(name, args=row.args(objects) if row.args else None)
        outcome = row.outcome(role)
        query = request_for(row, objects)
        for params in ({}, query) if row.also_plain else (query,):
            requests += 1
            client.cookies.pop("messages", None)  # each request's own message only
            follow = row.follow and outcome == EMPTY
            problem = check(client.get(url, params, follow=follow), outcome, row, "get")
            if problem:
                failures.append(f"{name} {params} as {role}: {problem}")
        if row.post:
            requests += 1
            client.cookies.pop("messages", None)
            response = client.post(url, row.post(objects))
            problem = check(response, outcome, row, "post")
            if problem:
                failures.append(f"{name} POST as {role}: {problem}")
    return requests, failures


def test_another_units_staff_reach_nothing_of_the_first_unit(
    client, first_unit_records, other_unit_people, capsys
):
    total, failures = 0, []
    for role, user in other_unit_people.items():
        user.sweep_role = role
        requests, found = sweep(client, user, first_unit_records)
        total += requests
        failures += found
    assert failures == [], "\n".join(failures)
    # Nothing of the first unit changed or went away.
    assert NotApplicable.objects.get().justification == SECRET
    assert ItemEvidence.objects.count() == 1
    assert Submission.objects.get().subject == SECRET
    assert SurveyResponse.objects.get().comment == SECRET
    assert UrgentApproval.objects.get().confirmed_at is None
    assert ImportBatch.objects.get().source_name == f"{SECRET}.xlsx"
    with capsys.disabled():
        print(
            f"\ncross-unit sweep: {len(TABLE)} URLs x {len(ROLES)} roles = "
            f"{len(TABLE) * len(ROLES)} cases, {total} requests"
        )
    assert len(TABLE) * len(ROLES) == 3 * 94


def test_page_listings_name_only_the_units_own_people(
    client, unit_people, other_unit_people, category_indexes, home_page
):
    """The "Owner" and "Edited by" filters of the page explorer and the publications
    listing offered every account that owns or edited a page, of every unit."""
    from tests import factories

    other = other_unit_people["editor"]
    other.first_name = "ชื่อคนหน่วยอื่น"
    other.save()
    other_home = Site.objects.get(hostname="other.test").root_page
    factories.publish(
        factories.build_page(pages.LawPage, other, owner=other), other_home, user=other
    )
    editor = unit_people[0]
    factories.publish(
        factories.build_page(pages.LawPage, editor, title="ของหน่วยเรา", owner=editor),
        category_indexes[pages.LawIndexPage],
        user=editor,
    )
    client.force_login(editor)
    for url in (
        reverse("wagtailadmin_explore", args=[home_page.pk]),
        reverse("moit_publications:index"),
    ):
        body = client.get(url).content.decode()
        assert editor.first_name in body, url  # the filter lists the unit's own people
        assert "ชื่อคนหน่วยอื่น" not in body and "other_editor" not in body, url


@pytest.mark.parametrize(
    "report", ["wagtailadmin_reports:site_history", "wagtailadmin_reports:workflow"]
)
def test_reports_name_only_the_units_own_people(client, unit_people, other_unit_people, report):
    """Wagtail's site history and workflow reports listed every account that acted."""
    other = other_unit_people["editor"]
    other.first_name = "ชื่อคนหน่วยอื่น"
    other.save()
    other_home = Site.objects.get(hostname="other.test").root_page
    from tests import factories

    page = factories.build_page(pages.LawPage, other, owner=other, live=False)
    other_home.add_child(instance=page)
    page.save_revision(user=other, log_action=True)
    page.get_workflow().start(page, other)
    client.force_login(unit_people[0])
    for url in (reverse(report), reverse(f"{report}_results")):
        body = client.get(url).content.decode()
        assert "ชื่อคนหน่วยอื่น" not in body and "other_editor" not in body, url
