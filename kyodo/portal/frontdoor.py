"""The front door (issue 18 §2): what is open now, what is new, what is coming — for the
region on the portal and for one organisation on its home. Each part reads what the modules
declare (``core.modules``) or the search index, in a constant number of queries.

The parts are read when the template first asks for them (``FrontDoor``), so a page that
serves them from a shared fragment (``core.fragments``) does not run their queries at all."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from kyodo.core import modules
from kyodo.core.models import Organisation
from kyodo.core.queries import ORGANISATION_CARD

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
    return modules.calendar_entries(now, now + datetime.timedelta(days=days), organisation_ids, limit=limit)


def news(organisation_ids=None, limit=NEWS):
    """What was published most recently, nothing dated in the future (one query on the search
    index, the same as the feeds)."""
    from kyodo.search.queries import newest

    ids = list(organisation_ids) if organisation_ids is not None else None
    return [Shown(e, e.organisation) for e in newest(organisation_ids=ids, limit=limit)]


def with_organisations(items, organisations=()):
    """Each item with its organisation: one of ``organisations`` (those the page has loaded),
    the others read in one query (their names and addresses only)."""
    by_id = {o.pk: o for o in organisations}
    missing = {item.organisation_id for item in items} - by_id.keys() - {None}
    if missing:
        by_id.update((o.pk, o) for o in Organisation.objects.filter(pk__in=missing)
                     .only(*ORGANISATION_CARD))
    return [Shown(item, by_id.get(item.organisation_id)) for item in items]


class FrontDoor:
    """The portal's (``organisation`` None: the region's) or an organisation's front door;
    each part is read on first use."""

    def __init__(self, organisation=None, now=None):
        self.organisation = organisation
        self.organisations = [organisation] if organisation is not None else []
        self.ids = [organisation.pk] if organisation is not None else None
        self.now = now or timezone.now()

    @cached_property
    def _open(self):
        return open_now(self.ids, self.now)

    @cached_property
    def _shown(self):
        """The opportunities and the calendar entries shown, with their organisations (whose
        names are read in one query for both)."""
        shown = self._open[:OPEN_ON_PORTAL]
        both = with_organisations([*shown, *upcoming(self.ids, self.now)], self.organisations)
        return both[:len(shown)], both[len(shown):]

    @property
    def opportunities(self):
        return self._shown[0]

    @property
    def opportunities_more(self):
        return max(len(self._open) - OPEN_ON_PORTAL, 0)

    @cached_property
    def news(self):
        return news(self.ids)

    @property
    def upcoming(self):
        return self._shown[1]


def front_door(organisation=None, now=None):
    """Context for the portal or an organisation's home (template
    ``portal/includes/front_door.html``)."""
    return {"front_door": FrontDoor(organisation, now)}
