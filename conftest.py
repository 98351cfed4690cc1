"""Settings of the test databases, for every test (kyodo/ and tests/)."""

import pytest

#: No statement of a test runs longer, and no lock is waited for longer, on PostgreSQL. A
#: query planned from stale statistics (a bulk fill without ``core.db.analyze``) took minutes
#: in CI; pytest-timeout then abandoned the test with its transaction still open, holding the
#: rows it had written, and every later test of that worker that wrote the same rows waited on
#: them until its own timeout — 90 minutes of errors. With these limits such a test fails on
#: its own, with PostgreSQL's message naming the statement, and its transaction rolls back.
STATEMENT_TIMEOUT_MS = 60_000
LOCK_TIMEOUT_MS = 30_000


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = " ".join(filter(None, [
            options.get("options", ""),
            f"-c statement_timeout={STATEMENT_TIMEOUT_MS}", f"-c lock_timeout={LOCK_TIMEOUT_MS}"]))
