"""Page save benchmark: what publishing one page costs, before and after the Thai backend.

Before, every save fed two indexes: Wagtail's database backend (whose cost grows with the
index) and the public Thai index. Now one backend holds both. This runs the same worker on
two source trees in one run: ``--baseline`` (a git ref, checked out into a temporary
worktree; default the last commit before the backend) and this checkout. Each tree gets a
throwaway SQLite project; the worker publishes ``--new-pages`` news pages one by one
(``save_revision().publish()``, with their search indexing) at an empty site and again
after ``--pages`` filler pages were added and indexed, and prints the median ms.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _server import PYTHON, ROOT, bench_env

BENCH = Path(__file__).resolve().parent
BASELINE = "f9bae0c"  # the last commit with the page-only index beside Wagtail's backend


def publish_times(owner, index, count, start):
    from moit_wagtail.pages import models as pages
    from tests import factories

    times = []
    for number in range(start, start + count):
        page = factories.build_page(
            pages.NewsPage,
            owner,
            title=f"ประกาศรณรงค์ป้องกันโรคไข้เลือดออก ฉบับที่ {number}",
            body="<p>สำนักงานสาธารณสุขจังหวัดขอเชิญชวนประชาชนร่วมกำจัดลูกน้ำยุงลาย</p>",
            slug=f"save-bench-{number}",
        )
        index.add_child(instance=page)
        started = time.perf_counter()
        page.save_revision(user=owner).publish(user=owner)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run_worker(args):
    import django

    django.setup()
    import importlib.util

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction
    from search_bench import Filler
    from workflow_bench import index_updates_suspended

    from moit_wagtail.pages import models as pages
    from tests import factories

    owner = get_user_model().objects.create_superuser("save-bench", password="x")
    with index_updates_suspended(), transaction.atomic():
        home = factories.build_site()
        indexes = factories.build_indexes(home)
    news = indexes[pages.NewsIndexPage]
    result = {"small": publish_times(owner, news, args.new_pages, 0)}
    filler = Filler(indexes, owner)
    for index in indexes.values():  # the filler numbers tree paths after the pages above
        index.refresh_from_db()
        filler.steps[index.pk] = index.numchild
    with index_updates_suspended(), transaction.atomic():
        while filler.count < args.pages:
            filler.add()
    call_command("update_index", verbosity=0)
    if importlib.util.find_spec("moit_wagtail.search.indexer"):  # the page-only index
        call_command("rebuild_thai_search_index", verbosity=0, no_lock=True)
    news.refresh_from_db()
    result["large"] = publish_times(owner, news, args.new_pages, args.new_pages)
    result["pages"] = args.pages
    return result


def run_tree(tree, args, work):
    env = bench_env()
    env.update(
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_CACHE_DIR=str(work / "cache"),
        PYTHONPATH=os.pathsep.join([str(tree), str(tree / "site"), str(BENCH)]),
    )
    subprocess.run(
        [PYTHON, str(tree / "manage.py"), "migrate", "--noinput", "-v0"],
        env=env, cwd=tree, check=True,
    )  # fmt: skip
    options = ["--pages", str(args.pages), "--new-pages", str(args.new_pages)]
    done = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--worker", *options],
        env=env, cwd=tree, check=True, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--baseline", default=BASELINE, help="git ref of the 'before' tree")
    parser.add_argument("--pages", type=int, default=10_000, help="filler pages, second pass")
    parser.add_argument("--new-pages", type=int, default=15, help="pages published, each pass")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args, _others = parser.parse_known_args()
    if args.worker:
        print(json.dumps(run_worker(args)))
        return
    results = {}
    with tempfile.TemporaryDirectory(prefix="moit-save-bench-") as work:
        work = Path(work)
        before = work / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(before), args.baseline],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        try:
            for name, tree in (("before", before), ("after", ROOT)):
                (work / name).mkdir()
                results[name] = run_tree(tree, args, work / name)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT)
    if args.json:
        print(json.dumps(results))
        return
    print(f"\n== Publishing one page (save_revision().publish() with indexing), SQLite, "
          f"before = {args.baseline}, after = this checkout")  # fmt: skip
    print(f"{'':<10}{'at 0 pages ms':>15}{f'at {args.pages} pages ms':>22}")
    for name in ("before", "after"):
        row = results[name]
        print(f"{name:<10}{row['small']:>15.1f}{row['large']:>22.1f}")
    saved = 1 - results["after"]["large"] / results["before"]["large"]
    print(f"(after vs before at {args.pages} pages: {saved:+.0%} cheaper)")


if __name__ == "__main__":
    sys.exit(main())
