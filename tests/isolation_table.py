"""What each role of another unit gets at every admin URL of ours: the table that
``test_unit_isolation`` sweeps (one row per URL name; a new URL without a row fails there)."""

from dataclasses import dataclass, field

from moit_wagtail.checklist.forms import OTHER_UNIT_PAGE, OTHER_UNIT_SITE
from moit_wagtail.importer.forms import OTHER_UNIT_IMPORT

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
    **{
        f"moit_importer_{name}": Row(
            by_role(NOT_FOUND, DENIED, DENIED), args=lambda o: ["first-unit-token"]
        )
        for name in ("refused", "progress", "preview")
    },
    "moit_importer_documents": Row(
        by_role(FORM_ERROR, DENIED, DENIED),
        query={"type": "moit_pages.lawpage"},
        post=lambda o: {"type": "moit_pages.lawpage", "site": o["site"].pk, "mode": "submit"},
        error=OTHER_UNIT_IMPORT,
    ),
    # Word into a page: the page's own editors only (the page and its category index).
    "moit_word_fill": Row(DENIED, args=pk("page"), post=lambda o: {}),
    "moit_word_create": Row(DENIED, args=lambda o: [o["page"].get_parent().pk], post=lambda o: {}),
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
