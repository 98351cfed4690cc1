"""Events in /api/v1/ (read): public events and their sessions. No personal data — never a
registrant; seats are given as counts only. Staff-only events and drafts are not listed."""

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Id, Pagination
from kyodo.core.models import Organisation

from . import queries
from .models import Kind

router = Router(tags=["events"])


class EventSessionOut(Schema):
    id: int
    label: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    seats_left: int
    full: bool


class EventOut(Schema):
    id: int
    organisation: str
    title: str
    title_kana: str
    kind: str
    kind_label: str
    status: str
    summary: str
    programme: str
    speakers: str
    department: str
    area: str
    online: bool
    venue: str
    address: str
    access: str
    fee: int
    fee_note: str
    wheelchair: bool
    sign_language: bool
    childcare: bool
    accessibility_note: str
    registration_opens: datetime.datetime | None
    registration_closes: datetime.datetime | None
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    url: str
    sessions: list[EventSessionOut]

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_department(obj):
        return obj.department.name

    @staticmethod
    def resolve_url(obj):
        from django.urls import reverse

        return reverse("events:event", args=[obj.organisation.slug, obj.pk])

    @staticmethod
    def resolve_sessions(obj):
        return [{"id": s.pk, "label": s.label, "starts_at": s.starts_at, "ends_at": s.ends_at,
                 "capacity": s.capacity, "seats_left": s.seats_left, "full": s.is_full} for s in obj.sessions.all()]


#: An unknown value is a 422 naming the parameter (not silently every event).
When = Literal["upcoming", "past", "all"]
KindParam = Literal[("", *Kind.values)]


@router.get("/organisations/{slug}/events", response=list[EventOut], summary="公開中のイベント一覧")
@paginate(Pagination, page_size=50)
def list_events(request, slug: str, kind: KindParam = "", when: When = "upcoming"):
    """The organisation's public events (for a prefecture, with its municipalities'):
    ``when`` is upcoming (default), past or all; ``kind`` one of the kinds (exchange, seminar,
    training, briefing, workshop, symposium, other) or empty for every kind."""
    organisation = get_object_or_404(Organisation, slug=slug)
    return queries.event_list(queries.region_ids(organisation), kind=kind or None, when=when, now=timezone.now())


@router.get("/events/{event_id}", response=EventOut, summary="イベント")
def get_event(request, event_id: Id):
    events = queries.event_list(None, when="all")
    return get_object_or_404(events, pk=event_id)
