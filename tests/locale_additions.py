"""The Thai of ``locale-additions/dates.po`` in force for a test, before it is merged.

Translations of this branch wait in ``locale-additions/`` until they are merged into the
project's catalogues; this fixture compiles the file into a temporary ``LOCALE_PATHS``
entry (Django's ``setting_changed`` handler drops its cached catalogues), so tests see the
admin as Thai users will. Once the file is merged and gone, the catalogues already hold it.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

ADDITIONS = Path(__file__).resolve().parents[1] / "locale-additions" / "dates.po"


@pytest.fixture
def thai_additions(settings, tmp_path):
    if not ADDITIONS.is_file():
        return
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt not installed: apt-get install gettext")
    messages = tmp_path / "locale" / "th" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    subprocess.run(
        ["msgfmt", "--check", "-o", str(messages / "django.mo"), str(ADDITIONS)], check=True
    )
    settings.LOCALE_PATHS = [str(tmp_path / "locale"), *settings.LOCALE_PATHS]
