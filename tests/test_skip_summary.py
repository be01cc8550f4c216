"""The closing line that names what a run skipped and how to run it."""

from types import SimpleNamespace

from tests.skip_summary import summary_line


def skipped(reason):
    return SimpleNamespace(longrepr=("tests/test_x.py", 1, f"Skipped: {reason}"))


def test_nothing_skipped_prints_nothing():
    assert summary_line([]) is None


def test_each_kind_is_counted_with_the_command_that_enables_it():
    line = summary_line(
        [
            skipped("needs PostgreSQL for simultaneous writers"),
            skipped("needs PostgreSQL for parallel writers"),
            skipped("Chromium not installed: apt-get install chromium"),
            skipped("poppler-utils is not installed"),
            skipped("redis-server not installed: apt-get install redis-server"),
            skipped("something else entirely"),
        ]
    )
    assert line.startswith("SKIPPED 6 tests: ")
    assert "2 PostgreSQL-only (run: make test-postgres)" in line
    assert "1 browser (run: sudo bash scripts/system-packages.sh test && make test)" in line
    assert "1 PDF (" in line and "1 Redis (" in line
    assert "1 other" in line
    assert "\n" not in line  # one line
