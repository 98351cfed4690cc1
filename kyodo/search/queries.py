"""The search: full-text match, filters, ranking and snippets, in a constant number of queries
whose cost does not grow with the number of matches.

``search(query, …)`` returns :class:`Results`, which a Paginator (and django-ninja's
pagination) pages: one query counts the matches — at most :data:`CAP` + 1, so a word found in
most documents costs no more than a rare one (「1,000件以上」) — and one reads the page (with
the organisation's name and slug).

Ranking: titles containing every word come first, then the newest. To keep that bounded, the
rows ranked are *candidates* taken inside the full-text engine in index order (newest indexed
first) with a LIMIT: the :data:`CAP` most recently indexed matches whose **title** has every
term, and the :data:`CAP` most recently indexed matches anywhere. With :data:`CAP` or fewer
matches that is every match, so the order is exactly "title first, newest first"; with more,
the list is the :data:`CAP` best of those candidates (the page says 「1,000件以上」 and pages
within them). Relevance scores (FTS5 ``bm25``, ``ts_rank``) were measured and left out: both
score every match before the LIMIT (0.4 s for 18,000 matches on SQLite), which is the cost
this avoids. The filters (module, organisation, year) are terms of the full-text index too
(``facet_terms``), so the engine intersects them with the words itself — an organisation's
few thousand rows — instead of reading the row of every match to test it.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from . import text
from .models import Entry

#: Matches counted and ranked at most; more are shown as 「1,000件以上」.
CAP = 1_000
#: SQLite: title matches are looked for among this many of the newest matches.
TITLE_WINDOW = 5 * CAP


def _facets(*, module=None, organisation_ids=None, fiscal_year=None):
    """The filters as groups of alternative index terms (``text.facets``); None when nothing
    can match (an empty list of organisations)."""
    groups = []
    if organisation_ids is not None:
        if not organisation_ids:
            return None
        groups.append([text.facets(pk, "", None).split()[0] for pk in organisation_ids])
    if module:
        groups.append([text.facets(0, module, None).split()[1]])
    if fiscal_year:
        groups.append([f"fy{int(fiscal_year)}"])
    return groups


def _matches_sql(query, limit, *, title=False, facets=()):
    """SQL (with params) for the newest-indexed ``limit`` matches of ``query`` with the
    ``facets`` — those whose title has every term when ``title`` — as rows (id, published_at,
    title_folded) for the ranking. The full-text engine finds them with the LIMIT: FTS5 gives
    rowids in descending order by itself and stops there; PostgreSQL walks the primary key
    backwards checking the tsvector when a word is common, or takes the GIN matches and sorts
    them when it is rare (its statistics decide; the title has a tsvector and a GIN index of its
    own, as a weight in the tsvector cannot be looked up)."""
    columns = "SELECT c.id, c.published_at, c.title_folded FROM search_entry c WHERE "
    if connection.vendor == "postgresql":
        if title:
            where = ["c.title_tsv @@ to_tsquery('simple', %s)"]
            params = [query.tsquery(title=True)]
            if facets:
                where.append("c.terms_tsv @@ to_tsquery('simple', %s)")
                params.append(text.Query.facets_tsquery(facets))
        else:
            where, params = ["c.terms_tsv @@ to_tsquery('simple', %s)"], [query.tsquery(facets=facets)]
        sql = columns + " AND ".join(where) + " ORDER BY c.id DESC"
    else:
        params = [query.fts5(facets=facets)]
        if title:
            # FTS5 tests the column of every match it walks until it has enough (and a range
            # on rowid does not stop a walk that finds nothing): a word common in bodies and
            # absent from titles walked them all (0.5 s). The title is tested on the newest
            # TITLE_WINDOW matches' rows instead.
            sql = (columns + "c.id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts "
                   f"MATCH %s ORDER BY rowid DESC LIMIT {TITLE_WINDOW}) AND "
                   + " AND ".join(["c.title_folded LIKE %s"] * len(query.words))
                   + " ORDER BY c.id DESC")
            params += [f"%{word}%" for word in query.words]
        else:
            sql = (columns + "c.id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts "
                   f"MATCH %s ORDER BY rowid DESC LIMIT {int(limit)})")
    return f"{sql} LIMIT {int(limit)}", params


def search(query, *, module=None, organisation_ids=None, fiscal_year=None):
    if not isinstance(query, text.Query):
        query = text.Query(query)
    facets = _facets(module=module, organisation_ids=organisation_ids, fiscal_year=fiscal_year)
    return Results(query if facets is not None else text.Query(""), facets or [])


@dataclass
class Hit:
    entry: Entry
    title: str  # safe HTML, matches marked
    snippet: str  # safe HTML, matches marked

    def __getattr__(self, name):
        return getattr(self.entry, name)


class Results:
    """Matches of a query (at most :data:`CAP`), paged by slicing; each item a :class:`Hit`.
    ``capped`` is true when there are more matches than were counted."""

    def __init__(self, query, facets):
        self.query = query
        self.facets = facets
        self._count = None
        self.capped = False

    def all(self):
        return self

    def count(self):
        if self._count is None:
            self._count = 0
            if self.query:
                sql, params = _matches_sql(self.query, CAP + 1, facets=self.facets)
                # Any CAP + 1 matches will do: without the order, PostgreSQL stops a bitmap
                # scan of a word it thought rare after CAP + 1 rows instead of sorting them all.
                sql = sql.replace(" ORDER BY c.id DESC", "")
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
                    found = cursor.fetchone()[0]
                self.capped = found > CAP
                self._count = min(found, CAP)
        return self._count

    def __len__(self):
        return self.count()

    def _ranking(self):
        """ORDER BY of the ranking (titles with every word first, then newest) and its params:
        the exact word test on the folded title, as the FTS title match is of terms, not of
        whole words. Words are letters and digits only, so they hold no LIKE wildcard."""
        words = self.query.words
        in_title = " AND ".join(["search_entry.title_folded LIKE %s"] * len(words))
        return (f"CASE WHEN {in_title} THEN 0 ELSE 1 END, search_entry.published_at DESC NULLS LAST, "
                "search_entry.id DESC", [f"%{word}%" for word in words])

    def _page_ids_sql(self, offset, limit):
        """The ids of one page of the ranking. Only the candidates are ranked (at most
        2 × CAP rows), and only the ids: the page's rows are read once chosen."""
        in_title, title_params = _matches_sql(self.query, CAP, title=True, facets=self.facets)
        anywhere, params = _matches_sql(self.query, CAP, facets=self.facets)
        order, order_params = self._ranking()
        return (f"SELECT search_entry.id FROM (SELECT * FROM ({in_title}) t UNION "
                f"SELECT * FROM ({anywhere}) a) search_entry "
                f"ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)}",
                [*title_params, *params, *order_params])

    def __getitem__(self, window):
        start, stop = window.start or 0, min(window.stop, CAP)
        if not self.query or stop <= start:
            return []
        words = self.query.words
        rows = (Entry.objects.filter(pk__in=RawSQL(*self._page_ids_sql(start, stop - start)))
                .select_related("organisation")
                .defer("title_terms", "body_terms", "facet_terms", "organisation__description"))
        # The page's few rows in the ranking's order again (the IN list has none).
        rows = sorted(rows, key=lambda e: (
            not all(word in e.title_folded for word in words),
            e.published_at is None, -(e.published_at.timestamp() if e.published_at else 0), -e.pk))
        return [Hit(e, text.highlight(e.title, words), text.snippet(e.body, words)) for e in rows]


def newest(*, module=None, organisation_ids=None, limit=50):
    """What was published most recently (feeds and 新着), nothing dated in the future: one
    query."""
    entries = Entry.objects.filter(published_at__lte=timezone.now()).select_related("organisation")
    if module:
        entries = entries.filter(module=module)
    if organisation_ids is not None:
        entries = entries.filter(organisation_id__in=organisation_ids)
    return list(entries.defer("title_terms", "body_terms").order_by("-published_at", "-id")[:limit])


def modules_indexed():
    """The module labels the index holds rows of, for the filter (from the registered
    sources, so no query)."""
    from . import index

    labels = []
    for source in index.sources().values():
        label = source.model._meta.app_label
        if label not in labels:
            labels.append(label)
    return labels
