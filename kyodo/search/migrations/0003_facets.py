"""The filters as index terms (``facet_terms``: organisation, module, fiscal year) in the
full-text index, so that a filtered search is narrowed inside it (FTS5 ``{facet_terms} :``,
a tsquery lexeme) instead of checking each match's row (issue 18 at 1,000,000 rows).

SQLite: the FTS5 table and its triggers are made again with the third column and filled with
'rebuild'. PostgreSQL: the generated tsvector gets the facets with weight D (the text keeps A
for the title and B for the body), and the title terms get a tsvector and a GIN index of their own (the
ranking takes the newest title matches first). Existing rows get their facets from their own columns.
"""

import importlib

from django.db import migrations, models

FACETS = ("UPDATE search_entry SET facet_terms = 'org' || organisation_id || ' mod' || module"
          " || CASE WHEN fiscal_year IS NULL THEN '' ELSE ' fy' || fiscal_year END")
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_entry_fts",
]


def _sqlite(columns):
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    names = ", ".join(columns)
    insert = f"INSERT INTO search_entry_fts(rowid, {names}) VALUES (new.id, {new});"
    delete = (f"INSERT INTO search_entry_fts(search_entry_fts, rowid, {names}) "
              f"VALUES ('delete', old.id, {old});")
    return insert, [
        f"""CREATE VIRTUAL TABLE search_entry_fts USING fts5({names}, content='search_entry',
            content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
        f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN {insert} END",
        f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN {delete} END",
        f"CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN {delete} {insert} END",
        "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
    ]


#: The insert trigger alone (``scale.py`` sets it aside while it writes a million rows).
SQLITE_INSERT = _sqlite(["title_terms", "body_terms", "facet_terms"])[1][1]


POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_title_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS title_tsv",
    "DROP INDEX IF EXISTS search_entry_terms_gin",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS terms_tsv",
]


def _postgres(facets):
    tsv = ("setweight(to_tsvector('simple', title_terms), 'A')"
           " || setweight(to_tsvector('simple', body_terms), 'B')")
    if facets:
        tsv += " || setweight(to_tsvector('simple', facet_terms), 'D')"
    statements = [
        f"ALTER TABLE search_entry ADD COLUMN terms_tsv tsvector GENERATED ALWAYS AS ({tsv}) STORED",
        "CREATE INDEX search_entry_terms_gin ON search_entry USING gin (terms_tsv)",
    ]
    if facets:
        # The title alone, stored (a weight in terms_tsv cannot be looked up, and computing
        # to_tsvector while walking the rows costs 30 µs a row).
        statements += [
            "ALTER TABLE search_entry ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS ("
            "to_tsvector('simple', title_terms)) STORED",
            "CREATE INDEX search_entry_title_gin ON search_entry USING gin (title_tsv)",
        ]
    return statements


FORWARD = {
    "sqlite": SQLITE_DROP + [FACETS] + _sqlite(["title_terms", "body_terms", "facet_terms"])[1],
    # The facets are written before the tsvector and its index exist: one pass over the rows.
    "postgresql": POSTGRES_DROP + [FACETS] + _postgres(facets=True),
}
BACKWARD = {
    "sqlite": SQLITE_DROP + _sqlite(["title_terms", "body_terms"])[1],
    "postgresql": POSTGRES_DROP + _postgres(facets=False),
}


# Runs the statements of the database in use (as 0002 does).
_run = importlib.import_module("kyodo.search.migrations.0002_fulltext")._run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(model_name="entry", name="facet_terms",
                            field=models.TextField(blank=True)),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
