"""The production task queue in tests: ``manage.py db_worker`` run inside the test."""

from unittest import mock

from django.core.management import call_command


def run_db_worker():
    """Run django-tasks' database worker once over every queued task, as ``manage.py db_worker``
    does in production. The worker closes "old" connections before each task; inside a test's
    transaction on PostgreSQL that closes the test's own connection (SQLite's in-memory test
    database is never closed, so the tests passed there and failed on PostgreSQL only). The
    test's connection is left open; everything else the worker does runs as in production."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
