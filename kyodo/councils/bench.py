"""The councils' key pages for scripts/bench (docs/benchmarks.md), at their heaviest instance:
the published evaluation round with the most ratings, and the organisation with the most
recommendations — its tracking table, as a page and through the API."""

from django.urls import reverse

from kyodo.core.bench import busiest
from kyodo.core.models import Organisation

from .models import EvaluationRound, Rating, Recommendation


def targets():
    found = []
    round_id = busiest(Rating, "round", round__status=EvaluationRound.Status.PUBLISHED)
    if round_id is not None:
        round_ = EvaluationRound.objects.select_related("council__organisation").get(pk=round_id)
        found.append(("council_evaluation", "市民会議の評価結果", reverse(
            "councils:evaluation", args=[round_.council.organisation.slug, round_.pk])))
    organisation_id = busiest(Recommendation, "report__council__organisation")
    if organisation_id is not None:
        slug = Organisation.objects.get(pk=organisation_id).slug
        found += [
            ("recommendation_tracking", "提言の反映状況", reverse("councils:tracking", args=[slug])),
            ("api_recommendations", "API: 提言と反映状況",
             f"/api/v1/organisations/{slug}/councils/recommendations"),
        ]
    return found
