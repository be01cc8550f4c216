"""A citizen's request to see or erase their data, answered by the unit's own handlers:
exports (CSV with BOM, JSON) and erasure behind a confirmation, each in the audit log;
another unit's staff are refused."""

import json
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry, Site

from moit_wagtail.eservices.models import Submission
from moit_wagtail.personal_data.actions import ERASE_ACTION, EXPORT_ACTION
from moit_wagtail.spreadsheets import BOM
from tests.eservices_helpers import make_other_unit
from tests.personal_data_helpers import closed_submission

pytestmark = pytest.mark.django_db
EMAIL = "Somchai@Example.com"


@pytest.fixture
def site(home_page):
    return Site.objects.get(root_page=home_page)


@pytest.fixture
def citizen(site):
    """Two submissions of one citizen (one still recent), and one of someone else."""
    first = closed_submission(site, 30)
    second = closed_submission(site, 5, with_file=False, phone="0812345678")
    closed_submission(site, 5, with_file=False, email="other@example.com", phone="099")
    return first, second


@pytest.fixture
def other_handler(make_member):
    _site, groups = make_other_unit()
    return make_member("otherhandler", groups.admins)


def url(name, site):
    return reverse(f"moit_personal_data:{name}", args=[site.pk])


def assert_refused(response):
    """Wagtail's refusal in the admin: back to the dashboard with its permission message."""
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    shown = [str(message).strip() for message in get_messages(response.wsgi_request)]
    assert set(shown) == {
        translation.gettext("Sorry, you do not have permission to access this area.")
    }


def ask(match_by="email", value=EMAIL, **extra):
    return {"match_by": match_by, "value": value, **extra}


def test_a_handler_finds_a_citizen_by_email_phone_or_code(client, handler, site, citizen):
    client.force_login(handler)
    assert client.get(reverse("moit_personal_data:index")).url == url("search", site)
    assert client.get(url("search", site)).status_code == 200
    for data, expected in [
        (ask(), 2),
        (ask("phone", "081 234 5678"), 2),  # digits compared, dashes and spaces ignored
        (ask("code", citizen[0].code.lower()), 1),
        (ask("email", "nobody@example.com"), 0),
    ]:
        page = client.post(url("search", site), data).content.decode()
        assert page.count("data-code=") == expected, data


def test_the_csv_export_has_a_bom_the_citizens_data_and_an_audit_entry(
    client, handler, site, citizen
):
    client.force_login(handler)
    response = client.post(url("export", site), ask(format="csv"))
    assert response.status_code == 200
    assert response.content.startswith(BOM)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert text.count("somchai@example.com") == 2
    assert "other@example.com" not in text
    assert "หลักฐาน.pdf" in text and "เรียนคุณสมชาย" in text
    assert "โทรคุยกับคุณสมชายแล้ว" not in text  # internal notes are the unit's, not the citizen's
    entries = ModelLogEntry.objects.filter(action=EXPORT_ACTION)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(s.pk) for s in citizen)
    assert {entry.user_id for entry in entries} == {handler.pk}
    assert all(EMAIL.lower() not in json.dumps(entry.data).lower() for entry in entries)


def test_the_json_export_lists_each_submission(client, handler, site, citizen):
    client.force_login(handler)
    response = client.post(url("export", site), ask(format="json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    rows = json.loads(response.content)["submissions"]
    assert [row["code"] for row in rows] == [s.code for s in citizen]
    assert rows[0]["files"] == [{"name": "หลักฐาน.pdf", "size": citizen[0].files.get().size}]


def test_a_formula_in_the_citizens_text_is_not_run_by_excel(client, handler, site):
    closed_submission(site, 5, with_file=False, subject='=HYPERLINK("http://evil.example")')
    client.force_login(handler)
    text = client.post(url("export", site), ask(format="csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_erasing_asks_for_confirmation_with_the_count_then_erases(client, handler, site, citizen):
    client.force_login(handler)
    stored = Path(citizen[0].files.get().file.path)
    confirm = client.post(url("erase", site), ask())
    assert confirm.status_code == 200
    assert 'data-count="2"' in confirm.content.decode()
    assert not Submission.objects.filter(anonymised_at__isnull=False).exists()  # not yet
    assert not ModelLogEntry.objects.filter(action=ERASE_ACTION).exists()

    done = client.post(url("erase", site), ask(confirm="yes"))
    assert done.status_code == 302 and done.url == url("search", site)
    for submission in citizen:
        submission.refresh_from_db()
        assert submission.anonymised_at is not None
        assert (submission.name, submission.email, submission.phone) == ("", "", "")
    assert not stored.exists()
    assert Submission.objects.get(email="other@example.com").anonymised_at is None
    entries = ModelLogEntry.objects.filter(action=ERASE_ACTION)
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(s.pk) for s in citizen)
    assert all("somchai" not in json.dumps(entry.data).lower() for entry in entries)
    # Found again by code: nothing left to erase.
    again = client.post(url("erase", site), ask("code", citizen[0].code))
    assert 'data-count="0"' in again.content.decode()


def test_the_actions_have_thai_labels_in_the_audit_log():
    with translation.override("th"):
        labels = dict(registry.get_choices())
        for action in (EXPORT_ACTION, ERASE_ACTION):
            assert action in labels
            assert str(labels[action]) == translation.gettext(
                {EXPORT_ACTION: "Export a citizen's personal data",
                 ERASE_ACTION: "Erase a citizen's personal data"}[action]
            )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("search", "get", {}),
        ("search", "post", ask()),
        ("export", "post", ask(format="csv")),
        ("erase", "post", ask()),
        ("erase", "post", ask(confirm="yes")),
    ],
)
def test_another_units_handler_is_refused(client, other_handler, site, citizen, name, method, data):
    client.force_login(other_handler)
    assert_refused(getattr(client, method)(url(name, site), data))
    assert not ModelLogEntry.objects.filter(action__startswith="moit.personal_data").exists()
    assert not Submission.objects.filter(anonymised_at__isnull=False).exists()


def test_staff_without_handling_rights_are_refused(client, unit_people, site, citizen):
    editor, approver, _webadmin = unit_people  # the unit's website admins handle submissions
    for user in (editor, approver):
        client.force_login(user)
        assert_refused(client.get(reverse("moit_personal_data:index")))
        assert_refused(client.post(url("export", site), ask(format="csv")))
    assert not ModelLogEntry.objects.filter(action=EXPORT_ACTION).exists()


def test_the_menu_item_is_shown_to_handlers_only(client, handler, unit_people, site):
    link = reverse("moit_personal_data:index")
    client.force_login(handler)
    assert link in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(unit_people[0])
    assert link not in client.get(reverse("wagtailadmin_home")).content.decode()
