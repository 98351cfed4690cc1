"""受付番号: unique per organisation and fiscal year, never reused or skipped — also when
many requests arrive at once (threads against the real database, SQLite and PostgreSQL)."""

import threading
import time

import pytest
from django.db import connection

from kyodo.lectures import actions
from kyodo.lectures.models import Request

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_requests_get_distinct_consecutive_numbers(sapporo, theme, request_data):
    workers, errors = 12, []
    barrier = threading.Barrier(workers)

    def submit(n):
        try:
            barrier.wait()
            data = dict(request_data, email=f"group{n}@example.jp")
            for attempt in range(50):
                try:
                    actions.submit_request(sapporo, theme, data, form_token=f"t{n}")
                    break
                except Exception as error:  # the test database is SQLite in memory: a
                    # writer finding the table locked retries, as a busy timeout would
                    if "locked" not in str(error) or attempt == 49:
                        raise
                    time.sleep(0.02 * (attempt + 1))
        except Exception as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(Request.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, workers + 1))  # none lost, none reused, none skipped
