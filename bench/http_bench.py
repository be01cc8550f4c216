"""Benchmark: public page throughput against a trivial Django view, in one run.

Serves the demo site (plus a news category with 200 items) with gunicorn, 2 workers,
DEBUG off, and measures req/s and p50/p99 for the home page, a 200-item category index,
a detail page with attachments and the trivial ``/healthz/`` view (the ceiling), twice:
with the anonymous page cache (the default) and with it turned off (every request
routed, queried and rendered). Goal: the detail page reaches at least 20% of the
trivial view's rate.
"""

import argparse
import json

from _server import bench_env, gunicorn, manage, measure, print_table, reset_work_dir, run_python

SETUP = """
import datetime, json
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from django.contrib.auth import get_user_model
from wagtail.models import Site
from moit_wagtail.pages.models import NewsIndexPage, NewsPage, PublicationPage

site = Site.objects.get(is_default_site=True)
index = NewsIndexPage.objects.descendant_of(site.root_page).get()
index.get_children().delete()
doc = Document(title="bench attachment")
doc.file.save("bench.pdf", ContentFile(b"%PDF-1.4\\n" + b"0" * 4096), save=False)
doc.save()
now = timezone.now()
owner = get_user_model().objects.get(username="pho-editor1")
for n in range(200):
    page = NewsPage(
        title=f"ข่าวประชาสัมพันธ์ลำดับที่ {n}", slug=f"bench-{n}", summary="ข่าวทดสอบ",
        owner_unit="กลุ่มงานบริหารทั่วไป", responsible_person=owner,
        data_period_start=datetime.date(2026, 1, 1),
        body="<p>เนื้อหาข่าว</p>", kind="1.8.1",
        live=True, first_published_at=now - datetime.timedelta(hours=n),
    )
    index.add_child(instance=page)
    page.attachments.create(document=doc)
detail = PublicationPage.objects.live().filter(attachments__isnull=False).exclude(
    pk__in=NewsPage.objects.child_of(index)).first()
print(json.dumps({"index": index.url, "detail": detail.url}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()

    reset_work_dir()
    env = bench_env()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo")
    urls = json.loads(run_python(env, SETUP).strip().splitlines()[-1])

    targets = [
        ("trivial view /healthz/", "/healthz/"),
        ("home page", "/"),
        ("category index, 200 items", urls["index"]),
        ("detail page with attachments", urls["detail"]),
    ]
    for label, cache_seconds in [("page cache on (default)", "300"), ("page cache off", "0")]:
        with gunicorn({**env, "MOIT_PAGE_CACHE_SECONDS": cache_seconds}, workers=2) as port:
            rows = [
                (name, measure(port, path, args.seconds, args.connections))
                for name, path in targets
            ]
        baseline = rows[0][1]
        print_table(f"public pages, gunicorn 2 workers, DEBUG off, {label}", rows, baseline)
        ratio = rows[3][1]["rps"] / baseline["rps"]
        verdict = "meets" if ratio >= 0.20 else "below"
        print(f"detail page at {ratio:.0%} of the trivial view ({verdict} the 20% goal)")


if __name__ == "__main__":
    main()
