#!/usr/bin/env python
"""Django's command-line utility for the moit-wagtail reference site."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    # site/ holds the project package; it cannot itself be a package ("site" is stdlib).
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moit_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
