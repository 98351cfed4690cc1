"""Database helpers every module shares."""

from django.db import connection


def analyze(*models):
    """Fresh planner statistics for the tables of ``models`` after a bulk write (PostgreSQL).

    After a bulk insert into tables whose statistics say they are empty, PostgreSQL plans the
    next queries as if they were: nested scans that take minutes for ten thousand rows (the CI
    hang of issue 13 §11). The code path that makes a bulk write calls this once it is done;
    inside the writer's transaction ANALYZE counts the transaction's own rows. SQLite plans
    without statistics and needs nothing.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


#: Rows from which a write is a bulk write whose tables need fresh statistics.
BULK_ROWS = 100


def analyze_if_bulk(count, *models):
    """:func:`analyze` after a write of ``count`` rows, when it is a bulk write: an import, a
    batch of generated codes. A handful of rows leaves the statistics good enough."""
    if count >= BULK_ROWS:
        analyze(*models)
