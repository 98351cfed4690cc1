"""The councils' key pages for scripts/bench (docs/benchmarks.md), at their heaviest instance:
the published evaluation round with the most ratings, and the organisation with the most
recommendations — its tracking table, as a page and through the API."""

from django.urls import reverse

from kyodo.core.bench import heaviest
from kyodo.core.models import Organisation

from .models import EvaluationRound, Rating, Recommendation


def targets():
    found = []
    round_ = heaviest(EvaluationRound.objects.select_related("council__organisation"), Rating,
                      "round", round__status=EvaluationRound.Status.PUBLISHED)
    if round_ is not None:
        found.append(("council_evaluation", "市民会議の評価結果", reverse(
            "councils:evaluation", args=[round_.council.organisation.slug, round_.pk])))
    organisation = heaviest(Organisation.objects, Recommendation, "report__council__organisation")
    if organisation is not None:
        found += [
            ("recommendation_tracking", "提言の反映状況",
             reverse("councils:tracking", args=[organisation.slug])),
            ("api_recommendations", "API: 提言と反映状況",
             f"/api/v1/organisations/{organisation.slug}/councils/recommendations"),
        ]
    return found
