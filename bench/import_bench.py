"""Import benchmark: items imported per minute from a sheet with an attachment per row,
and the memory it takes, against a baseline in the same run.

A throwaway project (SQLite by default; ``--database-url`` for PostgreSQL) gets a unit
site with its groups and workflow. ``--rows`` rows (news and monthly procurement results,
each with its own PDF) are then:

* **baseline**: made directly with Wagtail's API, as a loader without checks would
  (page, document, attachment, revision, publish): the floor of the work itself;
* **preview**: read, checked and built by the importer, then rolled back;
* **import**: the same, kept (published as imported, with redirects and the record).

Prints items per minute, ms per row, queries per row and the peak memory of each.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _server import PYTHON, ROOT, bench_env


def rows_and_files(count, start=0):
    from home.demo.files import pdf_bytes

    rows, files = [], {}
    for number in range(start, start + count):
        name = f"เอกสารแนบลำดับที่ {number}.pdf"
        files[name] = pdf_bytes(f"ประกาศฉบับที่ {number}", ["เอกสารจากเว็บไซต์เดิมของหน่วยงาน"])
        if number % 2:
            kind, extra = (
                "ผลการจัดซื้อจัดจ้าง",
                {"ประเภทผลการจัดซื้อจัดจ้าง": "สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)"},
            )
        else:
            kind, extra = (
                "ข่าวประชาสัมพันธ์ ข่าวสารทั่วไป หรือเรื่องแจ้งเตือน",
                {"เนื้อหา": "สำนักงานสาธารณสุขจังหวัดขอเชิญชวนประชาชนร่วมกำจัดลูกน้ำยุงลาย"},
            )
        rows.append(
            {
                "ประเภทรายการ": kind,
                "ชื่อรายการ": f"ประกาศสำนักงานสาธารณสุขจังหวัด ฉบับที่ {number}/2567",
                "สรุปสาระสำคัญ": "ประกาศจากเว็บไซต์เดิมของหน่วยงาน",
                "เจ้าของข้อมูล (หน่วยงานหรือกลุ่มงาน)": "กลุ่มงานบริหารทั่วไป",
                "ผู้รับผิดชอบ (ชื่อผู้ใช้หรืออีเมล)": "writer",
                "ข้อมูลตั้งแต่วันที่": "01/01/2567",
                "วันที่เผยแพร่เดิม": f"{number % 28 + 1}/02/2567",
                "ไฟล์แนบ": name,
                "URL เดิม": f"https://old.example.go.th/news.php?id={number}",
                **extra,
            }
        )
    return rows, files


def sheet(rows):
    from django.core.files.base import ContentFile
    from openpyxl import Workbook

    workbook = Workbook()
    headers = list(dict.fromkeys(key for row in rows for key in row))
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append([row.get(header, "") for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    return ContentFile(output.getvalue(), name="bench.xlsx")


def measured(work):
    """Time, peak Python memory and queries of ``work()`` (counted by a wrapper: Django's
    own query log keeps only the last 9,000)."""
    from django.db import connection

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    tracemalloc.start()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        work()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": seconds, "peak_mb": peak / 2**20, "queries": count[0]}


def baseline(site, index, writer, rows, files):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from moit_wagtail.pages import models as pages
    from moit_wagtail.pages.models.base import PageAttachment
    from moit_wagtail.roles import unit_collection

    collection = unit_collection(site.moit_unit.group_key)
    for number, row in enumerate(rows):
        document = get_document_model()(title=f"baseline {number}", collection=collection)
        document.file = ContentFile(files[row["ไฟล์แนบ"]], name=f"baseline-{number}.pdf")
        document._set_document_file_metadata()
        document.save()
        page = pages.NewsPage(
            title=f"baseline {row['ชื่อรายการ']}", summary="x", owner_unit="x",
            responsible_person=writer, data_period_start="2024-01-01", body="<p>x</p>",
            slug=f"baseline-{number}", live=False,
            attachments=[PageAttachment(document=document)],
        )  # fmt: skip
        index.add_child(instance=page)
        page.save_revision(user=writer).publish(user=writer, skip_permission_checks=True)


def run_worker(args):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from moit_wagtail.importer.importing import import_rows
    from moit_wagtail.importer.models import ImportBatch
    from moit_wagtail.importer.reading import read_table
    from moit_wagtail.models import Unit
    from moit_wagtail.pages import models as pages
    from moit_wagtail.roles import ensure_unit_groups
    from moit_wagtail.search.file_text_jobs import wait_for_idle
    from moit_wagtail.workflow.setup import ensure_publishing_workflow
    from tests import factories

    home = factories.build_site()
    indexes = factories.build_indexes(home)
    site = Site.objects.get(root_page=home)
    Unit.objects.create(site=site, group_key="สสจ.ทดสอบ", unit_type="pho")
    ensure_publishing_workflow(site, "สสจ.ทดสอบ")
    groups = ensure_unit_groups(site, "สสจ.ทดสอบ")
    users = get_user_model().objects
    admin = users.create_user("webadmin", first_name="ผู้ดูแล")
    admin.groups.add(groups.admins)
    writer = users.create_user("writer", first_name="ผู้เขียน")
    writer.groups.add(groups.editors)

    rows, files = rows_and_files(args.rows)
    table = read_table(sheet(rows))
    news = indexes[pages.NewsIndexPage]
    result = {"rows": args.rows}
    result["baseline"] = measured(lambda: baseline(site, news, writer, rows, files))
    wait_for_idle(900)  # the background text reader: not timed, and not left competing
    mode = ImportBatch.PUBLISHED_BEFORE
    outcome = {}

    def preview():
        outcome["preview"] = import_rows(site, admin, table, files, mode)

    def apply():
        outcome["import"] = import_rows(site, admin, table, files, mode, apply=True)

    result["preview"] = measured(preview)
    result["import"] = measured(apply)
    wait_for_idle(900)
    result["created"] = outcome["import"].batch.created
    result["refused"] = outcome["import"].batch.refused
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, allow_abbrev=False)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--database-url", help="e.g. postgres://… (default: a new SQLite file)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args, _others = parser.parse_known_args()
    if args.worker:
        print(json.dumps(run_worker(args)))
        return
    with tempfile.TemporaryDirectory(prefix="moit-import-bench-") as work:
        work = Path(work)
        env = bench_env()
        env.update(
            DATABASE_URL=args.database_url or f"sqlite:///{work / 'bench.sqlite3'}",
            DJANGO_MEDIA_ROOT=str(work / "media"),
            MOIT_PRIVATE_MEDIA_ROOT=str(work / "private"),
            DJANGO_CACHE_DIR=str(work / "cache"),
            PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site"), str(Path(__file__).parent)]),
        )
        subprocess.run([PYTHON, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"],
                       env=env, cwd=ROOT, check=True)  # fmt: skip
        done = subprocess.run(
            [PYTHON, str(Path(__file__).resolve()), "--worker", "--rows", str(args.rows)],
            env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if args.json:
        print(json.dumps(result))
        return
    database = "PostgreSQL" if (args.database_url or "").startswith("postgres") else "SQLite"
    print(f"\n== Importing {args.rows} rows, each with a PDF attachment ({database})")
    print(f"{'':<10}{'items/min':>11}{'ms/row':>9}{'queries/row':>13}{'peak MB':>9}")
    for name in ("baseline", "preview", "import"):
        row = result[name]
        per_minute = args.rows / row["seconds"] * 60
        print(
            f"{name:<10}{per_minute:>11.0f}{row['seconds'] / args.rows * 1000:>9.1f}"
            f"{row['queries'] / args.rows:>13.1f}{row['peak_mb']:>9.1f}"
        )
    ratio = result["import"]["seconds"] / result["baseline"]["seconds"]
    print(
        f"(import vs baseline: {ratio:.2f}x the time; created {result['created']}, "
        f"refused {result['refused']}; process peak RSS {result['max_rss_mb']:.0f} MB)"
    )


if __name__ == "__main__":
    sys.exit(main())
