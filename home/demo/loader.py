"""Load the whole demo: three unit sites with every mandatory category filled in.

Safe to run again: everything is found by a stable key before it is created, so a second
run adds and changes nothing. At the end Wagtail's own ``publish_scheduled`` takes down
the items whose end of publication has passed, as a cron job would on a real server.
"""

import io
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from moit_wagtail.models import Unit
from moit_wagtail.roles import ensure_unit_groups
from moit_wagtail.workflow.setup import ensure_publishing_workflow, ensure_unit_rights

from . import (
    content_agency,
    content_eservices,
    content_knowledge,
    content_laws,
    content_links,
    content_manuals,
    content_news,
    content_oia,
    content_procurement,
    content_public,
    content_services,
    content_survey,
)
from .builder import UnitContext, build_items
from .content_stats import seed_visitor_stats
from .monitoring import build_monitoring, roll_over_to_current_year
from .requests import build_requests
from .sites import (
    ensure_category_indexes,
    ensure_home,
    ensure_profile,
    ensure_site,
    ensure_unit,
    remove_wagtail_welcome_page,
)
from .units import UNITS
from .users import demo_password, ensure_superuser, ensure_unit_users

CONTENT = {
    "1.1": (content_agency.items,),
    "1.2": (content_laws.items,),
    "1.3": (content_knowledge.items,),
    "1.4": (content_links.items,),
    "1.5": (content_oia.items,),
    "1.6": (content_manuals.sop_items,),
    "1.7": (content_manuals.service_items,),
    "1.8": (content_news.items, content_procurement.items),
    "1.9": (content_services.eservice_items,),
    "1.10": (content_services.satisfaction_items,),
}


@dataclass
class DemoResult:
    """What a run did: objects created per kind, totals, and any new accounts."""

    created: dict
    totals: dict
    new_usernames: list = field(default_factory=list)
    password: object = None
    seconds: float = 0.0
    expired_pages: int = 0
    emails_kept: int = 0


def counted_models():
    return {
        "sites": Site,
        "pages": Page,
        "revisions": Revision,
        "documents": get_document_model(),
        "images": get_image_model(),
        "users": get_user_model(),
        "groups": Group,
    }


def object_counts():
    return {name: model.objects.count() for name, model in counted_models().items()}


CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def quiet_wagtail_logging():
    """Wagtail and its task runner log every edit, publish and index update at INFO;
    a thousand lines would hide the summary."""
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


@contextmanager
def demo_mail_kept_in_memory():
    """Send the demo's emails (approval requests, e-service receipts and alerts to
    example.go.th) to a list in memory: with the console backend of a development server
    they were hundreds of lines that buried the accounts table, and with SMTP they would
    go out. ``override_settings`` is Django's public way to swap a setting for a block;
    the caller's own ``mail.outbox`` (tests) is put back untouched."""
    kept = []
    saved = getattr(mail, "outbox", None)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        mail.outbox = kept
        try:
            yield kept
        finally:
            if saved is None:
                del mail.outbox
            else:
                mail.outbox = saved


def build_unit(unit, superuser, password, new_usernames):
    home = ensure_home(unit, superuser)
    site = ensure_site(unit, home)
    group_key = ensure_unit(site, unit).group_key
    groups = ensure_unit_groups(site, group_key)
    users = ensure_unit_users(unit, groups, password, new_usernames)
    ensure_profile(site, unit)
    indexes = ensure_category_indexes(home, superuser)
    content_public.build_public(unit, home, site, superuser)
    context = UnitContext(unit, groups.collection, users.editors, users.approver)
    for clause, makers in CONTENT.items():
        for make_items in makers:
            build_items(context, indexes[clause], make_items(unit))
    ensure_publishing_workflow(site, group_key)
    content_eservices.build_eservices(context, indexes["1.9"], site, users.admins[0])
    content_survey.build_survey(context, indexes["1.10"])
    seed_visitor_stats(site)
    build_requests(context, indexes, users.admins[0])
    build_monitoring(unit, site, superuser)
    return site


def build(stdout=None):
    """Create (or complete) the demo and return a ``DemoResult``; ``stdout`` gets progress."""
    started = time.monotonic()
    before = object_counts()
    password = demo_password()
    new_usernames = []
    with transaction.atomic(), quiet_wagtail_logging(), demo_mail_kept_in_memory() as emails:
        superuser = ensure_superuser(password.value, new_usernames)
        for unit in UNITS:
            site = build_unit(unit, superuser, password.value, new_usernames)
            if stdout:
                stdout.write(f"{unit.name_th}: http://{site.hostname}:{site.port}/\n")
        for record in Unit.objects.filter(unit_type="pho"):  # now that it has units below it
            ensure_unit_rights(record)
        roll_over_to_current_year(superuser)
        remove_wagtail_welcome_page()
        call_command("publish_scheduled", stdout=io.StringIO())
    after = object_counts()
    return DemoResult(
        created={name: after[name] - before[name] for name in after},
        totals=after,
        new_usernames=new_usernames,
        password=password,
        seconds=time.monotonic() - started,
        expired_pages=Page.objects.filter(expired=True).count(),
        emails_kept=len(emails),
    )
