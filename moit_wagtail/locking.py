"""One run at a time for scheduled commands, even when every server has the same cron job.

With several app servers each running ``publish_scheduled`` or the review reminders from
cron, two runs could publish the same page twice or mail the same digest twice. A lock
taken before the work makes the second run stop at once (exit 0: nothing went wrong).

The lock lives where every runner already meets, and dies with its holder, so a crashed
or killed run never blocks the next one and nothing has to expire:

* PostgreSQL (several machines): a session advisory lock, ``pg_try_advisory_lock``, on a
  connection of its own (the command's own connection may be closed or reopened by the
  work; the lock must not go with it). The server drops it when that connection ends.
* SQLite (one machine, the database is a local file): an ``flock`` on a file beside the
  database; the kernel drops it when the process ends.

Other databases fall back to the file lock, which only covers one machine.
"""

import contextlib
import fcntl
import functools
import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, OutputWrapper
from django.db import connections
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def lock_key(name):
    """A stable signed 64-bit key for ``name`` (what ``pg_try_advisory_lock`` takes)."""
    digest = hashlib.sha256(f"moit-lock|{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_path(name, using="default"):
    """The lock file for ``name``: beside a file database, else ``MOIT_LOCK_DIR`` or /tmp."""
    directory = getattr(settings, "MOIT_LOCK_DIR", None)
    database = str(connections[using].settings_dict.get("NAME") or "")
    if not directory:
        on_disk = database and ":memory:" not in database and "mode=memory" not in database
        # Beside the database file: every process using it can write there (SQLite needs
        # to), and a systemd service with PrivateTmp still meets its timer's job there.
        directory = Path(database).parent if on_disk else tempfile.gettempdir()
    tag = hashlib.sha256(f"{database}|{name}".encode()).hexdigest()[:16]
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:60]
    return Path(directory) / f".moit-lock-{safe}-{tag}"


@contextlib.contextmanager
def _advisory_lock(name, using):
    holder = connections[using].copy()  # a private connection: the lock lives as long as it
    try:
        holder.connect()
        holder.set_autocommit(True)
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_key(name)])
            acquired = cursor.fetchone()[0]
        yield acquired
    finally:
        holder.close()  # ends the session, which releases the lock


@contextlib.contextmanager
def _file_lock(name, using):
    path = lock_path(name, using)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o660)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())  # who holds it, for a sysadmin
        try:
            yield True
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)  # closing alone also releases: a crash cannot leave it held


@contextlib.contextmanager
def exclusive(name, using="default"):
    """``with exclusive("job") as acquired:``: ``acquired`` is False when another run holds it.

    Never waits: a scheduled job that finds the lock taken should simply skip this turn.
    """
    if connections[using].vendor == "postgresql":
        lock = _advisory_lock(name, using)
    else:
        lock = _file_lock(name, using)
    with lock as acquired:
        yield acquired


def skipped_message(name):
    return _("Skipped: another run holds the lock “%(name)s”.") % {"name": name}


class SingleRunCommand(BaseCommand):
    """Base for cron commands: takes the lock named ``lock_name`` (default: the command's
    name) around the whole run; ``--no-lock`` opts out. A second run prints
    ``skipped_message`` (containing "another run holds the lock") and exits 0.

    Mix it in before a command class you reuse, e.g.
    ``class Command(SingleRunCommand, publish_scheduled.Command)``.
    """

    lock_name = None

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--no-lock",
            action="store_true",
            help=gettext_lazy(
                "Run even if another run of this command holds its lock (not for cron)."
            ),
        )
        return parser

    def execute(self, *args, **options):
        if options.get("no_lock"):
            return super().execute(*args, **options)
        name = self.lock_name or self.default_lock_name()
        with exclusive(name) as acquired:
            if not acquired:
                if options.get("verbosity", 1):
                    stdout = options.get("stdout")  # call_command(stdout=...); else sys.stdout
                    (OutputWrapper(stdout) if stdout else self.stdout).write(skipped_message(name))
                return None
            return super().execute(*args, **options)

    @classmethod
    def default_lock_name(cls):
        """The command's name: Django names a command after its module."""
        return cls.__module__.rsplit(".", 1)[-1]


def single_run(name):
    """Decorator for a function (or a command's ``handle``) that must not run twice at once:
    returns None without calling it when another run holds ``name``."""

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with exclusive(name) as acquired:
                if not acquired:
                    return None
                return function(*args, **kwargs)

        return wrapper

    return decorate
