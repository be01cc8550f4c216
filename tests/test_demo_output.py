"""A fresh ``load_demo`` as a developer runs it (console email backend): the accounts table
and the password are its last lines, no email floods the console, and on the loaded demo
the search hint's example works and every unit links its MOIT page of the fiscal year.

The demo is loaded once for the module inside a transaction rolled back at the end.
"""

import contextlib
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Site

from home.demo.units import UNITS
from home.demo.users import DEFAULT_PASSWORD, SUPERUSER
from moit_wagtail.checklist.current import moit_page_for_site
from moit_wagtail.search import views as search_views

pytestmark = pytest.mark.django_db

CONSOLE = "django.core.mail.backends.console.EmailBackend"
USERNAMES = [SUPERUSER[0]] + [
    f"{unit.code}-{person.username_suffix}" for unit in UNITS for person in unit.staff
]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """(what the command wrote, what reached the process's stdout) of a first run."""
    command_out, console = io.StringIO(), io.StringIO()
    with (
        override_settings(
            MEDIA_ROOT=str(tmp_path_factory.mktemp("demo-media")),
            EMAIL_BACKEND=CONSOLE,
            MOIT_DEMO_PASSWORD="",
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        with contextlib.redirect_stdout(console):
            call_command("load_demo", stdout=command_out)
        yield command_out.getvalue(), console.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def output(loaded, monkeypatch):
    monkeypatch.delenv("MOIT_DEMO_PASSWORD", raising=False)
    return loaded[0].rstrip("\n").splitlines()


def test_the_accounts_table_and_the_password_are_the_last_lines(output):
    table = output[-(len(USERNAMES) + 2) :]
    heading, *rows, password = table
    assert "/admin/" in heading
    assert [row.split()[0] for row in rows] == USERNAMES
    assert all(" - " in row for row in rows)  # each with its name, role and unit
    assert DEFAULT_PASSWORD in password and "hosp-approver" in password
    dho_editor = next(row for row in rows if row.split()[0] == "dho-editor1")
    assert "สสอ.นาสุขสันต์" in dho_editor


def test_no_demo_email_reaches_the_console(loaded, output):
    _command_out, console = loaded
    assert "Subject:" not in console and "Content-Type:" not in console
    kept = gettext("Demo emails kept in memory, not sent: %(count)d.").split("%")[0]
    [line] = [line for line in output if line.startswith(kept)]
    count = re.search(r"\d+", line.removeprefix(kept))
    assert count and int(count.group()) > 0  # sent, to memory


def test_a_second_run_ends_with_the_table_too(loaded, monkeypatch):
    monkeypatch.delenv("MOIT_DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    with override_settings(MOIT_DEMO_PASSWORD=""):
        call_command("load_demo", stdout=out)
    lines = out.getvalue().rstrip("\n").splitlines()
    assert lines[-2].split()[0] == USERNAMES[-1]
    assert DEFAULT_PASSWORD not in out.getvalue()  # nobody new: no password to tell


# -- on the loaded demo ----------------------------------------------------------------


def host(site):
    return {"HTTP_HOST": f"{site.hostname}:{site.port}"}


@pytest.mark.parametrize("hostname", [unit.hostname for unit in UNITS])
def test_the_search_hints_example_finds_what_it_promises(loaded, client, hostname):
    site = Site.objects.get(hostname=hostname)
    with translation.override("th"):
        page = client.get("/search/", **host(site))
        hint = BeautifulSoup(page.content.decode(), "html.parser").select_one("#search-hint")
        assert search_views.HINT_PART in hint.text and search_views.HINT_WORD in hint.text

        response = client.get("/search/", {"q": search_views.HINT_PART}, **host(site))
    results = response.context["search"].results
    promised = [result for result in results if search_views.HINT_WORD in result.page.title]
    assert promised, [result.page.title for result in results]
    part, word = search_views.HINT_PART, search_views.HINT_WORD
    marked = word.replace(part, f"<mark>{part}</mark>", 1)  # "ไข้<mark>เลือด</mark>ออก"
    assert marked in response.content.decode()


@pytest.mark.parametrize("hostname", [unit.hostname for unit in UNITS])
def test_every_unit_links_its_moit_page_from_home_and_footer(loaded, client, hostname):
    site = Site.objects.get(hostname=hostname)
    moit = moit_page_for_site(site)
    assert moit is not None and (moit.slug, moit.follow_current_year) == ("moit", True)
    soup = BeautifulSoup(client.get("/", **host(site)).content.decode(), "html.parser")
    expected = moit.get_url(request=None, current_site=site)
    assert [a["href"] for a in soup.select("[data-moit-link=home]")] == [expected]
    assert [a["href"] for a in soup.select("[data-footer-link=moit]")] == [expected]
