"""The disk-full fault of ``fault_bench.py``: uploads into small tmpfs mounts until they fill.

A citizen posts complaints with three PDFs each; a superuser uploads documents in the
Wagtail admin. Afterwards every file on the two mounts is compared with the database rows
that name it: a file no row names, or one shorter than its row says, was left behind.
"""

import contextlib
import json
import subprocess
from urllib.parse import urlencode

from _client import FormParser, multipart, request
from _load import DEMO_PASSWORD, Gunicorn, work_dir
from _server import run_python

THAI_503 = "ไม่สามารถบันทึกไฟล์ได้ในขณะนี้"  # "Files cannot be saved right now"
ENGLISH_503 = "Files cannot be saved right now"

INVENTORY = """
import json
from wagtail.documents.models import Document
from moit_wagtail.eservices.models import SubmissionFile
print(json.dumps({
    "private": {f.file.name: f.size for f in SubmissionFile.objects.all()},
    "media": {d.file.name: d.file_size for d in Document.objects.all()},
}))
"""


def pdf_bytes(size):
    head, tail = b"%PDF-1.4\n%bench\n", b"\n%%EOF\n"
    return head + b"0" * (size - len(head) - len(tail)) + tail


class Browser:
    def __init__(self, port):
        self.port, self.cookies = port, {}

    def go(self, method, path, body=None, content_type=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers.update({"Content-Type": content_type, "Referer": "http://127.0.0.1/"})
        status, response_headers, data = request(self.port, method, path, headers, body)
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        return status, {k.lower(): v for k, v in response_headers}, data.decode("utf-8", "replace")

    def form(self, path, needs_file=False):
        status, _, html = self.go("GET", path)
        parser = FormParser()
        parser.feed(html)
        for form in parser.forms:
            if "csrfmiddlewaretoken" in form["fields"] and (form["files"] or not needs_file):
                return form
        raise RuntimeError(f"no form at {path} ({status})")

    def submit(self, path, fields, files, needs_file=True):
        form = self.form(path, needs_file)
        content_type, body = multipart({**form["fields"], **fields}, files)
        return self.go("POST", form["action"] or path, body, content_type)


def describe(status, headers, html):
    if status == 503:
        said = (
            "Thai 503 page"
            if THAI_503 in html
            else ("503 page (English msgid)" if ENGLISH_503 in html else "503")
        )
        return f"503, Retry-After {headers.get('retry-after')}, {said}"
    return str(status)


def fill(label, attempt, limit=25):
    """Call ``attempt(n)`` until three failures in a row; returns the outcomes."""
    outcomes, failures = [], 0
    for n in range(limit):
        outcome = attempt(n)
        outcomes.append(outcome)
        failures = 0 if outcome in {"302", "200"} else failures + 1
        if failures == 3:
            break
    print(f"- {label}: " + ", ".join(f"{k} x{outcomes.count(k)}" for k in dict.fromkeys(outcomes)))
    return outcomes


def left_behind(mount, rows):
    """Files on the mount that no row names, or that are shorter than their row says."""
    problems = []
    for path in sorted(p for p in mount.rglob("*") if p.is_file()):
        name = str(path.relative_to(mount))
        size = path.stat().st_size
        if name not in rows:
            problems.append(f"{name} ({size} B, no row)")
        elif rows[name] is not None and size != rows[name]:
            problems.append(f"{name} ({size} B on disk, row says {rows[name]} B)")
    return problems


def disk_full(env, plan, args):
    work = work_dir(env)
    mounts = {name: work / f"small-{name}" for name in ("media", "private")}
    for mount in mounts.values():
        mount.mkdir(exist_ok=True)
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={args.disk_mb}m", "tmpfs", str(mount)], check=True
        )
    try:
        small = {
            **env,
            "DJANGO_MEDIA_ROOT": str(mounts["media"]),
            "MOIT_PRIVATE_MEDIA_ROOT": str(mounts["private"]),
        }
        server = Gunicorn(small, workers=args.workers)
        try:
            print(f"\n### Fault: uploads into full disks ({args.disk_mb} MB tmpfs each)\n")
            citizen = Browser(server.port)
            complaint = plan["eservices"][0]
            files = [
                ("attachments", f"หลักฐาน-{n}.pdf", pdf_bytes(700_000), "application/pdf")
                for n in range(3)
            ]

            def post_complaint(n):
                status, headers, html = citizen.submit(complaint, {}, files)
                return describe(status, headers, html)

            fill(f"citizen complaint with 3 x 700 kB PDFs ({complaint})", post_complaint)

            admin = Browser(server.port)
            login = admin.form("/admin/login/")
            fields = {**login["fields"], "username": "moit-admin", "password": DEMO_PASSWORD}
            status, _, _ = admin.go(
                "POST",
                "/admin/login/",
                urlencode(fields).encode(),
                "application/x-www-form-urlencoded",
            )
            print(f"- admin sign-in: {status}")

            def upload_document(n):
                document = [("file", f"รายงาน-{n}.pdf", pdf_bytes(1_000_000), "application/pdf")]
                status, headers, html = admin.submit(
                    "/admin/documents/add/", {"title": f"รายงานทดสอบ {n}"}, document
                )
                return describe(status, headers, html)

            fill("admin document upload, 1 MB PDFs (/admin/documents/add/)", upload_document)
        finally:
            server.stop()
        rows = json.loads(run_python(small, INVENTORY).strip().splitlines()[-1])
        for name, mount in mounts.items():
            usage = subprocess.run(
                ["df", "-k", "--output=used,size", str(mount)], capture_output=True, text=True
            ).stdout.split()[-2:]
            problems = left_behind(mount, rows[name])
            print(
                f"- {name} disk: {len(rows[name])} rows, {usage[0]} of {usage[1]} kB used; "
                f"left behind: {len(problems)}"
            )
            for problem in problems:
                print(f"  - {problem}")
    finally:
        for mount in mounts.values():
            with contextlib.suppress(subprocess.CalledProcessError):
                subprocess.run(["umount", str(mount)], check=True)
