"""What is new about one followed thing (issue 18 §4, the portal's follows): the index keys of
the thing itself and of what belongs to it — a plan item and its published reports and the
recommendations concerning it; a council, its meetings and recommendations; a partner and the
published projects it took part in. Each kind costs a fixed number of queries."""

from django.db.models import Q


def _item(pk):
    from kyodo.councils.models import Recommendation
    from kyodo.plans.models import ProgressReport

    reports = ProgressReport.objects.filter(item_id=pk).values_list("pk", flat=True)
    recommendations = Recommendation.objects.filter(items=pk).values_list("pk", flat=True)
    return (f"plans.item:{pk}", [f"plans.report:{r}" for r in reports]
            + [f"councils.recommendation:{r}" for r in recommendations])


def _council(pk):
    from kyodo.councils.models import Meeting, Recommendation

    meetings = Meeting.objects.filter(council_id=pk).values_list("pk", flat=True)
    recommendations = Recommendation.objects.filter(report__council_id=pk).values_list("pk", flat=True)
    return (f"councils.council:{pk}", [f"councils.meeting:{m}" for m in meetings]
            + [f"councils.recommendation:{r}" for r in recommendations])


def _partner(pk):
    from kyodo.collaboration.models import ProjectPartner

    projects = ProjectPartner.objects.filter(partner_id=pk).values_list("project_id", flat=True)
    return (f"collaboration.partner:{pk}", [f"collaboration.project:{p}" for p in projects])


#: The kinds of followed things that have a feed, by the name in the URL.
KINDS = {"item": _item, "council": _council, "partner": _partner}


def keys(kind, pk):
    """(the thing's own key, the keys of what belongs to it)."""
    return KINDS[kind](pk)


def entries_filter(kind, pk):
    own, related = keys(kind, pk)
    return own, Q(key__in=[own, *related])
