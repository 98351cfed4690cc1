"""Collaboration's key pages for scripts/bench (docs/benchmarks.md), at their heaviest instance:
the published survey year with the most projects, the organisation with the most partners, and
the one with the most projects (through the API)."""

from django.urls import reverse

from kyodo.core.bench import busiest
from kyodo.core.models import Organisation

from .models import Partner, Project, SurveyCampaign


def targets():
    found = []
    campaign_id = busiest(Project, "campaign", campaign__status=SurveyCampaign.Status.PUBLISHED)
    if campaign_id is not None:
        campaign = SurveyCampaign.objects.select_related("organisation").get(pk=campaign_id)
        found.append(("collaboration_report", "協働取組実態調査の結果", reverse(
            "collaboration:report", args=[campaign.organisation.slug, campaign.fiscal_year])))
    partner_org = busiest(Partner, "organisation")
    if partner_org is not None:
        slug = Organisation.objects.get(pk=partner_org).slug
        found.append(("partner_directory", "市民活動団体の名簿",
                      reverse("collaboration:partners", args=[slug])))
    project_org = busiest(Project, "organisation")
    if project_org is not None:
        slug = Organisation.objects.get(pk=project_org).slug
        found.append(("api_projects", "API: 協働事業の一覧",
                      f"/api/v1/organisations/{slug}/collaboration/projects"))
    return found
