"""Keeping the index in step with the registered sources (``core.modules.register_search``).

Each source says which of its objects are published (``documents(ids)``); the index holds
exactly those. ``reindex(source, ids)`` re-reads the given objects and writes, rewrites or
removes their rows, in the caller's transaction, so a publish or an unpublish shows in the
search at once. ``connect()`` (called from ``SearchConfig.ready``, after every module's
``ready`` has registered its sources) hooks post_save and post_delete of each source's model
and of the models it follows. ``rebuild()`` re-reads everything in batches
(``manage.py rebuild_search_index``).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.db.models.signals import post_delete, post_save

from kyodo.core import modules

from . import text
from .models import Entry

log = logging.getLogger(__name__)

BATCH = 1_000


def sources():
    return {source.name: source for source in modules.search_sources()}


def _row(document, source_name, object_id):
    title = (document.title or "")[:300]
    body = (document.body or "")[:text.MAX_BODY]
    return Entry(
        key=document.key[:100], source=source_name, object_id=object_id,
        organisation_id=document.organisation_id, module=document.module[:30],
        kind=str(document.kind)[:60], title=title, body=body, url=document.url[:500],
        fiscal_year=document.fiscal_year, published_at=document.published_at,
        title_folded=text.fold(title)[:300], title_terms=text.terms(title),
        body_terms=text.terms(body),
        facet_terms=text.facets(document.organisation_id, document.module[:30], document.fiscal_year),
    )


def _object_id(document):
    return int(document.key.rsplit(":", 1)[1])


FIELDS = ["source", "object_id", "organisation_id", "module", "kind", "title", "body", "url",
          "fiscal_year", "published_at", "title_folded", "title_terms", "body_terms", "facet_terms"]


def reindex(source, ids):
    """Bring the rows of ``source``'s objects ``ids`` in line with what it publishes now."""
    ids = sorted({int(i) for i in ids if i is not None})
    if not ids:
        return
    # The index is in Japanese whatever the language of the request that published.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            documents = {}
            for document in source.documents(chunk):
                documents[document.key] = _row(document, source.name, _object_id(document))
            keys = [f"{source.name}:{pk}" for pk in chunk]
            Entry.objects.filter(key__in=keys).exclude(key__in=list(documents)).delete()
            existing = dict(Entry.objects.filter(key__in=list(documents)).values_list("key", "pk"))
            new, changed = [], []
            for key, row in documents.items():
                if key in existing:
                    row.pk = existing[key]
                    changed.append(row)
                else:
                    new.append(row)
            Entry.objects.bulk_create(new, batch_size=500)
            if changed:
                Entry.objects.bulk_update(changed, FIELDS, batch_size=200)


def remove(source, ids):
    Entry.objects.filter(key__in=[f"{source.name}:{pk}" for pk in ids]).delete()


def rebuild(*, only=None, batch=BATCH, stdout=None):
    """Re-read every source (or those named in ``only``) in batches of ``batch`` objects (one
    transaction each) and rewrite the index; returns {source name: rows}. Rows of sources no
    longer registered, and of objects that no longer exist, are removed."""
    registered = sources()
    counts = {}
    if only is None:
        Entry.objects.exclude(source__in=list(registered)).delete()
    for name, source in registered.items():
        if only and name not in only:
            continue
        Entry.objects.filter(source=name).exclude(
            object_id__in=source.model._default_manager.values("pk")).delete()
        last = 0
        while True:
            ids = list(source.model._default_manager.filter(pk__gt=last).order_by("pk")
                       .values_list("pk", flat=True)[:batch])
            if not ids:
                break
            reindex(source, ids)
            last = ids[-1]
        counts[name] = Entry.objects.filter(source=name).count()
        if stdout:
            stdout.write(f"{name}: {counts[name]}")
    return counts


# --- Signals -------------------------------------------------------------------------------------

_connected = set()


def _saved_handler(source):
    def handler(sender, instance, raw=False, **kwargs):
        if raw:  # fixtures: rebuild_search_index afterwards
            return
        reindex(source, [instance.pk])
    return handler


def _deleted_handler(source):
    def handler(sender, instance, **kwargs):
        remove(source, [instance.pk])
    return handler


def _follow_handler(source, mapper, *, deleted=False):
    def handler(sender, instance, raw=False, **kwargs):
        if raw:
            return
        try:
            ids = list(mapper(instance))
        except Exception:  # an object whose relations are already gone (a cascade)
            log.debug("search: %s could not map %r", source.name, instance, exc_info=True)
            return
        if deleted:
            # The related rows may still be about to go: re-read them once this commits.
            transaction.on_commit(lambda: reindex(source, ids))
        reindex(source, ids)
    return handler


_handlers = []  # keep them alive: signals hold weak references


def connect():
    """Hook every registered source (idempotent)."""
    for source in modules.search_sources():
        if source.name in _connected:
            continue
        _connected.add(source.name)
        handlers = [(post_save, source.model, _saved_handler(source)),
                    (post_delete, source.model, _deleted_handler(source))]
        for model, mapper in (source.follows or {}).items():
            handlers.append((post_save, model, _follow_handler(source, mapper)))
            handlers.append((post_delete, model, _follow_handler(source, mapper, deleted=True)))
        for signal, model, handler in handlers:
            signal.connect(handler, sender=model, weak=False,
                           dispatch_uid=f"search:{source.name}:{signal is post_save}:{model._meta.label}")
            _handlers.append(handler)
