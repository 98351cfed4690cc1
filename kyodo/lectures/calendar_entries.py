"""出前講座 on the one calendar (kyodo.core.modules.register_calendar): decided and held
lectures, with what the public feed of 出前講座 already shows — the theme, the date and time and
the municipality. The group, its venue (possibly a private home), the receipt number and the
lecturer stay out, as in ``exports.public_ical``. One query whatever the number of lectures."""

from django.urls import reverse

from kyodo.core.modules import CalendarEntry

from .exports import public_area
from .models import Request

#: The states whose date is public: decided (upcoming) and held (reported or not).
PUBLIC_STATES = (Request.Status.DECIDED, Request.Status.HELD, Request.Status.REPORTED)


def calendar_entries(start, end, organisation_ids=None, limit=None):
    lectures = (Request.objects.filter(status__in=PUBLIC_STATES, starts_at__gte=start, starts_at__lt=end)
                .select_related("theme", "organisation__prefecture")
                .only("starts_at", "ends_at", "organisation_id", "theme__title", "theme__active",
                      "organisation__slug", "organisation__name", "organisation__prefecture_id",
                      "organisation__prefecture__name")
                .order_by("starts_at", "id"))
    if organisation_ids is not None:
        lectures = lectures.filter(organisation_id__in=organisation_ids)
    for lecture in lectures[:limit]:
        slug = lecture.organisation.slug
        url = (reverse("lectures:theme", args=[slug, lecture.theme_id]) if lecture.theme.active
               else reverse("lectures:catalogue", args=[slug]))
        yield CalendarEntry(
            organisation_id=lecture.organisation_id, kind="出前講座", title=f"出前講座「{lecture.theme.title}」",
            url=url, starts=lecture.starts_at, ends=lecture.ends_at, place=public_area(lecture.organisation),
            uid=f"lectures.request:{lecture.pk}",
        )
