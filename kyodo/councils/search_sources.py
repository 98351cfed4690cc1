"""What the site-wide search indexes of the councils: each council's public page, its
meetings (agenda, and the minutes once approved — while a correction waits, the text last
approved, as the public page shows), and the recommendations with the administration's
response. Members' applications, reservations and ratings are never indexed."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import modules
from kyodo.core.japanese import fiscal_year

from .models import Council, Meeting, Recommendation, RecommendationReport


def _day(value):
    if value is None:
        return None
    return datetime.datetime.combine(value, datetime.time(), tzinfo=timezone.get_current_timezone())


def council_documents(ids):
    councils = Council.objects.select_related("organisation", "secretariat")
    if ids is not None:
        councils = councils.filter(pk__in=ids)
    for council in councils:
        yield modules.SearchDocument(
            key=f"councils.council:{council.pk}", organisation_id=council.organisation_id,
            module="councils", kind=_("市民会議"), title=council.name,
            body="\n".join(filter(None, [council.purpose, council.themes, council.method,
                                         council.secretariat.name])),
            url=reverse("councils:council", args=[council.organisation.slug, council.pk]),
            published_at=_day(council.established_on))


def meeting_documents(ids):
    meetings = Meeting.objects.select_related("council__organisation")
    if ids is not None:
        meetings = meetings.filter(pk__in=ids)
    for meeting in meetings:
        council = meeting.council
        if meeting.minutes_published:
            minutes, kind = meeting.minutes, meeting.get_minutes_kind_display()
        elif meeting.minutes_under_correction:
            minutes, kind = meeting.approved_minutes, meeting.get_minutes_kind_display()
        else:
            minutes, kind = "", _("会議")
        yield modules.SearchDocument(
            key=f"councils.meeting:{meeting.pk}", organisation_id=council.organisation_id,
            module="councils", kind=str(kind),
            title=_("第%(number)s回 %(council)s") % {"number": meeting.number, "council": council.name},
            body="\n".join(filter(None, [meeting.agenda, minutes])),
            url=reverse("councils:meeting", args=[council.organisation.slug, meeting.pk]),
            fiscal_year=fiscal_year(timezone.localtime(meeting.starts_at).date()),
            published_at=_day(meeting.minutes_approved_on) if minutes else None)


def recommendation_documents(ids):
    recommendations = Recommendation.objects.select_related("report__council__organisation")
    if ids is not None:
        recommendations = recommendations.filter(pk__in=ids)
    for rec in recommendations:
        report, council = rec.report, rec.report.council
        yield modules.SearchDocument(
            key=f"councils.recommendation:{rec.pk}", organisation_id=council.organisation_id,
            module="councils", kind=_("提言"), title=f"{rec.number}. {rec.title}",
            body="\n".join(filter(None, [rec.body, rec.response, report.title, council.name])),
            url=reverse("councils:tracking", args=[council.organisation.slug]),
            fiscal_year=fiscal_year(report.submitted_on), published_at=_day(report.submitted_on))


# Registered when the app's ready() imports this module.
modules.register_search(modules.SearchSource(
    name="councils.council", model=Council, documents=council_documents))
modules.register_search(modules.SearchSource(
    name="councils.meeting", model=Meeting, documents=meeting_documents,
    follows={Council: lambda council: council.meetings.values_list("pk", flat=True)}))
modules.register_search(modules.SearchSource(
    name="councils.recommendation", model=Recommendation, documents=recommendation_documents,
    follows={RecommendationReport: lambda report: report.recommendations.values_list("pk", flat=True),
             Council: lambda council: Recommendation.objects.filter(
                 report__council=council).values_list("pk", flat=True)}))
