"""The reads that event pages, providers and the API share, each with a fixed number of
queries whatever the number of events (the list and the providers are measured at two sizes)."""

import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.utils import timezone

from kyodo.core.japanese import fiscal_year_range
from kyodo.core.models import DEPARTMENT_ROLES, Organisation, RoleAssignment

from .models import Audience, Event, Registration, Session


def public_events(organisation_ids=None):
    """Events anyone may see (published, or cancelled after it — marked 中止; not staff-only),
    with what the cards show."""
    events = Event.objects.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED]).exclude(
        audience=Audience.STAFF)
    if organisation_ids is not None:
        events = events.filter(organisation_id__in=organisation_ids)
    return events.select_related("organisation", "department")


def region_ids(organisation):
    """The organisation and, for a prefecture, its municipalities (the list's scope)."""
    if organisation.kind == Organisation.Kind.PREFECTURE:
        return [organisation.pk, *organisation.municipalities.values_list("pk", flat=True)]
    return [organisation.pk]


def event_list(organisation_ids, *, kind=None, month=None, organisation=None, area=None, fee=None,
               when="upcoming", now=None):
    """The public list with its filters: kind, month (year, month) a session starts in,
    organisation, area, fee ("free" / "paid"), and upcoming / past / all."""
    now = now or timezone.now()
    events = public_events(organisation_ids)
    if kind:
        events = events.filter(kind=kind)
    if organisation is not None:
        events = events.filter(organisation=organisation)
    if area:
        events = events.filter(area=area)
    if fee == "free":
        events = events.filter(fee=0)
    elif fee == "paid":
        events = events.filter(fee__gt=0)
    if month:
        year, number = month
        start = timezone.make_aware(datetime.datetime(year, number, 1))
        end = timezone.make_aware(datetime.datetime(year + (number == 12), number % 12 + 1, 1))
        events = events.filter(Exists(Session.objects.filter(event=OuterRef("pk"), starts_at__gte=start,
                                                             starts_at__lt=end)))
    if when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    elif when == "all":
        events = events.order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return events.prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk")))


def areas(organisation_ids):
    return list(public_events(organisation_ids).exclude(area="").order_by("area")
                .values_list("area", flat=True).distinct())


def event_detail(pk):
    return Event.objects.select_related("organisation", "department").prefetch_related(
        Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk").annotate(
            waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)))),
        "partners", "files").filter(pk=pk)


def staff_events(organisation, user):
    events = Event.objects.filter(organisation=organisation).select_related("department").order_by(
        "-starts_at", "-pk")
    return events


def roster(session):
    """受付名簿: the session's confirmed and waitlisted registrations, in order."""
    return session.registrations.exclude(status=Registration.Status.CANCELLED).order_by(
        "status", "name_kana", "name", "pk")


def attendance(event):
    """{session_id: (registered seats, attended seats, walk-ins)} and the totals."""
    rows = event.sessions.annotate(
        attended=Sum("registrations__seats", filter=Q(registrations__checked_in_at__isnull=False)),
    ).values_list("pk", "seats_taken", "attended", "walk_ins")
    per_session = {pk: (taken, attended or 0, walk_ins) for pk, taken, attended, walk_ins in rows}
    total = sum(a + w for _t, a, w in per_session.values())
    return per_session, total


def feedback_summary(event):
    from django.db.models import Avg

    return event.feedback.aggregate(
        answers=Count("pk"), satisfaction=Avg("satisfaction"), usefulness=Avg("usefulness"),
        join_again=Count("pk", filter=Q(join_again=True)))


def training_record(user, organisation=None):
    """A member of staff's training record: the staff-only events they registered for, with
    whether they attended."""
    registrations = Registration.objects.filter(user=user, event__audience=Audience.STAFF).exclude(
        status=Registration.Status.CANCELLED).select_related("event__organisation", "event__department", "session")
    if organisation is not None:
        registrations = registrations.filter(organisation=organisation)
    return registrations.order_by("-session__starts_at", "-pk")


def trained_share(organisation, year):
    """Per department: the staff (distinct accounts holding a department role), how many of
    them attended a staff-only event held in fiscal ``year``, and the share — in two queries."""
    start, end = fiscal_year_range(year)
    start = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    end = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    staff = {}
    for department_id, user_id in RoleAssignment.objects.filter(
            organisation=organisation, role__in=list(DEPARTMENT_ROLES), accepted_at__isnull=False,
            department__isnull=False, user__is_active=True).values_list("department_id", "user_id").distinct():
        staff.setdefault(department_id, set()).add(user_id)
    trained_users = set(Registration.objects.filter(
        organisation=organisation, event__audience=Audience.STAFF, checked_in_at__isnull=False,
        session__starts_at__gte=start, session__starts_at__lt=end, user__isnull=False,
    ).values_list("user_id", flat=True).distinct())
    rows = []
    for department in organisation.departments.filter(pk__in=list(staff)).order_by("sort_order", "pk"):
        members = staff[department.pk]
        trained = len(members & trained_users)
        rows.append({"department": department, "staff": len(members), "trained": trained,
                     "share": round(100 * trained / len(members), 1) if members else 0})
    total_staff = set().union(*staff.values()) if staff else set()
    total_trained = len(total_staff & trained_users)
    return rows, {"staff": len(total_staff), "trained": total_trained,
                  "share": round(100 * total_trained / len(total_staff), 1) if total_staff else 0}
