"""The site under load for the load and fault benchmarks: set-up, gunicorn, worker memory.

Its own work directory (``bench/.work-load``), so it never wipes what the other benchmarks
(``_server.py``, ``bench/.work``) are using. The database is DATABASE_URL when exported
(PostgreSQL: the schema is emptied first) or a SQLite file in the work directory; the
settings are ``load_settings`` (production settings, bench-sized form rate limits).
"""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

from _client import request
from _server import PYTHON, ROOT, bench_env, free_port, manage, run_python

WORK_ROOT = ROOT / "bench" / ".work-load"
DEMO_PASSWORD = "bench-load-2569"
SEARCH_WORDS = ["สาธารณสุข", "ข่าว", "โรงพยาบาล", "ประกาศ", "งบประมาณ", "วัคซีน", "จัดซื้อ"]

PLAN = """
import json
from wagtail.documents.models import Document
from wagtail.models import Page, Site
from moit_wagtail.pages.models import PublicationPage
from moit_wagtail.pages.models.base import PageAttachment
from moit_wagtail.survey.models import SurveyPage
from moit_wagtail.eservices.models import ComplaintFormPage, InformationRequestFormPage

site = Site.objects.get(is_default_site=True)
home = site.root_page
path = lambda page: page.get_url_parts()[2]
forms = [*ComplaintFormPage.objects.live(), *InformationRequestFormPage.objects.live()]
form_ids = {page.pk for page in forms}
details = [p for p in PublicationPage.objects.live().descendant_of(home).order_by("pk")
           if p.pk not in form_ids][:60]
attached = PageAttachment.objects.filter(page__in=details).values("document")
docs = Document.objects.filter(pk__in=attached).order_by("pk")[:30]
print(json.dumps({
    "indexes": [path(p) for p in home.get_children().live()],
    "details": [path(p) for p in details],
    "documents": [d.url for d in docs],
    "survey": path(SurveyPage.objects.live().descendant_of(home).first()),
    "eservices": [path(p) for p in forms if p.get_site() == site],
}))
"""

RESET_POSTGRES = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
"""


def work_dir(env=None):
    """One directory per database kind, so a SQLite run never wipes PostgreSQL's media."""
    url = (env or os.environ).get("DATABASE_URL", "")
    return WORK_ROOT / ("postgresql" if url.startswith("postgres") else "sqlite")


def load_env(**extra):
    env = bench_env()
    work = work_dir()
    env.update(
        DJANGO_SETTINGS_MODULE="load_settings",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_CACHE_DIR=str(work / "cache"),
        MOIT_DEMO_PASSWORD=DEMO_PASSWORD,
        PYTHONPATH=os.pathsep.join([str(ROOT / "bench"), env["PYTHONPATH"]]),
    )
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{work / 'load.sqlite3'}"
    env.update(extra)
    return env


def database_label(env):
    return "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"


def prepare(env, reuse=False):
    """Migrate and load the demo (unless ``reuse``); return the URLs the visitors use."""
    work = work_dir(env)
    plan_file = work / "plan.json"
    if reuse and plan_file.exists():
        return json.loads(plan_file.read_text())
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if database_label(env) == "PostgreSQL":
        run_python(env, RESET_POSTGRES)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_demo")
    plan = json.loads(run_python(env, PLAN).strip().splitlines()[-1])
    plan["words"] = SEARCH_WORDS
    plan_file.write_text(json.dumps(plan, ensure_ascii=False, indent=1))
    return plan


class Gunicorn:
    """A gunicorn master on 127.0.0.1 whose workers we can measure and kill."""

    def __init__(self, env, workers=2, port=None):
        self.port = port or free_port()
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "moit_site.wsgi",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--graceful-timeout",
                "5",
            ],
            env=env,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if (
                    request(self.port, "GET", "/healthz/")[0] == 200
                    and len(self.workers()) == workers
                ):
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        with contextlib.suppress(OSError):
            return [int(pid) for pid in children.read_text().split()]
        return []

    def rss_mb(self):
        """{worker pid: resident memory in MB}."""
        sizes = {}
        for pid in self.workers():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes[pid] = int(line.split()[1]) / 1024
        return sizes

    def kill_worker(self):
        pid = self.workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def warm(ports, plan):
    """Fill the page caches and import everything once, so start-of-run RSS is steady."""
    paths = ["/", *plan["indexes"], *plan["details"], *plan["documents"], plan["survey"]]
    paths += plan["eservices"] + [f"/search/?q={quote(word)}" for word in plan["words"]]
    for port in ports:
        for _ in range(3):  # gunicorn gives each worker some: the Thai dictionary loads once
            for path in paths:
                request(port, "GET", path)


def machine_load():
    one, five, fifteen = os.getloadavg()
    return (
        f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 min), {os.cpu_count()} CPUs"
    )


def format_rss(before, after):
    """'pid: start -> end MB' per worker (a worker that was replaced shows only one side)."""
    parts = []
    for pid in sorted(set(before) | set(after)):
        start = f"{before[pid]:.0f}" if pid in before else "-"
        end = f"{after[pid]:.0f}" if pid in after else "-"
        parts.append(f"{pid}: {start} -> {end} MB")
    return ", ".join(parts)
