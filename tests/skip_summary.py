"""One closing line saying which kinds of tests were skipped and the command that runs them.

A fresh machine without Chromium, poppler, Redis or PostgreSQL must not pass quietly with
whole kinds of tests left out: ``make test`` installs what it can (as root), and whatever
still could not run is named here, once, at the very end of the run.
"""

import re

import pytest

# (kind, what the skip reasons say, the command that enables it), in the order printed.
KINDS = [
    (
        "PostgreSQL-only",
        re.compile(r"postgres", re.I),
        "make test-postgres",
    ),
    (
        "browser",
        re.compile(r"chromium|playwright|axe-core|fc-list|fontconfig", re.I),
        "sudo bash scripts/system-packages.sh test && make test",
    ),
    (
        "PDF",
        re.compile(r"poppler|pdftotext|pdftoppm|pango|weasyprint", re.I),
        "sudo bash scripts/system-packages.sh test && make test",
    ),
    ("Redis", re.compile(r"redis", re.I), "sudo bash scripts/system-packages.sh test && make test"),
]


def skip_reason(report):
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr or "")


def summary_line(reports):
    """``None`` when nothing was skipped; otherwise the one line to print."""
    counts, other = {}, 0
    for report in reports:
        reason = skip_reason(report)
        for kind, pattern, _command in KINDS:
            if pattern.search(reason):
                counts[kind] = counts.get(kind, 0) + 1
                break
        else:
            other += 1
    if not counts and not other:
        return None
    parts = [
        f"{counts[kind]} {kind} (run: {command})"
        for kind, _pattern, command in KINDS
        if kind in counts
    ]
    if other:
        parts.append(f"{other} other (see the 'SKIPPED' lines above)")
    total = sum(counts.values()) + other
    return f"SKIPPED {total} test{'s' if total != 1 else ''}: " + "; ".join(parts)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After every other summary (durations, the short 'SKIPPED' list), just before
    pytest's own closing count."""
    yield
    line = summary_line(terminalreporter.stats.get("skipped", []))
    if line:
        terminalreporter.write_line(line, yellow=True, bold=True)
