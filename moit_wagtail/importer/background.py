"""A django-tasks backend that runs each task on a thread of the web process.

django-tasks ships only an immediate backend (the task runs inside the request) and a
dummy one; a real queue needs another package and a worker service. An import of a few
thousand rows takes minutes, longer than a request may, and a unit's admin wants to watch
it, so by default the importer's tasks run here: the request returns at once and the
admin's browser follows the progress. A site with a worker (a database or Redis queue
backend of django-tasks) points ``TASKS["moit_imports"]`` at it instead; nothing else
changes. A thread dies with its process (a restart mid-import): the import's transaction
is then rolled back, and the progress screen says so once the progress stops moving.

This is the one place that reaches into django-tasks' internals (``_execute_task``).
"""

import threading

from django.db import connections
from django_tasks.backends.immediate import ImmediateBackend


class ThreadBackend(ImmediateBackend):
    supports_async_task = False

    def _execute_task(self, task_result):
        threading.Thread(
            target=self._run, args=(task_result,), name="moit-import", daemon=True
        ).start()

    def _run(self, task_result):
        try:
            super()._execute_task(task_result)
        finally:
            connections.close_all()  # this thread's own connections
