"""Wagtail's ``publish_scheduled`` under a lock, for cron on every app server at once.

Two servers publishing the same scheduled revision at the same minute would each log and
announce it (emails, audit log, cache purge); with the lock the second run skips its turn.
Takes the same options as ``publish_scheduled`` (``--dryrun``), plus ``--no-lock``.
"""

from wagtail.management.commands import publish_scheduled

from moit_wagtail.locking import SingleRunCommand


class Command(SingleRunCommand, publish_scheduled.Command):
    help = "Publish and unpublish scheduled pages (Wagtail's publish_scheduled), one run at a time."
