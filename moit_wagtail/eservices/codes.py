"""Tracking codes people can read over the phone, and secrets nobody can guess.

A code is the kind's letter, the Buddhist-era year and a number that restarts each year
per unit site: C-2569-000123. The number comes from a counter row incremented in the
database (``UPDATE ... SET last = last + 1``), which holds a row lock until the
transaction ends, so two submissions at the same moment never get the same number.
The secret is what actually protects the tracking page.
"""

import hmac
import secrets

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from moit_wagtail.dates import be_year

from .models import Submission, TrackingCounter
from .models.submissions import CODE_PREFIX, Kind

SECRET_BYTES = 16  # 22 URL-safe characters


def new_secret():
    return secrets.token_urlsafe(SECRET_BYTES)


def format_code(prefix, year, number):
    return f"{prefix}-{year}-{number:06d}"


def next_number(site, year, prefix):
    """The next number for (site, year, prefix); call inside ``transaction.atomic``."""
    TrackingCounter.objects.get_or_create(site=site, year=year, prefix=prefix)
    counter = TrackingCounter.objects.filter(site=site, year=year, prefix=prefix)
    counter.update(last=F("last") + 1)
    return counter.values_list("last", flat=True).get()


@transaction.atomic
def assign_code(submission):
    """Give an unsaved ``submission`` its code, year, number and secret (site and kind set)."""
    created = submission.created_at or timezone.now()
    year = be_year(timezone.localtime(created).year)
    prefix = CODE_PREFIX[Kind(submission.kind)]
    number = next_number(submission.site, year, prefix)
    submission.year, submission.sequence = year, number
    submission.code = format_code(prefix, year, number)
    submission.secret = new_secret()
    return submission


# A stand-in compared against when the code is unknown, so both failures take as long.
_DUMMY_SECRET = new_secret()


def find_submission(site, code, secret):
    """The submission with ``code`` on ``site`` if ``secret`` matches, else None.

    Unknown code and wrong secret are indistinguishable to the caller, and the secret is
    compared in constant time.
    """
    code = (code or "").strip().upper()
    secret = (secret or "").strip()
    submission = Submission.objects.filter(site=site, code=code).first() if code and site else None
    expected = submission.secret if submission else _DUMMY_SECRET
    matches = hmac.compare_digest(expected.encode(), secret.encode())
    return submission if (submission and matches) else None
