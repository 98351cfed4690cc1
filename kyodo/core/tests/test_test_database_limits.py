"""The PostgreSQL test connection carries the root conftest's limits, so a runaway statement or
lock wait fails its own test instead of stalling every later test of the worker (the CI
timeout of stop 23)."""

import pytest
from django.db import connection

from conftest import LOCK_TIMEOUT_MS, STATEMENT_TIMEOUT_MS

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the limits are PostgreSQL settings")
def test_statements_and_lock_waits_are_bounded_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, setting FROM pg_settings WHERE name IN ('statement_timeout', 'lock_timeout')")
        assert dict(cursor.fetchall()) == {"statement_timeout": str(STATEMENT_TIMEOUT_MS),
                                           "lock_timeout": str(LOCK_TIMEOUT_MS)}
