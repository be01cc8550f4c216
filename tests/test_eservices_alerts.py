"""The unit's handlers hear of each new e-service request (by a Thai email without the
citizen's secret or personal data) and see the open ones, oldest first, on their dashboard."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from moit_wagtail import unit_urls
from moit_wagtail.dates import format_date
from moit_wagtail.eservices import notify
from moit_wagtail.eservices.models import Kind, Status, Submission
from moit_wagtail.eservices.permissions import handlers_of
from tests.eservices_helpers import complaint_data, edit_url, make_other_unit, make_submission

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def other_unit(home_page):
    return make_other_unit()


@pytest.fixture
def handlers(unit, other_unit, make_member, admin_user):
    """Who handles the unit's requests, and who does not: an editor, a former admin,
    a superuser and the other unit's admin."""
    gone = make_member("former", unit.admins)
    gone.is_active = False
    gone.save()
    admin_user.groups.add(unit.admins)
    return {
        "handler": make_member("handler", unit.admins, "วิไล"),
        "second": make_member("handler2", unit.admins, "วิชัย"),
        "editor": make_member("writer", unit.editors),
        "other": make_member("hosp-admin", other_unit[1].admins),
    }


def alerts():
    return [email for email in mail.outbox if "somchai@example.com" not in email.to]


def test_the_units_handlers_are_the_active_staff_with_the_permission(unit, handlers):
    site = unit.admins.page_permissions.first().page.get_site()
    assert list(handlers_of(site)) == [handlers["second"], handlers["handler"]]


def test_a_new_request_alerts_the_form_address_and_every_handler_once(
    client, complaint_page, handlers
):
    complaint_page.notify_address = "saraban@example.go.th, HANDLER@example.go.th"
    complaint_page.save_revision().publish()

    client.post(complaint_page.url, complaint_data())

    [alert] = alerts()
    assert alert.to == [
        "saraban@example.go.th",
        "HANDLER@example.go.th",
        "handler2@example.go.th",
    ]
    submission = Submission.objects.get()
    assert submission.code in alert.subject


def test_the_alert_says_what_staff_need_and_nothing_private(client, complaint_page, handlers):
    client.post(complaint_page.url, complaint_data())
    submission = Submission.objects.get()

    [alert] = alerts()

    text = alert.subject + alert.body
    with translation.override("th"):
        assert str(Kind.COMPLAINT.label) in text
        assert str(submission.get_topic_display()) in alert.body
        assert format_date(submission.created_at) in alert.body
    assert submission.code in alert.body
    assert f"http://testserver{edit_url(submission)}" in alert.body
    assert alert.body.count(edit_url(submission)) == 1
    for private in (
        submission.secret,
        "/track/",
        "สมชาย",
        "somchai@example.com",
        "0812345678",
        complaint_data()["subject"],
        complaint_data()["details"],
    ):
        assert private not in text, private


def test_the_admin_link_is_on_the_units_own_host(other_unit, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.go.th"
    site, _groups = other_unit
    submission = make_submission(site)
    assert notify.admin_url(submission) == (f"http://other.test{edit_url(submission)}")


def test_without_a_site_root_the_admin_base_url_is_used(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://admin.example.go.th/"
    assert unit_urls.site_root(None) == "https://admin.example.go.th"


def test_the_other_units_handlers_hear_nothing(client, complaint_page, handlers):
    client.post(complaint_page.url, complaint_data())
    recipients = {address for email in alerts() for address in email.to}
    assert "hosp-admin@example.go.th" not in recipients
    assert "admin@example.go.th" not in recipients  # the superuser
    assert "writer@example.go.th" not in recipients and "former@example.go.th" not in recipients


def test_a_failing_mail_server_logs_no_secret(client, complaint_page, handlers, settings, caplog):
    settings.EMAIL_BACKEND = "tests.test_eservices_alerts.FailingBackend"
    with caplog.at_level(logging.DEBUG):
        response = client.post(complaint_page.url, complaint_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.code in caplog.text
    assert submission.secret not in caplog.text


# -- the dashboard panel -----------------------------------------------------------------


def received(site, days_ago, **fields):
    return make_submission(
        site, created_at=timezone.now() - datetime.timedelta(days=days_ago), **fields
    )


def panel_rows(response):
    for panel in response.context["panels"]:
        if panel.name == "moit_open_submissions":
            return panel.rows
    return None


def test_the_panel_lists_open_requests_of_the_unit_oldest_first_with_their_age(
    client, complaint_page, handlers, other_unit
):
    site = complaint_page.get_site()
    recent = received(site, 2)
    oldest = received(site, 9, kind=Kind.INFORMATION_REQUEST)
    today = received(site, 0, status=Status.IN_PROGRESS)
    received(site, 20, status=Status.ANSWERED)
    received(site, 30, status=Status.CLOSED)
    received(other_unit[0], 40)
    client.force_login(handlers["handler"])

    response = client.get(DASHBOARD)

    rows = panel_rows(response)
    assert [row.submission for row in rows] == [oldest, recent, today]
    assert [row.age_days for row in rows] == [9, 2, 0]
    html = response.content.decode()
    assert f'href="{edit_url(oldest)}"' in html
    with translation.override("th"):
        assert format_date(oldest.created_at) in html
        assert str(be_year_of(oldest)) in html


def be_year_of(submission):
    return timezone.localdate(submission.created_at).year + 543


def test_the_panel_is_only_for_handlers(client, complaint_page, handlers):
    received(complaint_page.get_site(), 3)
    client.force_login(handlers["editor"])
    assert panel_rows(client.get(DASHBOARD)) is None
    client.force_login(handlers["other"])
    assert panel_rows(client.get(DASHBOARD)) == []


def test_the_panel_query_count_does_not_grow_with_the_requests(
    client, complaint_page, handlers, django_assert_max_num_queries
):
    site = complaint_page.get_site()
    received(site, 1)
    client.force_login(handlers["handler"])
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for days in range(2, 30):
        received(site, days)

    with django_assert_max_num_queries(len(few)):
        response = client.get(DASHBOARD)
    assert len(panel_rows(response)) == 10
    assert "29" in response.content.decode()  # the oldest request's age leads the list
