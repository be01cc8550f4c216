"""moit_wagtail.wagtail_th: built catalogues up to date, JavaScript route, precedence, optional.

The screens themselves are checked in ``test_wagtail_th_screens.py``.
"""

import gettext
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from moit_wagtail.wagtail_th import LOCALE_DIR, build, missing
from moit_wagtail.wagtail_th.pofile import messages
from tests.admin_strings import english_strings, visible_texts
from tests.other_install import run_test_under

APP = "moit_wagtail.wagtail_th"
ROOT = Path(__file__).resolve().parent.parent
WAGTAIL_ADMIN_THAI = (
    Path(apps.get_app_config("wagtailadmin").path) / "locale" / "th" / "LC_MESSAGES"
)


def compiled(path):
    with open(path, "rb") as file:
        return gettext.GNUTranslations(file)._catalog


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_committed_catalogues_are_built_from_the_sources(tmp_path, domain):
    """Editing po/*.po without ``make wagtail-th`` would ship stale Thai."""
    build.build(domain, locale_dir=tmp_path, report=lambda message: None)
    fresh = compiled(tmp_path / "th" / "LC_MESSAGES" / f"{domain}.mo")
    assert compiled(LOCALE_DIR / "th" / "LC_MESSAGES" / f"{domain}.mo") == fresh
    assert len(fresh) > 1  # more than the header


def test_the_app_comes_before_every_wagtail_app():
    """Django lets the app listed first win a msgid, so ours must precede Wagtail's."""
    installed = settings.INSTALLED_APPS
    wagtail = [index for index, app in enumerate(installed) if app.split(".")[0] == "wagtail"]
    assert installed.index(APP) < min(wagtail)


def test_our_thai_wins_over_wagtails(db):
    """For a msgid both translate differently, the admin shows ours."""
    ours = messages(LOCALE_DIR / "th" / "LC_MESSAGES" / "django.po")
    theirs = messages(WAGTAIL_ADMIN_THAI / "django.po")
    differing = [
        key
        for key, entry in ours.items()
        if key[0] is None
        and entry.msgid_plural is None
        and key in theirs
        and theirs[key].translated
        and theirs[key].msgstr != entry.msgstr
    ]
    assert differing, "no msgid to show precedence with"
    with translation.override("th"):
        for key in differing:
            assert translation.gettext(key[1]) in {ours[key].msgstr, _site_wording(key[1])}


def _site_wording(msgid):
    """Our product's own apps (listed above ours) and LOCALE_PATHS may word a msgid their way."""
    for path in (
        ROOT / "moit_wagtail" / "locale" / "th" / "LC_MESSAGES" / "django.po",
        ROOT / "site" / "moit_site" / "locale" / "th" / "LC_MESSAGES" / "django.po",
    ):
        entry = messages(path).get((None, msgid))
        if entry and entry.translated:
            return entry.msgstr
    return None


def js_only_thai():
    """``{msgid: Thai}`` our djangojs provides and Wagtail's own Thai lacks."""
    ours = messages(LOCALE_DIR / "th" / "LC_MESSAGES" / "djangojs.po")
    theirs = messages(WAGTAIL_ADMIN_THAI / "djangojs.po")
    return {
        key[1]: entry.msgstr
        for key, entry in ours.items()
        if entry.translated
        and key[0] is None
        and entry.msgid_plural is None
        and not (key in theirs and theirs[key].translated)
    }


def javascript_catalogue(client):
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    body = response.content.decode()
    found = re.search(r"const newcatalog = (.*?);\s*for \(const key in newcatalog", body, re.DOTALL)
    assert found, "no catalogue in /admin/jsi18n/"
    return json.loads(found.group(1)) or {}


def test_the_admin_javascript_catalogue_has_our_thai(client, db, django_assert_max_num_queries):
    wanted = js_only_thai()
    assert wanted, "admin.js.po adds nothing Wagtail lacks"
    with django_assert_max_num_queries(2):
        catalogue = javascript_catalogue(client)  # anonymous, as on the login page
    assert {msgid: catalogue.get(msgid) for msgid in wanted} == wanted


def test_the_login_page_labels_the_password_in_thai(client, db):
    """Wagtail's login form has no password label; ours gives it one through gettext."""
    texts = visible_texts(client.get("/admin/login/").content.decode())
    with translation.override("th"):
        thai = translation.gettext("Password")
    assert thai != "Password"
    assert thai in texts and "Password" not in texts


def test_password_and_tag_help_is_thai(db):
    """Django's and taggit's Thai lack these; the app's own app.po supplies them."""
    from django.contrib.auth.password_validation import password_validators_help_texts

    with translation.override("th"):
        shown = [
            *password_validators_help_texts(),
            translation.gettext("A comma-separated list of tags."),
        ]
    assert shown and not [text for text in shown if re.search(r"[A-Za-z]{3,}", text)]


def test_the_detector_flags_english_and_spares_thai():
    html = (
        '<button type="button" aria-label="Toggle breadcrumbs">Save draft</button>'
        '<input type="submit" value="Publish"><p title="สรุป">Sort by \'ชื่อ\' in ascending'
        " order.</p><script>gettext('Delete')</script><template><p>Delete</p></template>"
        "<p>สำนักงานสาธารณสุข 2569</p>"
    )
    with translation.override("en"):  # Wagtail's English catalogue has no msgstr at all
        found = english_strings(html, language="en")
    assert found == [
        "Toggle breadcrumbs",
        "Save draft",
        "Publish",
        "Sort by 'ชื่อ' in ascending order.",
    ]
    with translation.override("th"):
        assert english_strings(html) == []


def test_the_missing_report_lists_what_has_no_thai(tmp_path):
    english = tmp_path / "wagtail" / "admin" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    ours = tmp_path / "ours" / "th" / "LC_MESSAGES" / "django.po"
    for path in (english, ours):
        path.parent.mkdir(parents=True)
    english.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Publish"\nmsgstr ""\n\n'
        'msgctxt "verb"\nmsgid "Lock"\nmsgstr ""\n\nmsgid "Unlock"\nmsgstr ""\n',
        encoding="utf-8",
    )
    ours.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Publish"\nmsgstr "เผยแพร่"\n\n'
        'msgid "Lock"\nmsgstr "ล็อก"\n\n#, fuzzy\nmsgid "Unlock"\nmsgstr "ปลดล็อก"\n',
        encoding="utf-8",
    )
    catalogues = missing.english_catalogues(tmp_path / "wagtail")
    assert list(catalogues) == [("wagtail.admin", "django")]
    rows, stale = missing.compare(catalogues, locale_dir=tmp_path / "ours", wagtail_thai=False)
    assert rows[0]["missing"] == [("verb", "Lock"), (None, "Unlock")]
    assert stale["django"] == [(None, "Lock")]


@pytest.mark.install
def test_the_site_runs_without_the_app():
    """Optional: the same site, settings without the app, still serves its admin."""
    run_test_under("tests.settings_without_wagtail_th", f"{__file__}::test_without_the_app")


@pytest.mark.under_settings("tests.settings_without_wagtail_th")
def test_without_the_app(client, unit_people, unit_pages):
    """Run by the test above: dashboard and JavaScript catalogue with Wagtail's Thai only."""
    client.force_login(unit_people[0])
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert english_strings(dashboard.content.decode()), "Wagtail's own Thai leaves English"
    catalogue = javascript_catalogue(client)
    assert all(catalogue.get(msgid) != thai for msgid, thai in js_only_thai().items())
