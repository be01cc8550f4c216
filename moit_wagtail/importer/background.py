"""A django-tasks backend that runs each task in a new process of its own.

django-tasks ships only an immediate backend (the task runs inside the request) and a
dummy one; a queue needs another package and a worker service to run and watch. An
import of a few thousand rows takes minutes: longer than a request may, and longer than
a gunicorn worker is sure to live (``--max-requests`` replaces workers, ``systemctl
reload`` replaces them all). So the importer's tasks run in a child process started for
the task, in a session of its own: it outlives the worker that started it and ends with
the task. It is the same Python, settings and import path as the web process; the task
and its arguments go through the child's stdin, never its command line (``ps`` shows
command lines to every local user). Stopping the service stops it too; the import's
transaction is then rolled back and the progress screen says so.

A site with a django-tasks worker (a database or Redis queue backend) points
``TASKS["moit_imports"]`` at it instead; nothing else changes.
"""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id, normalize_json

COMMAND = "moit_run_task"
_children = []  # started here; polled on each start so that finished ones are reaped


class ProcessBackend(BaseTaskBackend):
    supports_async_task = False

    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task, id=get_random_id(), status=TaskResultStatus.READY,
            enqueued_at=timezone.now(), started_at=None, last_attempted_at=None,
            finished_at=None, args=normalize_json(args), kwargs=normalize_json(kwargs),
            backend=self.alias, errors=[], worker_ids=[],
        )  # fmt: skip
        payload = {"task": task.module_path, "args": result.args, "kwargs": result.kwargs}
        start_child(payload)
        return result


def child_command():
    return [sys.executable, "-m", "django", COMMAND]


def child_environment():
    """The web process's environment, settings module and import path."""
    environment = dict(os.environ)
    environment["DJANGO_SETTINGS_MODULE"] = settings.SETTINGS_MODULE
    environment["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    return environment


def start_child(payload):
    _children[:] = [child for child in _children if child.poll() is None]
    child = subprocess.Popen(
        child_command(),
        stdin=subprocess.PIPE,
        env=child_environment(),
        start_new_session=True,  # not in the worker's process group: its signals stay there
    )
    child.stdin.write(json.dumps(payload).encode())
    child.stdin.close()
    _children.append(child)
    return child
