"""市民会議 on the one calendar (kyodo.core.modules.register_calendar): the open meetings of every
council — 「会議(傍聴可)」 when seats for observers are offered, 「市民会議」 otherwise — with
what the public meeting page shows (council, number, venue). Closed meetings are left out, and
so is everything about the people who reserved seats. One query whatever the number."""

from django.urls import reverse

from kyodo.core.modules import CalendarEntry

from .models import Meeting

KIND_OBSERVABLE = "会議(傍聴可)"
KIND_OPEN = "市民会議"


def calendar_entries(start, end, organisation_ids=None, limit=None):
    meetings = (Meeting.objects.filter(is_open=True, starts_at__gte=start, starts_at__lt=end)
                .select_related("council__organisation")
                .only("number", "starts_at", "ends_at", "venue", "observer_seats", "council__name",
                      "council__organisation_id", "council__organisation__slug")
                .order_by("starts_at", "id"))
    if organisation_ids is not None:
        meetings = meetings.filter(council__organisation_id__in=organisation_ids)
    for meeting in meetings[:limit]:
        council = meeting.council
        yield CalendarEntry(
            organisation_id=council.organisation_id,
            kind=KIND_OBSERVABLE if meeting.observer_seats > 0 else KIND_OPEN,
            title=f"{council.name} 第{meeting.number}回",
            url=reverse("councils:meeting", args=[council.organisation.slug, meeting.pk]),
            starts=meeting.starts_at, ends=meeting.ends_at, place=meeting.venue,
            uid=f"councils.meeting:{meeting.pk}",
        )
