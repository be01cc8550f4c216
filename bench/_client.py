"""The load client of the load and fault benchmarks: virtual visitors on plain http.client.

Each virtual visitor is a thread with its own cookies that picks a request kind by weight:
public pages (home, category indexes, detail pages), documents, Thai search, and the two
form posts, which GET the form page first (CSRF cookie and token) as a browser would.
Threads run in a few processes so one client process's GIL is not the ceiling. Every
request is recorded as (wall time, kind, status, seconds), which lets the fault bench draw
a timeline of what visitors saw.
"""

import http.client
import os
import random
import statistics
import threading
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

# kind -> (weight, statuses that mean success)
KINDS = {
    "home": (10, {200}),
    "category index": (15, {200}),
    "detail page": (30, {200}),
    "document": (10, {200}),
    "search": (15, {200}),
    "survey form": (0, {200}),  # the GET before each survey post (not drawn on its own)
    "survey post": (10, {302}),
    "e-service form": (0, {200}),
    "e-service post": (10, {302}),
    "e-service receipt": (0, {200}),
}
THAI_TEXT = "ขอสอบถามเรื่องการให้บริการของหน่วยงาน ทดสอบระบบโดยโปรแกรมวัดภาระ"


def request(port, method, path, headers=None, body=None, timeout=60):
    """One request on a fresh connection (gunicorn's sync workers close it anyway)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


class FormParser(HTMLParser):
    """The fields of the first POST form carrying a CSRF token, filled as a visitor would."""

    def __init__(self):
        super().__init__()
        self.forms, self._current, self._textarea, self._select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}, "files": []}
            self.forms.append(self._current)
        if self._current is None:
            return
        fields, name = self._current["fields"], attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                self._current["files"].append(name)
            elif kind == "radio":
                fields.setdefault(name, attrs.get("value", ""))
            elif kind == "checkbox":
                fields[name] = attrs.get("value") or "on"
            elif kind == "hidden":
                fields[name] = attrs.get("value", "")
            elif kind in {"submit", "button"}:
                pass
            elif name == "website":  # the honeypot stays empty
                fields[name] = ""
            elif kind == "email" or name == "email":
                fields[name] = "bench@example.com"
            elif name == "phone":
                fields[name] = "0812345678"
            else:
                fields[name] = THAI_TEXT[:60]
        elif tag == "textarea" and name:
            fields[name] = THAI_TEXT
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            fields.setdefault(self._select, attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None

    def post_form(self):
        for form in self.forms:
            if "csrfmiddlewaretoken" in form["fields"]:
                return form
        return None


def multipart(fields, files):
    """(content type, body) of a multipart form: ``files`` is [(field, name, bytes, type)]."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for field, filename, data, content_type in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


class Visitor:
    """One virtual visitor: its own cookies, records every request it makes."""

    def __init__(self, ports, plan, records, rng):
        self.ports, self.plan, self.records, self.rng = ports, plan, records, rng
        self.cookies = {}

    def fetch(self, kind, method, path, body=None, content_type=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
            headers["Referer"] = "http://127.0.0.1/"
        start, wall = time.perf_counter(), time.time()
        try:
            status, response_headers, data = request(
                self.rng.choice(self.ports), method, path, headers, body
            )
        except (OSError, http.client.HTTPException):
            status, response_headers, data = 0, [], b""
        self.records.append((wall, kind, status, time.perf_counter() - start))
        for name, value in response_headers:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookie_value = rest.split(";", 1)[0]
                if cookie_value in {"", '""'} or "max-age=0" in rest.lower():
                    self.cookies.pop(key.strip(), None)  # deleted, e.g. the flushed session
                else:
                    self.cookies[key.strip()] = cookie_value
        location = next((v for k, v in response_headers if k.lower() == "location"), None)
        return status, data, location

    def post_form(self, form_kind, post_kind, path, after=None):
        status, data, _ = self.fetch(form_kind, "GET", path)
        if status != 200:
            return
        parser = FormParser()
        parser.feed(data.decode("utf-8", "replace"))
        form = parser.post_form()
        if form is None:
            self.records.append((time.time(), post_kind, -1, 0.0))  # no form found: an error
            return
        body = urlencode(form["fields"]).encode()
        action = form["action"] or path
        _, _, location = self.fetch(
            post_kind, "POST", action, body, "application/x-www-form-urlencoded"
        )
        if after and location:
            self.fetch(after, "GET", urlsplit(location).path)

    def step(self, kind):
        plan, rng = self.plan, self.rng
        if kind == "home":
            self.fetch(kind, "GET", "/")
        elif kind == "category index":
            self.fetch(kind, "GET", rng.choice(plan["indexes"]))
        elif kind == "detail page":
            self.fetch(kind, "GET", rng.choice(plan["details"]))
        elif kind == "document":
            self.fetch(kind, "GET", rng.choice(plan["documents"]))
        elif kind == "search":
            self.fetch(kind, "GET", "/search/?" + urlencode({"q": rng.choice(plan["words"])}))
        elif kind == "survey post":
            self.post_form("survey form", kind, plan["survey"])
        elif kind == "e-service post":
            self.post_form(
                "e-service form", kind, rng.choice(plan["eservices"]), "e-service receipt"
            )


def _visitor_loop(ports, plan, deadline, records, seed):
    rng = random.Random(seed)
    visitor = Visitor(ports, plan, records, rng)
    kinds = [k for k, (w, _) in KINDS.items() if w]
    weights = [KINDS[k][0] for k in kinds]
    while time.time() < deadline:
        visitor.step(rng.choices(kinds, weights)[0])


def _client_process(args):
    ports, plan, deadline, threads, seed = args
    records = []
    workers = [
        threading.Thread(target=_visitor_loop, args=(ports, plan, deadline, records, seed + n))
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return records


def start_load(pool, ports, plan, seconds, connections, processes):
    """Submit the load to ``pool``; returns futures whose results are record lists."""
    deadline = time.time() + seconds
    sizes = [connections // processes + (n < connections % processes) for n in range(processes)]
    return [
        pool.submit(_client_process, (ports, plan, deadline, size, 1000 * n + os.getpid()))
        for n, size in enumerate(sizes)
        if size
    ]


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def summarise(records, seconds):
    """Rows per kind and in total: requests, req/s, p50/p99 ms, 429s, unexpected statuses."""
    rows = []
    for kind in [*KINDS, "all"]:
        mine = [r for r in records if kind == "all" or r[1] == kind]
        if not mine:
            continue
        latencies = sorted(r[3] for r in mine)
        limited = sum(1 for r in mine if r[2] == 429)
        errors = [
            r[2] for r in mine if r[2] != 429 and (kind == "all" or r[2] not in KINDS[kind][1])
        ]
        if kind == "all":
            errors = [r[2] for r in mine if r[2] not in KINDS[r[1]][1] and r[2] != 429]
        rows.append(
            {
                "kind": kind,
                "requests": len(mine),
                "rps": len(mine) / seconds,
                "p50_ms": statistics.median(latencies) * 1000,
                "p99_ms": percentile(latencies, 0.99) * 1000,
                "limited": limited,
                "errors": len(errors),
                "error_statuses": sorted(set(errors)),
            }
        )
    return rows


def markdown_table(rows):
    lines = [
        "| kind | requests | req/s | p50 ms | p99 ms | 429 | unexpected |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        statuses = f" {row['error_statuses']}" if row["errors"] else ""
        name = f"**{row['kind']}**" if row["kind"] == "all" else row["kind"]
        lines.append(
            f"| {name} | {row['requests']} | {row['rps']:.1f} | {row['p50_ms']:.0f} | "
            f"{row['p99_ms']:.0f} | {row['limited']} | {row['errors']}{statuses} |"
        )
    return "\n".join(lines)
