"""The fund database in /api/v1/ (read): grants, with the same filters as the public grant
database. Grants are public records; donors are never in the API."""

import datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kyodo.collaboration.vocabularies import FIELD_SHORT, ActivityField
from kyodo.core.api_inputs import Id, Pagination, SearchText, Year
from kyodo.core.inputs import MAX_AMOUNT
from kyodo.core.models import Organisation

from . import queries
from .models import Grant

router = Router(tags=["fund"])
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT, description="円")]


class FundGrantOut(Schema):
    id: int
    organisation: str
    fund: str
    fiscal_year: int
    round: int
    category: str | None
    group_name: str
    partner_id: int | None
    title: str
    field: str
    field_label: str
    area: str
    amount: int
    summary: str
    report: str
    reported_on: datetime.date | None
    url: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug

    @staticmethod
    def resolve_fund(obj):
        return obj.fund.name

    @staticmethod
    def resolve_round(obj):
        return obj.round.number

    @staticmethod
    def resolve_category(obj):
        return obj.category.name if obj.category_id else None

    @staticmethod
    def resolve_partner_id(obj):
        # Only a partner of the public directory (verified) is named.
        return obj.partner_id if obj.partner_id and obj.partner.verified_at else None

    @staticmethod
    def resolve_field_label(obj):
        return str(FIELD_SHORT.get(obj.field, obj.field))

    @staticmethod
    def resolve_url(obj):
        return reverse("fund:grant", args=[obj.organisation.slug, obj.pk])


def _grants():
    return Grant.objects.select_related("organisation", "fund", "round", "category", "partner")


@router.get("/organisations/{slug}/fund/grants", response=list[FundGrantOut],
            summary="市民活動ファンドの助成一覧")
@paginate(Pagination, page_size=50)
def list_fund_grants(request, slug: str, year: Year | None = None, field: SearchText = "",
                     area: SearchText = "", amount_min: Amount | None = None,
                     amount_max: Amount | None = None, q: SearchText = "", fund: Id | None = None):
    organisation = get_object_or_404(Organisation, slug=slug)
    if field and field not in ActivityField.values:
        field = "__none__"
    data = {"year": year, "field": field, "area": area, "q": q,
            "amount_min": amount_min, "amount_max": amount_max}
    grants = queries.filter_grants(_grants().filter(organisation=organisation), data)
    if fund:
        grants = grants.filter(fund_id=fund)
    return grants.order_by("-fiscal_year", "group_name", "pk")


@router.get("/fund/grants/{grant_id}", response=FundGrantOut, summary="市民活動ファンドの助成")
def get_fund_grant(request, grant_id: Id):
    return get_object_or_404(_grants(), pk=grant_id)
