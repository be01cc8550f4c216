"""Secrets never reach the traffic log: path parts and query values that carry one are masked.

The Computer Crime Act asks for what was requested, not for the keys that opened it: an
officer who exports the log must not be able to open a citizen's e-service request or take
over an account from it. Used by the recorder for every request and by the migration that
masked the rows written before.

Paths: the routes that carry a secret in the path are listed here, the e-service tracking
link (``track/<code>/<secret>/``, the code kept: people read it over the phone) and the
password-reset confirmation of Wagtail's admin and of ``django.contrib.auth``
(``<uidb64>/<token>/`` and its ``<uidb64>/set-password/`` step), a staged import's token;
a segment shaped like a
Django password-reset token is masked wherever it is mounted. A test walks every URL route
of the site and fails when one with a secret-looking parameter is left unmasked.

Query strings: an allow-list, not a deny-list. A query value is a secret more often than it
looks (the tracking look-up's ``code`` and ``secret``, tokens, a signed URL's signature,
a third party's one-time key) and new views add keys nobody thinks of here; a deny-list
fails open on the first key it does not know, an allow-list fails closed. So every key is
kept, and what was asked stays readable, but only the values of keys known to be harmless
(paging, search terms, our report filters) are kept; ``next`` keeps its address with that
address masked by the same rules; every other value becomes ``MASK``.
"""

import re
from urllib.parse import quote, unquote_plus

MASK = "***"
HARMLESS_KEYS = frozenset(
    {
        "page", "p", "q", "site", "export", "format", "ordering", "period", "framework",
        "clause", "owner_unit", "live", "status", "locale", "lang", "language",
    }
)  # fmt: skip
URL_KEYS = frozenset({"next"})

# Base-36 timestamp, a dash, the hexadecimal HMAC (Django's PasswordResetTokenGenerator).
_RESET_TOKEN = r"[0-9a-z]{1,13}-[0-9a-f]{20,}"
_PATH_RULES = (
    # The e-service tracking link: /e-services/track/<code>/<secret>/ (any prefix, language).
    (re.compile(r"(/track/[^/]+/)[^/]+"), rf"\1{MASK}"),
    # Password reset: .../password_reset/confirm/<uidb64>/<token>/ and Django's reset/...
    (
        re.compile(r"(/(?:password_reset/confirm|reset)/)[^/]+/(?!set-password(?:/|$))[^/]+"),
        rf"\1{MASK}/{MASK}",
    ),
    (re.compile(r"(/(?:password_reset/confirm|reset)/)[^/]+/(set-password)"), rf"\1{MASK}/\2"),
    # A staged import's token: /admin/moit/import/<token>/, .../import/, .../refused/ (and
    # without the final slash, which Django redirects); not the template or documents screens.
    (re.compile(r"(/moit/import/)(?!(?:template|documents)(?:/|$))[^/]+(?=/|$)"), rf"\1{MASK}"),
    # A reset token (and the user id before it) wherever a site mounts the view.
    (re.compile(rf"/[^/]+/{_RESET_TOKEN}(?=/|$)"), f"/{MASK}/{MASK}"),
)


def mask_path(path):
    """The path with every secret-bearing segment replaced by ``MASK``."""
    for pattern, replacement in _PATH_RULES:
        path = pattern.sub(replacement, path)
    return path


def _masked_value(key, value):
    if key in HARMLESS_KEYS or not value:
        return value
    if key in URL_KEYS:
        return quote(mask_target(unquote_plus(value)), safe="/:*")
    return MASK


def mask_query(query):
    """The raw query string with every key kept and every value not known harmless masked."""
    if not query:
        return query
    parts = []
    for part in query.split("&"):
        raw_key, equals, value = part.partition("=")
        key = unquote_plus(raw_key).strip().lower()
        parts.append(f"{raw_key}{equals}{_masked_value(key, value)}")
    return "&".join(parts)


def mask_target(target):
    """A logged ``path?query`` (as the traffic log stores it) with its secrets masked."""
    path, question, query = target.partition("?")
    return f"{mask_path(path)}{question}{mask_query(query)}"


MASK_BATCH = 2000


def may_hold_a_secret(path_field="path"):
    """Rows the rules above could change: any query string, and the secret-bearing routes."""
    from django.db.models import Q

    return (
        Q(**{f"{path_field}__contains": "?"})
        | Q(**{f"{path_field}__contains": "/track/"})
        | Q(**{f"{path_field}__contains": "/reset/"})
        | Q(**{f"{path_field}__contains": "/password_reset/confirm/"})
        | Q(**{f"{path_field}__regex": _RESET_TOKEN})
    )


def mask_stored_rows(model, batch_size=MASK_BATCH):
    """Masks the ``path`` of rows already stored; returns how many changed.

    Walks the primary key in batches (flat memory, short transactions, the same SQL on
    SQLite and PostgreSQL) and is idempotent: masked rows are left as they are, so an
    interrupted run is finished by running it again.
    """
    from django.db import transaction

    candidates = model.objects.filter(may_hold_a_secret()).order_by("pk")
    changed, last = 0, 0
    while True:
        batch = list(candidates.filter(pk__gt=last).values_list("pk", "path")[:batch_size])
        if not batch:
            return changed
        last = batch[-1][0]
        updates = [
            model(pk=pk, path=masked) for pk, path in batch if (masked := mask_target(path)) != path
        ]
        with transaction.atomic():
            model.objects.bulk_update(updates, ["path"], batch_size=batch_size)
        changed += len(updates)
