"""``python -m django moit_run_task`` < {"task": …, "args": […], "kwargs": {…}}

The child side of ``moit_wagtail.importer.background.ProcessBackend``: runs one
django-tasks task named on stdin (never on the command line, where ``ps`` would show its
arguments). Only tasks of this product run; the task reports its own outcome.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from django_tasks.base import Task


class Command(BaseCommand):
    help = "Run one background task (started by the importer's process backend)."

    def handle(self, *args, **options):
        payload = json.loads(sys.stdin.read() or "{}")
        path = payload.get("task", "")
        if not path.startswith("moit_wagtail."):
            raise CommandError("Only moit_wagtail tasks run here.")
        task = import_string(path)
        if not isinstance(task, Task):
            raise CommandError(f"{path} is not a task.")
        task.call(*payload.get("args", []), **payload.get("kwargs", {}))
