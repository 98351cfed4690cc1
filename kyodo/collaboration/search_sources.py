"""What the site-wide search indexes of 協働: listed (verified) partners — their name, area
and introduction, never their contact details —, published projects, published survey reports
and the initiatives timeline. Unverified partners, projects before publication, survey answers
and evaluation sheets are never indexed."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import modules

from .models import Initiative, Partner, Project, SurveyCampaign


def _day(value):
    if value is None:
        return None
    return datetime.datetime.combine(value, datetime.time(), tzinfo=timezone.get_current_timezone())


def partner_documents(ids):
    partners = Partner.objects.filter(verified_at__isnull=False).select_related("organisation")
    if ids is not None:
        partners = partners.filter(pk__in=ids)
    for partner in partners:
        yield modules.SearchDocument(
            key=f"collaboration.partner:{partner.pk}", organisation_id=partner.organisation_id,
            module="collaboration", kind=_("市民活動団体"), title=partner.name,
            body="\n".join(filter(None, [partner.name_kana, str(partner.get_partner_type_display()),
                                         partner.area, partner.description])),
            url=reverse("collaboration:partner", args=[partner.organisation.slug, partner.pk]),
            published_at=partner.verified_at)


def project_documents(ids):
    projects = (Project.objects.filter(published_at__isnull=False, withdrawn_at__isnull=True)
                .select_related("organisation", "department"))
    if ids is not None:
        projects = projects.filter(pk__in=ids)
    for project in projects:
        yield modules.SearchDocument(
            key=f"collaboration.project:{project.pk}", organisation_id=project.organisation_id,
            module="collaboration", kind=_("協働事業"), title=project.title,
            body="\n".join(filter(None, [project.purpose, project.content, project.results,
                                         project.department.name])),
            url=reverse("collaboration:project", args=[project.organisation.slug, project.pk]),
            fiscal_year=project.fiscal_year, published_at=project.published_at)


def report_documents(ids):
    campaigns = (SurveyCampaign.objects.filter(status=SurveyCampaign.Status.PUBLISHED)
                 .select_related("organisation"))
    if ids is not None:
        campaigns = campaigns.filter(pk__in=ids)
    for campaign in campaigns:
        yield modules.SearchDocument(
            key=f"collaboration.report:{campaign.pk}", organisation_id=campaign.organisation_id,
            module="collaboration", kind=_("協働取組実態調査"),
            title=str(campaign.display_title),
            body=_("協働事業の件数、分野、相手方、形態などの集計結果"),
            url=reverse("collaboration:report", args=[campaign.organisation.slug, campaign.fiscal_year]),
            fiscal_year=campaign.fiscal_year, published_at=campaign.published_at)


def initiative_documents(ids):
    initiatives = Initiative.objects.select_related("organisation")
    if ids is not None:
        initiatives = initiatives.filter(pk__in=ids)
    for initiative in initiatives:
        yield modules.SearchDocument(
            key=f"collaboration.initiative:{initiative.pk}",
            organisation_id=initiative.organisation_id, module="collaboration",
            kind=_("協働の取組"), title=initiative.title,
            body="\n".join(filter(None, [initiative.description, initiative.department_name,
                                         str(initiative.get_kind_display())])),
            url=reverse("collaboration:initiatives", args=[initiative.organisation.slug]),
            fiscal_year=initiative.fiscal_year, published_at=_day(initiative.date))


# Registered when the app's ready() imports this module.
modules.register_search(modules.SearchSource(
    name="collaboration.partner", model=Partner, documents=partner_documents))
modules.register_search(modules.SearchSource(
    name="collaboration.project", model=Project, documents=project_documents))
modules.register_search(modules.SearchSource(
    name="collaboration.report", model=SurveyCampaign, documents=report_documents))
modules.register_search(modules.SearchSource(
    name="collaboration.initiative", model=Initiative, documents=initiative_documents))
