"""Run one test of this suite in a subprocess under another settings module: Django
cannot add or drop installed apps in-process. The test it runs is marked
``under_settings(module)`` and left out of the normal run (tests/conftest.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_test_under(settings_module, test_id, **environment):
    """``pytest test_id`` under ``settings_module`` with ``environment`` added; asserts it passed.

    Each run gets its own SQLite test database: on a shared PostgreSQL, parallel runs would
    race for one test database name, and what they test is the same on both engines.
    """
    env = {**os.environ, **environment}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q"]
        + [f"--ds={settings_module}", test_id],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "1 passed" in result.stdout
