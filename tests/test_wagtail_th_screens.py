"""Wagtail's core-flow admin screens speak Thai: no visible Wagtail msgid is left in English.

Each screen is rendered with the Django test client as the unit's editor, its approver, or
the installation's website admin; ``tests/admin_strings.py`` says what counts as English.
With ``MOIT_ADMIN_STRINGS_REPORT=<file>`` each screen's English strings are appended to the
file as JSON lines; ``bench/admin_english_strings.py`` runs this module with and without
``moit_wagtail.wagtail_th`` (``--ds=tests.settings_without_wagtail_th``: Wagtail's own Thai
only) and prints both as a table.
"""

import json
import os

import pytest
from django.apps import apps

from tests.admin_strings import english_strings, screen_html
from tests.factories import create_url, form_values

pytestmark = pytest.mark.django_db
REPORT = os.environ.get("MOIT_ADMIN_STRINGS_REPORT")


def _edit_with_error(client, pages):
    url = f"/admin/pages/{pages['draft'].pk}/edit/"
    data = form_values(client.get(url).content.decode())
    return client.post(url, {**data, "title": "", "slug": ""})


def _action(name):
    def get(client, pages):
        page = pages["pending"]
        task_state = page.current_workflow_task_state
        return client.get(
            f"/admin/pages/workflow/action/{page.pk}/{name}/{task_state.pk}/",
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )

    return get


def _workflow_detail(client, pages):
    page = pages["pending"]
    state = page.current_workflow_state
    return client.get(f"/admin/pages/{page.pk}/workflow_history/detail/{state.pk}/")


def _get(url):
    return lambda client, pages: client.get(url.format(**{k: v.pk for k, v in pages.items()}))


# screen: (who, how to get it). Who: None (anonymous), editor, approver, webadmin (the
# unit's website admin) or superuser (the installation's website admin: users and groups).
SCREENS = {
    "login": (None, _get("/admin/login/")),
    "dashboard (editor)": ("editor", _get("/admin/")),
    "dashboard (approver)": ("approver", _get("/admin/")),
    "page explorer": ("editor", _get("/admin/pages/{index}/")),
    "page edit (draft)": ("editor", _get("/admin/pages/{draft}/edit/")),
    "page edit, validation error": ("editor", _edit_with_error),
    "page create": ("editor", lambda client, pages: client.get(create_url(pages["index"]))),
    "workflow history": ("editor", _get("/admin/pages/{pending}/workflow_history/")),
    "workflow history detail": ("editor", _workflow_detail),
    "page edit in moderation (approver)": ("approver", _get("/admin/pages/{pending}/edit/")),
    "page history": ("editor", _get("/admin/pages/{draft}/history/")),
    "revisions compare": (
        "editor",
        _get("/admin/pages/{draft}/revisions/compare/earliest...latest/"),
    ),
    "approve modal": ("approver", _action("approve")),
    "reject modal": ("approver", _action("reject")),
    "documents": ("editor", _get("/admin/documents/")),
    "images": ("editor", _get("/admin/images/")),
    "account": ("editor", _get("/admin/account/")),
    "report: aging pages": ("webadmin", _get("/admin/reports/aging-pages/")),
    "report: locked pages": ("webadmin", _get("/admin/reports/locked/")),
    "report: site history": ("webadmin", _get("/admin/reports/site-history/")),
    "users": ("superuser", _get("/admin/users/")),
    "groups": ("superuser", _get("/admin/groups/")),
}


def render(client, screen, people, pages):
    who, get = SCREENS[screen]
    client.logout()
    if who:
        client.force_login(people[who])
    response = get(client, pages)
    assert response.status_code == 200, f"{screen}: {response.status_code}"
    return screen_html(response)


@pytest.fixture
def people(unit_people, admin_user):
    editor, approver, webadmin = unit_people
    return {"editor": editor, "approver": approver, "webadmin": webadmin, "superuser": admin_user}


@pytest.mark.parametrize("screen", SCREENS)
def test_no_wagtail_string_is_left_in_english(client, screen, people, unit_pages):
    english = english_strings(render(client, screen, people, unit_pages))
    if REPORT:
        with open(REPORT, "a", encoding="utf-8") as report:
            installed = apps.is_installed("moit_wagtail.wagtail_th")
            row = {"screen": screen, "with_app": installed, "strings": english}
            report.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{screen}: {len(english)} English strings")
    assert not english, f"{screen}: English Wagtail strings without Thai: {sorted(set(english))}"
