"""Thai for Wagtail's own admin: catalogues that complete or replace Wagtail's Thai.

Optional: list ``moit_wagtail.wagtail_th`` in INSTALLED_APPS before every ``wagtail.*`` app
(Django lets apps listed earlier win) and route Wagtail's JavaScript catalogue through
``moit_wagtail.wagtail_th.urls`` (README, "Thai for Wagtail's admin in another Wagtail site").
The translators' sources are ``po/*.po``; ``python -m moit_wagtail.wagtail_th.build``
compiles them into ``locale/``, which is what Django reads.
"""

from pathlib import Path

APP_DIR = Path(__file__).resolve().parent
PO_DIR = APP_DIR / "po"
LOCALE_DIR = APP_DIR / "locale"
LANGUAGE = "th"
