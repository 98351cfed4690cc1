"""The search: full-text match, filters, ranking and snippets, in a constant number of queries.

``search(query, …)`` returns :class:`Results`, which a Paginator (and django-ninja's
pagination) pages: one query counts the matches, one reads the page (with the organisation's
name and slug). Titles containing every word come first, then the newest.
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.db.models import Case, F, IntegerField, Q, Value, When

from . import text
from .models import Entry


def matching(query):
    """Entries whose terms contain every bigram (and prefix) of ``query``."""
    entries = Entry.objects.all()
    if connection.vendor == "postgresql":
        return entries.extra(where=["search_entry.terms_tsv @@ to_tsquery('simple', %s)"],
                             params=[query.tsquery()])
    return entries.extra(
        where=["search_entry.id IN (SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s)"],
        params=[query.fts5()])


def search(query, *, module=None, organisation_ids=None, fiscal_year=None):
    if not isinstance(query, text.Query):
        query = text.Query(query)
    if not query:
        return Results(query, Entry.objects.none())
    entries = matching(query)
    if module:
        entries = entries.filter(module=module)
    if organisation_ids is not None:
        entries = entries.filter(organisation_id__in=organisation_ids)
    if fiscal_year:
        entries = entries.filter(fiscal_year=fiscal_year)
    in_title = Q()
    for word in query.words:
        in_title &= Q(title_folded__contains=word)
    entries = entries.annotate(
        title_rank=Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField()),
    ).order_by("title_rank", F("published_at").desc(nulls_last=True), "-id")
    return Results(query, entries)


@dataclass
class Hit:
    entry: Entry
    title: str  # safe HTML, matches marked
    snippet: str  # safe HTML, matches marked

    def __getattr__(self, name):
        return getattr(self.entry, name)


class Results:
    """Matches of a query, paged by slicing; each item a :class:`Hit`."""

    def __init__(self, query, entries):
        self.query = query
        self.entries = entries
        self._count = None

    def all(self):
        return self

    def count(self):
        if self._count is None:
            self._count = self.entries.count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        entries = self.entries.select_related("organisation").defer(
            "title_terms", "body_terms", "organisation__description")[window]
        words = self.query.words
        return [Hit(e, text.highlight(e.title, words), text.snippet(e.body, words))
                for e in entries]


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
