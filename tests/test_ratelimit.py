"""The one per-client limit every public form uses (moit_wagtail.ratelimit)."""

import pytest
from django.core.cache import cache

from moit_wagtail import ratelimit
from moit_wagtail.ratelimit import FixedWindowLimit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    return now


def test_allowance_then_refusal_per_client_and_scope(rf, clock):
    limit = FixedWindowLimit("form", 2, 600)
    one, other = rf.post("/", REMOTE_ADDR="192.0.2.1"), rf.post("/", REMOTE_ADDR="192.0.2.2")
    assert [limit.hit(one, "a") for _ in range(3)] == [False, False, True]
    assert limit.is_limited(one, "a")
    assert not limit.is_limited(one, "b")  # another form of the same kind
    assert not limit.is_limited(other, "a")  # another client


def test_window_starts_at_the_first_use_and_a_trickle_does_not_extend_it(rf, clock):
    limit = FixedWindowLimit("form", 2, 600)
    client = rf.post("/", REMOTE_ADDR="192.0.2.1")
    limit.hit(client)
    clock[0] += 590
    limit.hit(client)
    assert limit.is_limited(client)
    clock[0] += 11  # 601 s after the first use: a new window
    assert not limit.is_limited(client)
    assert limit.hit(client) is False


def test_the_cache_never_holds_the_address(rf):
    FixedWindowLimit("form", 2, 600).hit(rf.post("/", REMOTE_ADDR="203.0.113.77"))
    keys = list(cache._cache.keys())
    assert keys and not any("203.0.113.77" in key for key in keys)


def test_window_minutes_is_at_least_one():
    assert FixedWindowLimit("x", 1, 30).window_minutes() == 1
    assert FixedWindowLimit("x", 1, 3600).window_minutes() == 60
