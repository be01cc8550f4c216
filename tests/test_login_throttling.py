"""Admin login brute force: django-axes locks a username from one client address after
MOIT_LOGIN_FAILURE_LIMIT failures, shows our Thai page, records it, and leaves other
users and other addresses alone; behind the proxy it uses our client-address rule."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOGIN = "wagtailadmin_login"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(
        username="somchai", password="correct horse", email="s@example.go.th", is_superuser=True
    )


@pytest.fixture
def colleague(django_user_model):
    return django_user_model.objects.create_user(
        username="somsri", password="battery staple", email="r@example.go.th", is_superuser=True
    )


def attempt(client, username, password, **meta):
    return client.post(reverse(LOGIN), {"username": username, "password": password}, **meta)


def signed_in(response):
    return response.status_code == 302 and "_auth_user_id" in response.wsgi_request.session


def fail(client, username, times, **meta):
    return [attempt(client, username, "wrong", **meta) for _ in range(times)]


def test_settings_wire_axes_first_and_to_our_client_address_rule():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.AXES_CLIENT_IP_CALLABLE == "moit_wagtail.clients.client_address"
    assert settings.AXES_FAILURE_LIMIT == settings.MOIT_LOGIN_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_five_failures_lock_the_account_even_with_the_right_password(client, officer, colleague):
    responses = fail(client, "somchai", 4)
    assert all(response.status_code == 200 for response in responses)  # the form again
    locked = fail(client, "somchai", 1)[0]
    assert locked.status_code == 429
    record = AccessAttempt.objects.get(username="somchai")
    assert record.failures_since_start == 5 and record.ip_address == "127.0.0.1"
    right = attempt(client, "somchai", "correct horse")
    assert right.status_code == 429 and not signed_in(right)
    with translation.override("th"):
        from django.utils.translation import gettext

        title = gettext("Sign-in temporarily locked")
    text = right.content.decode()
    assert title in text and "15" in text
    assert "somchai" not in text  # says nothing about the account

    record.refresh_from_db()
    assert record.failures_since_start == 6  # tries during the lock-out are recorded too

    # Another user from the same address, and the same user from another address: unaffected.
    assert signed_in(attempt(client, "somsri", "battery staple"))
    client.logout()
    assert signed_in(attempt(client, "somchai", "correct horse", REMOTE_ADDR="10.1.2.3"))


def test_the_cool_off_ends_the_lock_out(client, officer, settings):
    fail(client, "somchai", 5)
    assert attempt(client, "somchai", "correct horse").status_code == 429
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")  # 15 minutes later
    assert signed_in(attempt(client, "somchai", "correct horse"))


def test_success_resets_the_count(client, officer):
    fail(client, "somchai", 4)
    assert signed_in(attempt(client, "somchai", "correct horse"))
    client.logout()
    fail(client, "somchai", 4)
    assert signed_in(attempt(client, "somchai", "correct horse"))


def test_behind_the_proxy_the_forwarded_client_is_locked_out_not_the_proxy(
    client, officer, settings
):
    settings.MOIT_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    attacker = {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9"}  # the proxy appends the last
    fail(client, "somchai", 5, **attacker)
    assert attempt(client, "somchai", "correct horse", **attacker).status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
    # The officer behind the same proxy (same REMOTE_ADDR), from another client address.
    office = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert signed_in(attempt(client, "somchai", "correct horse", **office))
