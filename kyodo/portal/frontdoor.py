"""The front door (issue 18 §2): what is open now, what is new, what is coming — for the
region on the portal and for one organisation on its home. Each part reads what the modules
declare (``core.modules``) or the search index, in a constant number of queries."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from kyodo.core import modules

OPEN_ON_PORTAL = 12
NEWS = 8
UPCOMING = 8
UPCOMING_DAYS = 30


@dataclass
class Shown:
    """An opportunity, calendar entry or new document with its organisation."""

    item: object
    organisation: object = None

    def __getattr__(self, name):
        return getattr(self.item, name)


def is_open(closes, now):
    """Whether something closing at ``closes`` (a date: at its end) is still open at ``now``."""
    if closes is None:
        return True
    if isinstance(closes, datetime.datetime):
        return closes >= now
    return closes >= timezone.localdate(now)


def open_now(organisation_ids=None, now=None):
    now = now or timezone.now()
    return [o for o in modules.opportunities(organisation_ids, now) if is_open(o.closes, now)]


def upcoming(organisation_ids=None, now=None, days=UPCOMING_DAYS, limit=UPCOMING):
    now = now or timezone.now()
    return modules.calendar_entries(now, now + datetime.timedelta(days=days), organisation_ids)[:limit]


def news(organisation_ids=None, limit=NEWS):
    """What was published most recently, nothing dated in the future (one query on the search
    index, the same as the feeds)."""
    from kyodo.search.queries import newest

    ids = list(organisation_ids) if organisation_ids is not None else None
    return [Shown(e, e.organisation) for e in newest(organisation_ids=ids, limit=limit)]


def with_organisations(items, organisations):
    by_id = {o.pk: o for o in organisations}
    return [Shown(item, by_id.get(item.organisation_id)) for item in items]


def front_door(organisations, organisation=None, now=None):
    """Context for the portal (``organisation`` None: the region) or an organisation's home;
    ``organisations`` are those already loaded by the page (names for the entries)."""
    now = now or timezone.now()
    ids = [organisation.pk] if organisation is not None else None
    opportunities = open_now(ids, now)
    return {
        "opportunities": with_organisations(opportunities[:OPEN_ON_PORTAL], organisations),
        "opportunities_more": max(len(opportunities) - OPEN_ON_PORTAL, 0),
        "news": news(ids),
        "upcoming": with_organisations(upcoming(ids, now), organisations),
    }
