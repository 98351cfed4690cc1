"""The module's part of /api/v1/ (public data only).

    /collaboration/{slug}/partners          listed partners; contact only where made public
    /collaboration/{slug}/projects          published projects (filters: fiscal_year, form, field)
    /collaboration/{slug}/surveys           published survey reports (tallies by form, field…)
    /collaboration/{slug}/surveys/{year}
    /collaboration/{slug}/evaluations       published evaluations with both sides' ratings

Never: unverified partners, private contact fields, unpublished projects, sheets of an
evaluation that is not published, or who filled them in.

The lists are built from ``values()`` rows, one narrow query per page and one per related list
(forms, fields, partners, ratings), straight into the output schemas' dictionaries: no model
objects for a page of 100 projects (issue 19).
"""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import BaseModel

from kyodo.core.api_inputs import Pagination, SearchText, Year, moved
from kyodo.core.models import Organisation

from . import exports, queries
from .models import Evaluation, EvaluationCriterion, SheetRating, Side

router = Router(tags=["collaboration"])


class RowOut(BaseModel):
    """The output of a list built from rows: pydantic checks the dictionaries directly, without
    ninja's attribute resolution per object (a tenth of the time for 100 projects); the OpenAPI
    document is the same as for a ``Schema``."""


class ContactOut(RowOut):
    label: str
    value: str


class PartnerOut(RowOut):
    id: int
    name: str
    name_kana: str
    partner_type: str
    partner_type_label: str
    area: str
    description: str
    website: str
    founded_year: int | None
    fields: list[str]
    public_contact: list[ContactOut]
    url: str


class ProjectPartnerOut(RowOut):
    name: str
    partner_type: str
    role: str
    partner_id: int | None


class ProjectOut(RowOut):
    id: int
    fiscal_year: int
    department: str
    title: str
    purpose: str
    content: str
    results: str
    budget: int | None
    start_date: str | None
    end_date: str | None
    forms: list[str]
    form_labels: list[str]
    fields: list[str]
    partners: list[ProjectPartnerOut]
    continued_from_id: int | None
    url: str


class RatingOut(RowOut):
    criterion: str
    administration: int | None
    partner: int | None
    administration_comment: str
    partner_comment: str


class CollaborationEvaluationOut(RowOut):
    id: int
    project_id: int
    project_title: str
    fiscal_year: int
    department: str
    partner: str
    stage: str
    score: float | None
    joint_comment: str
    ratings: list[RatingOut]
    published_at: str | None


def _organisation(slug):
    return get_object_or_404(Organisation, slug=slug)


class _Rows:
    """A list for the paginator: counted by a query, and only the page it slices is read — its
    ids first (a narrow sort), then ``build(ids)`` reads those rows' columns with ``values()``
    and returns the output schema's dictionaries in the same order."""

    def __init__(self, queryset, build):
        self.queryset, self.build = queryset, build

    def all(self):
        return self

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        return self.build(list(self.queryset.values_list("pk", flat=True)[window]))


@router.get("/organisations/{slug}/collaboration/partners", response=list[PartnerOut],
            summary="市民活動団体の名簿(公開項目のみ)")
@paginate(Pagination, page_size=100)
def list_partners(request, slug: str, q: SearchText = "", partner_type: SearchText = "",
                  field: SearchText = "", area: SearchText = ""):
    partners = queries.filter_partners(queries.listed_partners(_organisation(slug)), {
        "q": q, "partner_type": partner_type, "field": field, "area": area})
    return _Rows(partners.prefetch_related(None), lambda ids: queries.partner_rows(slug, ids))


@router.get("/organisations/{slug}/collaboration/projects", response=list[ProjectOut],
            summary="公表された協働事業")
@paginate(Pagination, page_size=100)
def list_projects(request, slug: str, fiscal_year: Year | None = None, form: SearchText = "",
                  field: SearchText = ""):
    projects = queries.filter_projects(queries.projects(_organisation(slug)), {
        "fiscal_year": fiscal_year, "form": form, "field": field})
    return _Rows(projects.prefetch_related(None), lambda ids: queries.project_rows(slug, ids))


class CollaborationSurveyOut(Schema):
    fiscal_year: int
    totals: dict
    published_at: str | None
    url: str


@router.get("/organisations/{slug}/collaboration/surveys", response=list[CollaborationSurveyOut],
            summary="公表された協働取組実態調査の結果(年度の一覧)")
@paginate(Pagination, page_size=100)
def list_surveys(request, slug: str):
    # only the totals of each stored report, taken out of its JSON by the database
    return [{"fiscal_year": c["fiscal_year"], "totals": c["report__totals"] or {},
             "published_at": queries.iso(c["published_at"]),
             "url": f"/api/v1/organisations/{slug}/collaboration/surveys/{c['fiscal_year']}"}
            for c in queries.published_campaigns(_organisation(slug))
            .values("fiscal_year", "published_at", "report__totals")]


@router.get("/organisations/{slug}/collaboration/surveys/{year}", summary="協働取組実態調査の集計結果")
def get_survey(request, slug: str, year: Year):
    campaign, previous = queries.report_pair(_organisation(slug), year)
    if campaign is None:
        from django.http import Http404

        raise Http404
    return exports.report_json(campaign, previous)


EVALUATION_COLUMNS = ("id", "project_id", "project__title", "project__fiscal_year",
                      "project__department__name", "partner__name", "stage", "score",
                      "joint_comment", "published_at", "template_id")


def _evaluation_rows(ids):
    """Each evaluation's criteria of its stage, in the template's order, with both sides'
    scores and comments."""
    rows = queries.in_order(Evaluation.objects, ids, EVALUATION_COLUMNS)
    criteria = queries.grouped(
        ((c["template_id"], c["stage"]), c) for c in EvaluationCriterion.objects.filter(
            template_id__in={r["template_id"] for r in rows})
        .order_by("template_id", "stage", "number").values("id", "template_id", "stage", "title"))
    ratings = {
        (r["sheet__evaluation_id"], r["sheet__side"], r["criterion_id"]): r
        for r in SheetRating.objects.filter(sheet__evaluation_id__in=ids)
        .values("sheet__evaluation_id", "sheet__side", "criterion_id", "score", "comment")}
    empty = {"score": None, "comment": ""}
    result = []
    for row in rows:
        sides = [(criterion["title"], *(ratings.get((row["id"], side, criterion["id"]), empty)
                                        for side in (Side.ADMINISTRATION, Side.PARTNER)))
                 for criterion in criteria[(row["template_id"], row["stage"])]]
        result.append({
            "id": row["id"], "project_id": row["project_id"],
            "project_title": row["project__title"], "fiscal_year": row["project__fiscal_year"],
            "department": row["project__department__name"], "partner": row["partner__name"],
            "stage": row["stage"], "joint_comment": row["joint_comment"],
            "score": float(row["score"]) if row["score"] is not None else None,
            "published_at": queries.iso(row["published_at"]),
            "ratings": [{"criterion": title, "administration": a["score"], "partner": p["score"],
                         "administration_comment": a["comment"], "partner_comment": p["comment"]}
                        for title, a, p in sides],
        })
    return result


@router.get("/organisations/{slug}/collaboration/evaluations", response=list[CollaborationEvaluationOut],
            summary="公表された協働評価(双方の評価)")
@paginate(Pagination, page_size=50)
def list_evaluations(request, slug: str):
    evaluations = queries.evaluations(_organisation(slug), statuses=[Evaluation.Status.PUBLISHED])
    return _Rows(evaluations, _evaluation_rows)



# The paths before issue 18 §6: permanent redirects for a release (docs/portal.md).
for _old in ("partners", "projects", "surveys", "surveys/{year}", "evaluations"):
    moved(router, f"/collaboration/{{slug}}/{_old}", f"/organisations/{{slug}}/collaboration/{_old}")
