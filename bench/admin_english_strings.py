"""English left on Wagtail's core-flow admin screens, before and after ``moit_wagtail.wagtail_th``.

Runs ``tests/test_wagtail_th_screens.py`` twice in subprocesses: once with
``--ds=tests.settings_without_wagtail_th`` ("before": Wagtail's own Thai, plus our product's
catalogues) and once with the site's test settings ("after"), and prints, per screen, how many
visible texts are Wagtail msgids without Thai (occurrences, and distinct strings). ``--list``
also prints the strings left after. Exit status: the "after" run's (0 when no English is left).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST = "tests/test_wagtail_th_screens.py"
BEFORE_SETTINGS = "tests.settings_without_wagtail_th"


def run(report, settings=None):
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q", TEST]
    if settings:
        command.append(f"--ds={settings}")
    env = {**os.environ, "MOIT_ADMIN_STRINGS_REPORT": str(report)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    rows = {}
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows[row["screen"]] = row["strings"]
    if not rows:
        sys.exit(f"no screen was rendered:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return rows, result.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print the strings left after")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        before, _ = run(Path(work) / "before.jsonl", BEFORE_SETTINGS)
        after, status = run(Path(work) / "after.jsonl")
    print("| screen | before | after |")
    print("|---|---|---|")
    totals = [0, 0, set(), set()]
    for screen in before:
        old, new = before[screen], after.get(screen, [])
        totals[0] += len(old)
        totals[1] += len(new)
        totals[2] |= set(old)
        totals[3] |= set(new)
        print(f"| {screen} | {len(old)} ({len(set(old))}) | {len(new)} ({len(set(new))}) |")
    print(f"| all screens | {totals[0]} ({len(totals[2])}) | {totals[1]} ({len(totals[3])}) |")
    print("\nCounts: English occurrences (distinct strings in brackets).")
    if args.list:
        for screen, strings in after.items():
            for text in sorted(set(strings)):
                print(f"  {screen}: {text}")
    return status


if __name__ == "__main__":
    sys.exit(main())
