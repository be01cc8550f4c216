"""A django-tasks backend for tests that run tasks on a thread of the test process.

The site runs the importer's tasks in their own process (``ProcessBackend``), which cannot
see the test suite's in-memory database; the browser tests that watch an import's
progress run it on a thread of the live server's process instead, the same code path
without the spawn. (The one place that reaches into django-tasks' ``_execute_task``.)
"""

import threading

from django.db import connections
from django_tasks.backends.immediate import ImmediateBackend

THREAD_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "moit_imports": {"BACKEND": "tests.thread_tasks.ThreadBackend"},
}


class ThreadBackend(ImmediateBackend):
    supports_async_task = False

    def _execute_task(self, task_result):
        threading.Thread(target=self._run, args=(task_result,), daemon=True).start()

    def _run(self, task_result):
        try:
            super()._execute_task(task_result)
        finally:
            connections.close_all()  # this thread's own connections
