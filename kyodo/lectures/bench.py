"""The lectures' key pages for scripts/bench (docs/benchmarks.md), at their heaviest instance:
the organisation with the most lecture requests (or, when it offers no lecture, the one with the
most themes) — its catalogue, as a page and through the API, and its statistics."""

from django.urls import reverse

from kyodo.core.bench import heaviest
from kyodo.core.models import Organisation

from .models import Request, Theme


def targets():
    organisation = heaviest(Organisation.objects, Request, "organisation")
    if organisation is None or not Theme.objects.filter(organisation=organisation).exists():
        organisation = heaviest(Organisation.objects, Theme, "organisation")
    if organisation is None:
        return []
    slug = organisation.slug
    return [
        ("lecture_catalogue", "出前講座の講座一覧", reverse("lectures:catalogue", args=[slug])),
        ("lecture_statistics", "出前講座の実施統計", reverse("lectures:statistics", args=[slug])),
        ("api_lecture_themes", "API: 出前講座の講座一覧", f"/api/v1/organisations/{slug}/lectures/themes"),
    ]
