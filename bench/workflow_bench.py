"""Publishing-request benchmark: submit and approve at 100 and at 5,000 pages, in one run.

Every publication goes through the unit's approval workflow (seed 2.2), so a submit or an
approve that slows down as the unit's tree grows would slow every publication down year
after year. This measures both through the real admin views (the edit view's "submit"
button, then the workflow action URL) with ``django.test.Client`` and ``force_login``,
inside one ``django.setup()`` process: server time only, no HTTP, no gunicorn. The same
run measures the dashboard (``GET /admin/``) as the baseline, and counts the SQL queries
of one submit and one approve at each size: the counts must be equal.

Project: like ``http_bench``, a throwaway production-like project in bench/.work (DEBUG
off, SQLite file, or the ``DATABASE_URL`` you export, which must be an empty throwaway
database), plus host ``testserver`` for the test client and the locmem email backend, so the
notices are built but not sent over SMTP. No settings are overridden.

Tree: one unit (its own Site, home page, ten category indexes, groups and workflow via
``ensure_publishing_workflow``) with 100, then 5,000 live pages spread evenly over the ten
indexes. Filler pages are written with ``Model.save_base`` (three INSERTs each: no
validation, revision or log entry) and added to the search index in one bulk call per
type. Wagtail 8 runs search and reference-index updates synchronously as tasks (about
30 ms a page), so their ``post_save`` handlers are disconnected while, and only while,
the filler is written; submits and approves run with them, as in production. The filler
has no reference-index rows: that index is read per object, and the request reads its own.
"""

import argparse
import contextlib
import json
import math
import statistics
import subprocess
import time
from pathlib import Path

from _server import PYTHON, ROOT, bench_env, manage, reset_work_dir

BENCH_HOST = "workflow-bench.localhost"
UNIT = "หน่วยทดสอบเวิร์กโฟลว์"
DASHBOARD = "/admin/"


# -- inside the Django process (--worker) ---------------------------------------------------


@contextlib.contextmanager
def index_updates_suspended():
    """Disconnect the search index's post_save handler and pause the reference index."""
    from django.db.models.signals import post_save
    from wagtail.search.index import get_indexed_models
    from wagtail.search.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    detached = [
        model
        for model in get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in detached:
            post_save.connect(post_save_signal_handler, sender=model)


def build_unit():
    """The unit's site, home, ten category indexes, groups, workflow and two members."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, Site

    from home.models import HomePage
    from moit_wagtail.models import AgencyProfile
    from moit_wagtail.roles import ensure_unit_groups
    from moit_wagtail.workflow.setup import ensure_publishing_workflow
    from tests import factories

    if Site.objects.filter(hostname=BENCH_HOST).exists():
        # Deleting the earlier 5,000-page tree takes minutes; a fresh database takes seconds.
        raise SystemExit(
            "DATABASE_URL holds the unit of an earlier run: drop and recreate the database."
        )
    home = HomePage(title=UNIT, slug="workflow-bench", welcome="ยินดีต้อนรับ")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=BENCH_HOST, port=80, root_page=home, site_name=UNIT)
    AgencyProfile.objects.create(site=site, name_th=UNIT, name_en="Workflow bench unit")
    indexes = factories.build_indexes(home)
    ensure_publishing_workflow(site, UNIT)
    groups = ensure_unit_groups(site, UNIT)
    members = {}
    for role, group in [("editor", groups.editors), ("approver", groups.approvers)]:
        user, _created = get_user_model().objects.get_or_create(
            username=f"wfbench-{role}", defaults={"email": f"wfbench-{role}@example.go.th"}
        )
        user.groups.add(group)
        members[role] = user
    return home, indexes, members


def add_filler(indexes, owner, per_index):
    """Bring every category index to ``per_index`` live filler pages, fast (see module doc)."""
    from django.db import models, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backends

    from tests import factories

    now = timezone.now()
    created = {}
    with index_updates_suspended(), transaction.atomic():
        for index_model, index in indexes.items():
            child = next(m for m, parent in factories.PAGE_TYPES.items() if parent is index_model)
            index.refresh_from_db()
            done = child.objects.child_of(index).filter(slug__startswith="filler-").count()
            last = index.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) if last else 0
            for number in range(done, per_index):
                step += 1
                page = factories.build_page(
                    child, owner, title=f"รายการที่ {number:04d}", slug=f"filler-{number:04d}"
                )
                page.path = index.path + Page._int2str(step).rjust(Page.steplen, "0")
                page.depth = index.depth + 1
                page.url_path = f"{index.url_path}{page.slug}/"
                page.draft_title = page.title
                page.locale_id = index.locale_id
                page.content_type = page.cached_content_type
                page.clause = page.seed_clause
                page.evidence_code = page.get_evidence_code()
                page.live = True
                page.first_published_at = page.last_published_at = now
                models.Model.save_base(page, force_insert=True)
                created.setdefault(child, []).append(page)
            added = per_index - done
            if added > 0:
                Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + added)
    for backend in get_search_backends():
        for model, objects in created.items():
            backend.add_bulk(model, objects)


def draft_law(index, owner, slug):
    """A complete draft with a revision, as an editor leaves it before asking to publish."""
    from moit_wagtail.pages import models as pages
    from tests import factories

    page = factories.build_page(pages.LawPage, owner, title=f"ร่าง {slug}", slug=slug)
    page.live = False
    index.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def timed(call, counted=False):
    """(milliseconds, response, query count or None) of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    capture = CaptureQueriesContext(connection) if counted else contextlib.nullcontext()
    with capture as queries:
        start = time.perf_counter()
        response = call()
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, response, len(queries.captured_queries) if counted else None


def measure(home, indexes, members, clients, tag, repeat):
    """Dashboard, then ``repeat`` submit+approve pairs, plus one warm-up and one counted."""
    from wagtail.models import Page

    from moit_wagtail.pages import models as pages
    from tests import factories

    editor, approver = clients["editor"], clients["approver"]
    law_index = indexes[pages.LawIndexPage]
    row = {"pages": Page.objects.descendant_of(home, inclusive=True).count()}
    row["dashboard"] = []
    for _ in range(3):  # warm-up: templates, content types, site root paths
        timed(lambda: approver.get(DASHBOARD))
    for _ in range(repeat):
        elapsed, response, _count = timed(lambda: approver.get(DASHBOARD))
        assert response.status_code == 200, response.status_code
        row["dashboard"].append(elapsed)
    row["dashboard_queries"] = timed(lambda: approver.get(DASHBOARD), counted=True)[2]

    drafts = [draft_law(law_index, members["editor"], f"{tag}-{n}") for n in range(repeat + 2)]
    row["submit"], row["approve"] = [], []
    for n, page in enumerate(drafts):
        counted = n == len(drafts) - 1
        edit_url = f"/admin/pages/{page.pk}/edit/"
        form = factories.form_values(editor.get(edit_url).content.decode())
        form["action-submit"] = "1"
        elapsed_submit, response, submit_queries = timed(
            lambda url=edit_url, data=form: editor.post(url, data), counted
        )
        assert response.status_code == 302, response.status_code
        page.refresh_from_db()
        state = page.current_workflow_task_state
        action_url = f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/"
        elapsed_approve, response, approve_queries = timed(
            lambda url=action_url: approver.post(url, {"comment": "อนุญาตให้เผยแพร่"}), counted
        )
        assert response.status_code == 302, response.status_code
        page.refresh_from_db()
        assert page.live and not page.workflow_in_progress, page
        if counted:
            row["submit_queries"], row["approve_queries"] = submit_queries, approve_queries
        elif n:  # the first pair warms per-process caches
            row["submit"].append(elapsed_submit)
            row["approve"].append(elapsed_approve)
    return row


def run_worker(args):
    import django

    django.setup()
    from django.test import Client

    setup_start = time.perf_counter()
    home, indexes, members = build_unit()
    clients = {}
    for role, user in members.items():
        clients[role] = Client()
        clients[role].force_login(user)
    results = {}
    for size in (args.small, args.large):
        start = time.perf_counter()
        add_filler(indexes, members["editor"], size // len(indexes))
        built = time.perf_counter() - start
        results[size] = measure(home, indexes, members, clients, f"d{size}", args.repeat)
        results[size]["filler_seconds"] = built
    results["setup_seconds"] = time.perf_counter() - setup_start
    return results


# -- the driver --------------------------------------------------------------------------


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def prepare(env):
    """migrate and collectstatic side by side: they touch different things."""
    collect = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT
    )
    manage(env, "migrate", "--noinput", "-v0")
    if collect.wait():
        raise subprocess.CalledProcessError(collect.returncode, "collectstatic")


def report(results, small, large, database):
    baseline = statistics.median(results[str(small)]["dashboard"])
    print(f"\n== publishing request, admin views in-process (test client), DEBUG off, {database}")
    print(f"{'target':<38}{'pages':>7}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'p50 vs dash':>13}")
    for size in (small, large):
        row = results[str(size)]
        for label, key in [
            ("dashboard GET /admin/ (baseline)", "dashboard"),
            ("submit (edit view, action-submit)", "submit"),
            ("approve (workflow action URL)", "approve"),
        ]:
            p50 = statistics.median(row[key])
            print(
                f"{label:<38}{row['pages']:>7}{p50:>9.1f}{percentile(row[key], 0.95):>9.1f}"
                f"{row[key + '_queries']:>9}{p50 / baseline:>12.1f}x"
            )
    first, second = results[str(small)], results[str(large)]
    print(
        f"(n={len(first['approve'])} each; filler pages written in "
        f"{first['filler_seconds']:.1f} s and {second['filler_seconds']:.1f} s)"
    )
    for key in ("submit", "approve"):
        x, y = first[f"{key}_queries"], second[f"{key}_queries"]
        verdict = "equal" if x == y else "NOT EQUAL: grows with the tree"
        print(
            f"{key} queries at {small} pages: {x}, at {large} pages: {y} (must be equal) {verdict}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests of each kind")
    parser.add_argument("--small", type=int, default=100, help="pages in the small tree")
    parser.add_argument("--large", type=int, default=5000, help="pages in the large tree")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args, _others = parser.parse_known_args()  # run_all.py passes every bench its options
    if args.worker:
        print(json.dumps(run_worker(args)))
        return

    reset_work_dir()
    env = bench_env()
    env.update(
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    prepare(env)
    options = ["--repeat", str(args.repeat), "--small", str(args.small), "--large", str(args.large)]
    done = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--worker", *options],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    results = json.loads(done.stdout.strip().splitlines()[-1])
    report(results, args.small, args.large, env["DATABASE_URL"].split(":", 1)[0])
    print(f"(worker: unit built, filled and measured in {results['setup_seconds']:.0f} s)")


if __name__ == "__main__":
    main()
