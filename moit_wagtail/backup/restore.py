"""Restore an archive into an empty installation: all of it, or nothing.

Order: refuse a non-empty target; unpack into temporary and staging folders while checking
every hash; refuse a newer schema; then, in one database transaction, load the rows and
move the staged files into place (removed again if the transaction fails). Derived data
(search indexes, Wagtail's reference index) is rebuilt after the commit: if that fails the
content is safe and the message names the command to run again.
"""

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from . import archive, emptiness, load, manifest, media
from .errors import BackupError

REBUILD_COMMANDS = (
    ("rebuild_references_index", "wagtail"),
    ("wagtail_update_index", "wagtail.search"),
)


def restore_archive(path, using=DEFAULT_DB_ALIAS, progress=None):
    """Restore ``path``; return ``(manifest, warnings)``. Raises ``BackupError`` on refusal."""
    say = progress or (lambda message: None)
    emptiness.check_empty(using)
    roots = {root.prefix: root for root in media.roots()}
    stages = {}
    try:
        with tempfile.TemporaryDirectory(prefix="moit-restore-") as work:
            work = Path(work)

            def destination_for(member):
                parts = media.split_member(member)
                if parts is None:
                    return None
                folder, name = parts
                if folder == "db":
                    target = work / member
                    target.parent.mkdir(parents=True, exist_ok=True)
                    return target
                if folder not in roots:
                    return None
                if folder not in stages:
                    stages[folder] = media.Stage(roots[folder])
                return stages[folder].path_for(name)

            data = archive.read(path, destination_for)
            warnings = manifest.check_migrations(data, using)
            load.models_in(data)
            say(_("Archive verified: %(members)d members.") % {"members": len(data["members"])})
            _load(work, data, using, stages, say)
    finally:
        for stage in stages.values():
            stage.cleanup()
    return data, warnings


def _load(work, data, using, stages, say):
    try:
        with transaction.atomic(using=using):
            emptiness.check_empty(using)
            load.load_rows(work, data, using, say)
            for stage in stages.values():
                stage.commit()
    except IntegrityError as error:
        _undo(stages)
        raise BackupError(
            _("The archive's rows do not fit together (%(error)s). Nothing was restored.")
            % {"error": error},
            "integrity",
        ) from error
    except (DatabaseError, OSError, DeserializationError) as error:
        _undo(stages)
        raise BackupError(
            _("Restoring failed (%(error)s). Nothing was restored.") % {"error": error}, "failed"
        ) from error
    except BaseException:
        _undo(stages)
        raise


def _undo(stages):
    for stage in stages.values():
        stage.undo()


def rebuild_derived(progress=None):
    """Search indexes and the reference index, from the restored content."""
    from django.apps import apps

    say = progress or (lambda message: None)
    for command, app in REBUILD_COMMANDS:
        if not apps.is_installed(app):
            continue
        try:
            call_command(command, verbosity=0, stdout=io.StringIO())
        except Exception as error:
            raise BackupError(
                _(
                    "The content was restored, but “manage.py %(command)s” failed "
                    "(%(error)s). Run it again."
                )
                % {"command": command, "error": error},
                "rebuild",
            ) from error
        say(_("Rebuilt: %(command)s") % {"command": command})
    from moit_wagtail import page_cache

    page_cache.invalidate()
