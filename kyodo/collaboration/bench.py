"""Collaboration's key pages for scripts/bench (docs/benchmarks.md), at their heaviest instance:
the published survey year with the most projects, the organisation with the most partners, and
the one with the most projects (through the API)."""

from django.urls import reverse

from kyodo.core.bench import heaviest
from kyodo.core.models import Organisation

from .models import Partner, Project, SurveyCampaign


def targets():
    found = []
    campaign = heaviest(SurveyCampaign.objects.select_related("organisation"), Project, "campaign",
                        campaign__status=SurveyCampaign.Status.PUBLISHED)
    if campaign is not None:
        found.append(("collaboration_report", "協働取組実態調査の結果", reverse(
            "collaboration:report", args=[campaign.organisation.slug, campaign.fiscal_year])))
    partners = heaviest(Organisation.objects, Partner, "organisation")
    if partners is not None:
        found.append(("partner_directory", "市民活動団体の名簿",
                      reverse("collaboration:partners", args=[partners.slug])))
    projects = heaviest(Organisation.objects, Project, "organisation")
    if projects is not None:
        found.append(("api_projects", "API: 協働事業の一覧",
                      f"/api/v1/organisations/{projects.slug}/collaboration/projects"))
    return found
