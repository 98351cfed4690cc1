"""Where the domain modules show up on the foundation's pages.

Each module registers, in its AppConfig.ready(), the links it adds to an organisation's home
page (public) and to its admin home (staff), so the foundation never imports the modules:

    modules.register(modules.ModuleLink(
        title=_("改革プラン"), summary=_("計画の進み具合"), url_name="plans:index",
    ))
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ModuleLink:
    title: str
    summary: str
    url_name: str  # reversed with the organisation's slug
    permission: str | None = None  # for staff links: the rule checked against the organisation
    order: int = 100


_public: list[ModuleLink] = []
_staff: list[ModuleLink] = []


def register(link, *, staff=False):
    (_staff if staff else _public).append(link)


def _resolve(links, organisation):
    return [
        {"title": link.title, "summary": link.summary,
         "url": reverse(link.url_name, args=[organisation.slug])}
        for link in sorted(links, key=lambda link: link.order)
    ]


def public_links(organisation):
    return _resolve(_public, organisation)


def staff_links(organisation, user):
    allowed = [link for link in _staff
               if link.permission is None or user.has_perm(link.permission, organisation)]
    return _resolve(allowed, organisation)


# ---------------------------------------------------------------------------------------------
# What modules declare to the site-wide pages (issues 16 and 18). Each module registers, in its
# AppConfig.ready(), providers that the portal, the calendar, the search index, the open-data
# catalogue and my page call; the foundation never imports the modules. A provider must run a
# constant number of queries whatever the data size, and return only what is public (or, for
# my page, what belongs to the given user).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opportunity:
    """Something open for participation now (「いま参加できること」 on the portal)."""

    organisation_id: int
    kind: str  # a short label: 委員募集, 提案募集, 意見公募, アンケート, イベント, 出前講座…
    title: str
    url: str
    closes: object = None  # date or datetime the opportunity closes, None when open-ended
    summary: str = ""


@dataclass(frozen=True)
class CalendarEntry:
    """A public dated happening (the one calendar, iCalendar feeds, イベント一覧)."""

    organisation_id: int
    kind: str  # イベント, 会議(傍聴可), 出前講座, 公開プレゼンテーション, 意見公募締切…
    title: str
    url: str
    starts: object  # datetime (aware) or date for an all-day entry
    ends: object = None
    place: str = ""
    uid: str = ""  # stable across renders, for iCalendar (e.g. "events.session:12")


@dataclass(frozen=True)
class SearchSource:
    """A model whose published objects the site-wide search indexes.

    ``documents(ids)`` returns a :class:`SearchDocument` for every *published* object of
    ``model`` (only those whose primary key is in ``ids`` when ids is not None); an object that
    is not returned is not (or no longer) in the index. The index follows saves and deletes of
    ``model`` and of each model in ``follows`` (mapped to the source's ids by
    ``follows[model](instance) -> iterable of ids``)."""

    name: str  # "plans.item"
    model: type
    documents: object  # callable(ids: list[int] | None) -> iterable[SearchDocument]
    follows: dict = None


@dataclass(frozen=True)
class SearchDocument:
    key: str  # "<source name>:<pk>"
    organisation_id: int
    module: str  # the module's app label: plans, councils, lectures, collaboration…
    kind: str  # a short Japanese label shown in results: 取組項目, 会議録, 提言…
    title: str
    body: str
    url: str
    fiscal_year: int | None = None
    published_at: object = None  # datetime, for 新着 and feeds


@dataclass(frozen=True)
class Dataset:
    """A public dataset for the open-data catalogue (``/open-data/``)."""

    name: str  # "events.events" — unique
    title: str
    description: str
    url_name: str  # reversed with the organisation's slug; the download page or file
    formats: tuple = ("csv", "xlsx", "json")
    rows: object = None  # callable(organisation_ids: list[int]) -> {organisation_id: count}
    updated: object = None  # callable(organisation_ids) -> {organisation_id: datetime}
    layout: str = ""  # the standard layout it follows, e.g. 自治体標準オープンデータセット イベント一覧


@dataclass(frozen=True)
class MyItem:
    """Something a signed-in person filed or registered, with its status, for /my/."""

    kind: str  # 出前講座の申込, イベントの申込, 提案, 意見…
    title: str
    status: str
    url: str
    updated: object = None


_registry = {"opportunities": [], "calendar": [], "search": [], "datasets": [], "my": [],
             "bench": []}


def register_bench_targets(provider):
    """provider() -> iterable of (name, title, path): the module's key pages and API lists at
    their heaviest instance in this database, for ``scripts/bench`` (kyodo/core/bench.py); none
    when it has no data. A target may add a fourth item, its kind ("page" or "api"; by default
    "api" for a path under /api/). ``provider`` may be the dotted path of the callable
    ("kyodo.plans.bench.targets"), imported only when the benchmark runs. Names are unique."""
    _registry["bench"].append(provider)


def bench_targets():
    from django.utils.module_loading import import_string

    return [target for provider in _registry["bench"]
            for target in (import_string(provider) if isinstance(provider, str) else provider)()]


def register_opportunities(provider):
    """provider(organisation_ids: list[int] | None, now: datetime) -> iterable[Opportunity]."""
    _registry["opportunities"].append(provider)


def register_calendar(provider):
    """provider(start: datetime, end: datetime, organisation_ids: list[int] | None, limit=None)
    -> iterable[CalendarEntry] starting in [start, end), in order, at most ``limit`` of them."""
    _registry["calendar"].append(provider)


def register_search(source):
    _registry["search"].append(source)


def register_dataset(dataset):
    _registry["datasets"].append(dataset)


def register_my_items(provider):
    """provider(user) -> iterable[MyItem]: what the user filed, by account or confirmed e-mail."""
    _registry["my"].append(provider)


def _key(value):
    """Dates and datetimes sort together (a date counts as its midnight)."""
    import datetime

    if value is None:
        return datetime.datetime.max
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return (timezone.localtime(value) if timezone.is_aware(value) else value).replace(tzinfo=None)
    return datetime.datetime.combine(value, datetime.time())


def opportunities(organisation_ids=None, now=None):
    from django.utils import timezone

    now = now or timezone.now()
    found = [o for provider in _registry["opportunities"] for o in provider(organisation_ids, now)]
    return sorted(found, key=lambda o: (_key(o.closes), o.title))


def calendar_entries(start, end, organisation_ids=None, limit=None):
    """Every module's public dated entries in [start, end), in order; with ``limit``, the first
    ``limit`` of them — each provider reads at most that many (its entries come in order), so a
    front page's "coming up" does not build a month of a busy region's events."""
    found = [e for provider in _registry["calendar"]
             for e in provider(start, end, organisation_ids, limit=limit)]
    return sorted(found, key=lambda e: (_key(e.starts), e.title))[:limit]


def search_sources():
    return list(_registry["search"])


def datasets():
    return list(_registry["datasets"])


def my_items(user):
    found = [item for provider in _registry["my"] for item in provider(user)]
    return sorted(found, key=lambda item: _key(item.updated), reverse=True)


# ---------------------------------------------------------------------------------------------
# Panels that a module adds to another module's page (issue 17 §6): a satisfaction survey's
# results on a plan's dashboard and next to a council evaluation's 「市民の満足度」 criterion.
# The page asks for the panels of its object; neither module imports the other.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """A small block of figures about an object, from another module, with a link to more."""

    title: str
    url: str
    figures: tuple = ()  # ((label, value), …) already formatted
    note: str = ""


_panels = {"plan": [], "evaluation": []}


def register_plan_panel(provider):
    """provider(plan) -> iterable[Panel], shown on the plan's public dashboard (public data only)."""
    _panels["plan"].append(provider)


def register_evaluation_panel(provider):
    """provider(evaluation_round) -> iterable[Panel], shown to the council members next to the
    round's criteria (public data only)."""
    _panels["evaluation"].append(provider)


def plan_panels(plan):
    return [panel for provider in _panels["plan"] for panel in provider(plan)]


def evaluation_panels(evaluation_round):
    return [panel for provider in _panels["evaluation"] for panel in provider(evaluation_round)]


# ---------------------------------------------------------------------------------------------
# Sections that a module adds to a partner's public page (collaboration.Partner): the grants a
# partner received from the citizen fund (issue 15 §5). The partner page asks for them; neither
# module imports the other.
# ---------------------------------------------------------------------------------------------

_partner_sections = []


def register_partner_section(provider):
    """provider(partner) -> iterable[Panel], shown on the partner's public page (public data
    only, a constant number of queries)."""
    _partner_sections.append(provider)


def partner_sections(partner):
    return [panel for provider in _partner_sections for panel in provider(partner)]


# ---------------------------------------------------------------------------------------------
# Links that a module adds to records another module lists (issue 17 §6): the public comment
# held on a plan's revision or on a council's recommendation, linked from the revision on the
# item page and from the recommendation on the tracking page. The page asks once for all the
# records it shows; neither module imports the other.
# ---------------------------------------------------------------------------------------------

RECORD_KINDS = ("plans.revision", "councils.recommendation")


@dataclass(frozen=True)
class RecordLink:
    """A link from a record to something about it in another module."""

    label: str  # what it is: 「意見公募」, 「意見公募の結果」
    title: str
    url: str


_record_links = {kind: [] for kind in RECORD_KINDS}


def register_record_links(kind, provider):
    """provider(ids) -> {id: [RecordLink, …]} for the records of ``kind`` among ``ids``: public
    data only, a constant number of queries whatever the number of ids."""
    _record_links[kind].append(provider)


def record_links(kind, ids):
    """{id: [RecordLink, …]} from every module, for the records of ``kind`` among ``ids``."""
    ids = list(ids)
    found = {}
    if not ids:
        return found
    for provider in _record_links[kind]:
        for record_id, links in provider(ids).items():
            found.setdefault(record_id, []).extend(links)
    return found
