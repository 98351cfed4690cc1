"""Bulk builders for list-page and report tests at several sizes."""

from kyodo.collaboration.models import (
    Partner, PartnerField, Project, ProjectField, ProjectForm, ProjectPartner,
)
from kyodo.core import db


def bulk_projects(campaign, departments, count, *, published_at=None, prefix="事業",
                  analyze=True):
    """``count`` projects in ``campaign``; ``analyze=False`` leaves the planner's statistics
    as they were (as a bulk load that forgot them would)."""
    projects = Project.objects.bulk_create([
        Project(organisation=campaign.organisation, campaign=campaign,
                department=departments[i % len(departments)], fiscal_year=campaign.fiscal_year,
                title=f"{prefix}{i}", budget=100_000 + i, published_at=published_at)
        for i in range(count)])
    ProjectForm.objects.bulk_create(
        [ProjectForm(project=p, form=("commission", "co_hosting")[i % 2]) for i, p in enumerate(projects)])
    ProjectField.objects.bulk_create([ProjectField(project=p, field="community") for p in projects])
    ProjectPartner.objects.bulk_create([
        ProjectPartner(project=p, name="テスト団体", partner_type=("npo", "company")[i % 3 == 0])
        for i, p in enumerate(projects)])
    if analyze:
        db.analyze(Project, ProjectForm, ProjectField, ProjectPartner)
    return projects


def bulk_partners(organisation, count, *, verified_at):
    partners = Partner.objects.bulk_create([
        Partner(organisation=organisation, name=f"団体{i}", partner_type="voluntary",
                verified_at=verified_at, email=f"private{i}@example.org") for i in range(count)])
    PartnerField.objects.bulk_create([PartnerField(partner=p, field="community") for p in partners])
    db.analyze(Partner, PartnerField)
    return partners
