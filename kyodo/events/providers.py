"""What events declare to the site-wide pages (core.modules): the links on an organisation's
pages, the public sessions for the one calendar, events open for registration (いま参加できること),
published events and reports for the search, the イベント一覧 dataset, a person's registrations
and training record for /my/, and the event list for the benchmark. Each provider runs a fixed
number of queries and returns only public data (my items: only the user's own)."""

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core import eventlist, modules

from .models import Audience, Event, EventReport, Registration, Session


#: Who may see an event on public pages: everyone but staff-only events' audience.
PUBLIC_AUDIENCES = [audience for audience in Audience.values if audience != Audience.STAFF]


def calendar_entries(start, end, organisation_ids, limit=None):
    """Public sessions starting in [start, end) (one query).

    Driven by the sessions' start index whatever the planner knows: the conditions on the
    event sit in a correlated EXISTS looked up by primary key, so neither database starts from
    the events (at a million events, starting from "all published events" took 6 s on SQLite,
    with or without statistics)."""
    public = Event.objects.filter(pk=OuterRef("event_id"), status=Event.Status.PUBLISHED,
                                  audience__in=PUBLIC_AUDIENCES)
    if organisation_ids is not None:
        public = public.filter(organisation_id__in=list(organisation_ids))
    sessions = (Session.objects.filter(starts_at__gte=start, starts_at__lt=end).filter(Exists(public))
                .select_related("event__organisation").order_by("starts_at", "pk"))
    return [modules.CalendarEntry(
        organisation_id=s.event.organisation_id, kind=_("イベント"),
        title=f"{s.event.title} {s.label}".strip(),
        url=reverse("events:event", args=[s.event.organisation.slug, s.event_id]),
        starts=s.starts_at, ends=s.ends_at, place=_("オンライン") if s.event.online else s.event.venue,
        uid=f"events.session:{s.pk}",
    ) for s in sessions[:limit]]


def open_events(organisation_ids, now):
    """Public events taking registrations now, for a session still ahead: with seats left, or
    with a waitlist to join (one query)."""
    ahead = Session.objects.filter(event=OuterRef("pk"), starts_at__gt=now)
    # ends_at (the last session's end) bounds the scan to events not yet over, on the
    # (status, audience, ends_at) index.
    events = (Event.objects.filter(status=Event.Status.PUBLISHED, audience__in=PUBLIC_AUDIENCES,
                                   ends_at__gt=now, registration_required=True)
              .filter(Q(registration_opens__isnull=True) | Q(registration_opens__lte=now))
              .filter(Q(registration_closes__isnull=True) | Q(registration_closes__gt=now))
              .filter(Exists(ahead))
              .annotate(has_seats=Exists(ahead.filter(seats_taken__lt=F("capacity"))))
              .select_related("organisation"))
    if organisation_ids is not None:
        events = events.filter(organisation_id__in=list(organisation_ids))
    return [modules.Opportunity(
        organisation_id=e.organisation_id, kind=_("イベント"), title=e.title,
        url=reverse("events:event", args=[e.organisation.slug, e.pk]),
        closes=e.registration_closes or e.ends_at,
        summary=_("申込受付中(残り席あり)") if e.has_seats else _("満席・キャンセル待ちを受付中"),
    ) for e in events.order_by("starts_at", "pk")[:200]]


def event_documents(ids):
    events = (Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])
              .exclude(audience=Audience.STAFF).select_related("organisation", "department", "report"))
    if ids is not None:
        events = events.filter(pk__in=ids)
    from kyodo.core.japanese import fiscal_year

    for event in events.iterator(chunk_size=500):
        report = getattr(event, "report", None)
        parts = [event.summary, event.programme, event.speakers, event.area, event.department.name,
                 str(event.get_kind_display())]
        if report is not None and report.published_at:
            parts.append(_("開催報告: 参加者数 %(n)d人。%(summary)s") % {"n": report.participants, "summary": report.summary})
        yield modules.SearchDocument(
            key=f"events.event:{event.pk}", organisation_id=event.organisation_id, module="events",
            kind=_("開催報告") if report is not None and report.published_at else _("イベント"), title=event.title,
            body="\n".join(filter(None, parts)),
            url=reverse("events:event", args=[event.organisation.slug, event.pk]),
            fiscal_year=fiscal_year(event.starts_at.date()) if event.starts_at else None,
            published_at=(report.published_at if report is not None and report.published_at else event.published_at))


def my_registrations(user):
    """The user's registrations (by account, or with an address they verified) and, for
    staff who took a course, their training record (two or three queries)."""
    from allauth.account.models import EmailAddress
    from django.db.models.functions import Lower

    addresses = [e.lower() for e in EmailAddress.objects.filter(user=user, verified=True)
                 .values_list("email", flat=True)]
    registrations = (Registration.objects.annotate(address=Lower("email"))
                     .filter(Q(user=user) | Q(address__in=addresses), erased_at__isnull=True)
                     .select_related("event__organisation").order_by("-created_at")[:100])
    items, training = [], set()
    for r in registrations:
        items.append(modules.MyItem(
            kind=_("研修の申込") if r.event.audience == Audience.STAFF else _("イベントの申込"),
            title=f"{r.receipt_number} {r.event.title}({r.event.organisation.name})",
            status=str(r.get_status_display()) + (_("・受付済") if r.checked_in_at else ""),
            url=reverse("events:status", args=[r.event.organisation.slug]) if r.event.audience != Audience.STAFF
            else reverse("events:training_record", args=[r.event.organisation.slug]),
            updated=r.checked_in_at or r.promoted_at or r.created_at))
        if r.event.audience == Audience.STAFF and r.user_id == user.pk:
            training.add((r.event.organisation.slug, r.event.organisation.name))
    for slug, name in sorted(training):
        items.append(modules.MyItem(kind=_("研修の記録"), title=_("%(org)sの職員研修の記録") % {"org": name},
                                    status=_("記録を見る"), url=reverse("events:training_record", args=[slug])))
    return items


def bench_targets():
    """The event list of the organisation with the most public events (one query)."""
    busiest = (Event.objects.filter(status=Event.Status.PUBLISHED).exclude(audience=Audience.STAFF)
               .order_by().values("organisation__slug").annotate(n=Count("pk")).order_by("-n").first())
    if busiest is None:
        return []
    slug = busiest["organisation__slug"]
    return [("events.index", _("イベント一覧"), reverse("events:index", args=[slug])),
            ("events.api", _("イベント一覧 API"), f"/api/v1/organisations/{slug}/events")]


def _dataset_sessions():
    return Session.objects.filter(event__status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]).exclude(
        event__audience=Audience.STAFF)


def register():
    from kyodo.portal.providers import counts, latest

    modules.register(modules.ModuleLink(
        title=gettext_lazy("イベント・研修"),
        summary=gettext_lazy("交流会・協働推進セミナー・説明会。アカウントなしで申し込めます"),
        url_name="events:index", order=40))
    modules.register(modules.ModuleLink(
        title=gettext_lazy("イベント・研修(職員用)"),
        summary=gettext_lazy("イベントの登録、受付名簿と出欠、開催報告、職員研修の受講状況"),
        url_name="events:manage", permission="events.use_staff_screens", order=40), staff=True)
    modules.register_calendar(calendar_entries)
    modules.register_opportunities(open_events)
    modules.register_search(modules.SearchSource(
        name="events.event", model=Event, documents=event_documents,
        follows={EventReport: lambda report: [report.event_id], Session: lambda session: [session.event_id]}))
    modules.register_dataset(modules.Dataset(
        name="events.events", title=gettext_lazy("イベント一覧"),
        description=gettext_lazy("公開しているイベント・セミナー・交流会の日時(回ごと)、会場、参加費、定員、申込方法。"
                                 "これから開催するものも含みます。申込者の情報は含みません。"),
        url_name="events:open_data_page", formats=("csv", "xlsx", "json"),
        rows=counts(_dataset_sessions, "event__organisation_id"),
        updated=latest(Event.objects.filter(status=Event.Status.PUBLISHED).exclude(audience=Audience.STAFF),
                       "organisation_id", "updated_at"),
        layout=eventlist.LAYOUT))
    modules.register_my_items(my_registrations)
    modules.register_bench_targets(bench_targets)
