"""The cross-unit sweep: every admin URL our apps register, filled with the ids of one
unit's records, requested as another unit's admin, editor and approver.

Each URL has a row in ``TABLE`` saying what each role gets: a plain 403, a 404, Wagtail's
permission-denied redirect (to the dashboard, with its message), a form error, or a page
(listing, CSV export) that shows none of the first unit's data. A URL added without a row
fails ``test_every_admin_url_has_a_row``, so no new view goes unscoped.
"""

from dataclasses import dataclass, field
from html import escape

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from wagtail.models import Site

from moit_wagtail.checklist.forms import OTHER_UNIT_PAGE, OTHER_UNIT_SITE
from moit_wagtail.checklist.models import Framework, ItemEvidence, NotApplicable
from moit_wagtail.eservices.models import Submission, SubmissionFile
from moit_wagtail.importer.forms import OTHER_UNIT_IMPORT
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.models import Unit
from moit_wagtail.pages import models as pages
from moit_wagtail.survey.models import SurveyResponse
from moit_wagtail.workflow.models import UrgentApproval
from moit_wagtail.workflow.setup import ensure_publishing_workflow
from tests.eservices_helpers import make_other_unit, make_submission
from tests.refusals import is_permission_denied
from tests.survey_helpers import respond

pytestmark = pytest.mark.django_db

SECRET = "ข้อมูลลับของหน่วยแรก"  # in every record of the first unit
ROLES = ("admin", "editor", "approver")

FORBIDDEN, NOT_FOUND, DENIED, EMPTY, FORM_ERROR = "403", "404", "denied", "empty", "form error"


@dataclass
class Row:
    """``args(objects)`` fills the URL; ``query`` its query string; ``post`` (data from
    objects) is also sent; ``expect`` one outcome or {role: outcome}."""

    expect: object
    args: object = None
    query: dict = field(default_factory=dict)
    also_plain: bool = False  # request without ``query`` too (a listing and its export)
    post: object = None
    error: object = None  # the form error expected for FORM_ERROR
    follow: bool = False  # an EMPTY answer may redirect to the user's own unit first

    def outcome(self, role):
        return self.expect[role] if isinstance(self.expect, dict) else self.expect


def pk(name):
    return lambda objects: [objects[name].pk]


def import_sheet():
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = "ประเภทรายการ,ชื่อรายการ\n1.2,ระเบียบ\n"
    return SimpleUploadedFile("รายการ.csv", text.encode("utf-8-sig"), "text/csv")


def listing(admin=EMPTY, others=DENIED):
    """A model listing (also requested as CSV): the unit admins hold the model permissions."""
    return {"admin": admin, "editor": others, "approver": others}


def by_role(admin, editor, approver):
    return {"admin": admin, "editor": editor, "approver": approver}


OBJECT_VIEWS = ("edit", "delete", "history", "history_results", "usage")


def scoped_viewset(namespace, obj, add_expect, add_post=None, add_error=None, **options):
    """Rows of a unit-scoped model viewset: its listing shows the other unit nothing, every
    view of one record answers 403 (GET and POST), except that Wagtail refuses the edit
    view to whoever lacks the model permission before it loads the record."""
    listing_expect = options.get("listing", listing())
    edit_expect = options.get("edit", by_role(FORBIDDEN, DENIED, DENIED))
    rows = {
        f"{namespace}:index": Row(listing_expect, query={"export": "csv"}, also_plain=True),
        f"{namespace}:index_results": Row(listing_expect),
        f"{namespace}:add": Row(add_expect, post=add_post, error=add_error),
    }
    views = OBJECT_VIEWS + (("inspect",) if options.get("inspect") else ())
    for view in views:
        expect = edit_expect if view == "edit" else FORBIDDEN
        rows[f"{namespace}:{view}"] = Row(expect, args=pk(obj), post=lambda objects: {})
    return rows


TABLE = {
    **scoped_viewset(
        "moit_not_applicable",
        "not_applicable",
        by_role(FORM_ERROR, DENIED, DENIED),
        add_post=lambda o: {"site": o["site"].pk, "item": o["item"].pk, "justification": "x"},
        add_error=OTHER_UNIT_SITE,
    ),
    **scoped_viewset(
        "moit_evidence_links",
        "evidence_link",
        by_role(FORM_ERROR, DENIED, DENIED),
        add_post=lambda o: {"item": o["item"].pk, "page": o["page"].pk},
        add_error=OTHER_UNIT_PAGE,
    ),
    # Every member of a unit may read its survey responses; approvers and admins moderate.
    **scoped_viewset(
        "moit_survey_responses",
        "response",
        DENIED,
        listing=EMPTY,
        edit=by_role(FORBIDDEN, DENIED, FORBIDDEN),
        inspect=True,
    ),
    **scoped_viewset("moit_eservice_submissions", "submission", DENIED),
    "moit_eservice_submissions:file": Row(by_role(FORBIDDEN, DENIED, DENIED), args=pk("file")),
    # Checklists are shared by the installation and edited by the provincial office only.
    "moit_checklists:index": Row(DENIED),
    "moit_checklists:index_results": Row(DENIED),
    "moit_checklists:add": Row(DENIED),
    **{
        f"moit_checklists:{view}": Row(DENIED, args=pk("framework"), post=lambda o: {})
        for view in OBJECT_VIEWS
    },
    "moit_checklist_start_next_year": Row(DENIED, args=pk("framework"), post=lambda o: {}),
    "moit_checklist_roll_over": Row(
        DENIED, args=lambda o: [o["framework"].pk, 2571], post=lambda o: {"action": "confirm"}
    ),
    # Pages: Wagtail's page permissions keep them to the unit's own tree.
    "moit_publications:index": Row(EMPTY, query={"export": "csv"}, also_plain=True),
    "moit_publications:index_results": Row(EMPTY),
    "moit_publications:choose_parent": Row(EMPTY),
    "moit_page_slug": Row(FORBIDDEN, query={"title": "x", "path": "page-edit"}),
    "moit_reviewed": Row(FORBIDDEN, args=pk("page"), post=lambda o: {}),
    "moit_urgent_publish": Row(DENIED, args=pk("page"), post=lambda o: {}),
    "moit_urgent_list": Row(EMPTY),
    # Evidence documents and reports: another unit's site id is refused.
    "moit_evidence_page": Row(DENIED, args=pk("page")),
    "moit_evidence_bulk": Row(
        by_role(EMPTY, DENIED, EMPTY), query={"site": "own-site", "fiscal_year": "2569"}
    ),
    "moit_evidence_annual": Row(NOT_FOUND, query={"site": "own-site", "fiscal_year": "2569"}),
    **{
        f"moit_monitoring_{name}{suffix}": Row(DENIED, query={"site": "own-site"})
        for name in ("coverage", "rollup", "stale")
        for suffix in ("", "_results")
    },
    # The sheet for the MOIT system: a plain 403; the province's workbook needs view_all_units.
    "moit_monitoring_submission": Row(FORBIDDEN, query={"site": "own-site", "export": "csv"}),
    "moit_monitoring_submission_results": Row(FORBIDDEN, query={"site": "own-site"}),
    "moit_monitoring_submission_province": Row(FORBIDDEN),
    # The traffic log is exported by the provincial office only.
    "moit_traffic_export": Row(DENIED),
    # Importing the previous website: a unit's admins, into their own site only.
    "moit_importer_import": Row(
        by_role(FORM_ERROR, DENIED, DENIED),
        post=lambda o: {"site": o["site"].pk, "mode": "submit", "sheet": import_sheet()},
        error=OTHER_UNIT_IMPORT,
    ),
    "moit_importer_template": Row(by_role(EMPTY, DENIED, DENIED)),
    "moit_importer_confirm": Row(
        by_role(NOT_FOUND, DENIED, DENIED),
        args=lambda o: ["first-unit-token"],
        post=lambda o: {},
    ),  # fmt: skip
    "moit_importer_refused": Row(
        by_role(NOT_FOUND, DENIED, DENIED), args=lambda o: ["first-unit-token"]
    ),
    **scoped_viewset(
        "moit_import_batches",
        "import_batch",
        DENIED,
        listing=listing(admin=EMPTY),
        edit=by_role(DENIED, DENIED, DENIED),
        inspect=True,
    ),
    # Unit records decide rights: the provincial office and superusers set them up.
    "moit_units:index": Row(DENIED),
    "moit_units:index_results": Row(DENIED),
    "moit_units:add": Row(DENIED, post=lambda o: {}),
    **{
        f"moit_units:{view}": Row(DENIED, args=pk("unit"), post=lambda o: {})
        for view in ("edit", "delete", "history", "history_results", "usage")
    },
    # Citizens' data requests: only the unit's own handlers, on its own site.
    "moit_personal_data:index": Row(listing(), follow=True),
    **{
        f"moit_personal_data:{view}": Row(
            DENIED, args=pk("site"), post=lambda o: {"match_by": "email", "value": "a@b.th"}
        )
        for view in ("search", "export", "erase")
    },
}


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
    assert len(TABLE) * len(ROLES) == 3 * 89


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
