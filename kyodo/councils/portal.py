"""What 市民会議 declares to the site-wide pages (issue 18): calls for members open now
(いま参加できること) and the recommendation tracking table as open data."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core import modules
from kyodo.portal.providers import counts, latest

from .models import Call, Recommendation


def open_calls(organisation_ids, now):
    """Calls for members whose period includes today (one query)."""
    today = timezone.localdate(now)
    calls = (Call.objects.filter(opens_on__lte=today, closes_on__gte=today)
             .select_related("council__organisation").order_by("closes_on", "pk"))
    if organisation_ids is not None:
        calls = calls.filter(council__organisation_id__in=list(organisation_ids))
    return [modules.Opportunity(
        organisation_id=call.council.organisation_id, kind=_("委員募集"),
        title=f"{call.council.name} {call.title}",
        url=reverse("councils:call", args=[call.council.organisation.slug, call.pk]),
        closes=call.closes_on, summary=_("募集人員 %(seats)d人") % {"seats": call.seats},
    ) for call in calls]


def _recommendations():
    return Recommendation.objects.all()


def register():
    modules.register_opportunities(open_calls)
    modules.register_dataset(modules.Dataset(
        name="councils.recommendations", title=gettext_lazy("市民会議の提言と反映状況"),
        description=gettext_lazy("市民会議が提出した提言書の提言ごとに、市の考え方と反映状況(追跡表)。"
                                 "印刷用ページとPDFがあり、APIでJSONも取得できます。"),
        url_name="councils:tracking", formats=("html", "pdf", "json"),
        rows=counts(_recommendations, "report__council__organisation_id"),
        updated=latest(_recommendations, "report__council__organisation_id", "report__submitted_on"),
        layout=gettext_lazy("Kyodo 提言の追跡表(docs/councils.md)"),
    ))
