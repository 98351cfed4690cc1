"""The fund database in /api/v1/ (read): grants, with the same filters as the public grant
database. Grants are public records; donors are never in the API, nor withdrawn grants (取消)."""

import datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router
from ninja.pagination import paginate
from pydantic import BaseModel

from kyodo.collaboration.vocabularies import FIELD_SHORT, ActivityField
from kyodo.core.api_inputs import Id, Pagination, Rows, SearchText, Year
from kyodo.core.inputs import MAX_AMOUNT
from kyodo.core.models import Organisation

from . import queries

router = Router(tags=["fund"])
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT, description="円")]


# Built from ``values()`` rows (``grant_row``) and checked by pydantic directly: no model objects
# or per-object resolvers for a page of grants. No docstring: it would enter the OpenAPI document.
class FundGrantOut(BaseModel):
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


COLUMNS = ("pk", "organisation__slug", "fund__name", "fiscal_year", "round__number", "category__name",
           "group_name", "partner_id", "partner__verified_at", "title", "field", "area", "amount", "summary",
           "report", "reported_on")


def grant_row(row):
    slug = row["organisation__slug"]
    return {
        "id": row["pk"], "organisation": slug, "fund": row["fund__name"], "fiscal_year": row["fiscal_year"],
        "round": row["round__number"], "category": row["category__name"], "group_name": row["group_name"],
        # Only a partner of the public directory (verified) is named.
        "partner_id": row["partner_id"] if row["partner__verified_at"] else None,
        "title": row["title"], "field": row["field"], "field_label": str(FIELD_SHORT.get(row["field"], row["field"])),
        "area": row["area"], "amount": row["amount"], "summary": row["summary"], "report": row["report"],
        "reported_on": row["reported_on"], "url": reverse("fund:grant", args=[slug, row["pk"]]),
    }


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
    grants = queries.filter_grants(queries.grants(organisation), data)
    if fund:
        grants = grants.filter(fund_id=fund)
    return Rows(grants.order_by("-fiscal_year", "group_name", "pk").values(*COLUMNS), grant_row)


@router.get("/fund/grants/{grant_id}", response=FundGrantOut, summary="市民活動ファンドの助成")
def get_fund_grant(request, grant_id: Id):
    # a withdrawn grant (取消) is no longer data: its page says when and why
    return grant_row(get_object_or_404(queries.standing().values(*COLUMNS), pk=grant_id))
