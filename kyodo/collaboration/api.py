"""The module's part of /api/v1/ (public data only).

    /collaboration/{slug}/partners          listed partners; contact only where made public
    /collaboration/{slug}/projects          published projects (filters: fiscal_year, form, field)
    /collaboration/{slug}/surveys           published survey reports (tallies by form, field…)
    /collaboration/{slug}/surveys/{year}
    /collaboration/{slug}/evaluations       published evaluations with both sides' ratings

Never: unverified partners, private contact fields, unpublished projects, sheets of an
evaluation that is not published, or who filled them in.
"""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Pagination, SearchText, Year, moved
from kyodo.core.models import Organisation

from . import exports, queries
from .models import Evaluation, EvaluationSheet, Side
from .vocabularies import CollaborationForm

router = Router(tags=["collaboration"])


class ContactOut(Schema):
    label: str
    value: str


class PartnerOut(Schema):
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

    @staticmethod
    def resolve_partner_type_label(obj):
        return str(obj.get_partner_type_display())

    @staticmethod
    def resolve_fields(obj):
        return [f.field for f in obj.fields.all()]

    @staticmethod
    def resolve_public_contact(obj):
        return [{"label": str(label), "value": value} for label, value in obj.public_contact]

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class ProjectPartnerOut(Schema):
    name: str
    partner_type: str
    role: str
    partner_id: int | None


class ProjectOut(Schema):
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

    @staticmethod
    def resolve_department(obj):
        return obj.department.name

    @staticmethod
    def resolve_start_date(obj):
        return obj.start_date.isoformat() if obj.start_date else None

    @staticmethod
    def resolve_end_date(obj):
        return obj.end_date.isoformat() if obj.end_date else None

    @staticmethod
    def resolve_forms(obj):
        return [f.form for f in obj.forms.all()]

    @staticmethod
    def resolve_form_labels(obj):
        return [str(CollaborationForm(f.form).label) for f in obj.forms.all()]

    @staticmethod
    def resolve_fields(obj):
        return [f.field for f in obj.fields.all()]

    @staticmethod
    def resolve_partners(obj):
        return [{"name": p.name, "partner_type": p.partner_type, "role": p.role,
                 "partner_id": p.partner_id if p.partner and p.partner.is_listed else None}
                for p in obj.partners.all()]

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class RatingOut(Schema):
    criterion: str
    administration: int | None
    partner: int | None
    administration_comment: str
    partner_comment: str


class CollaborationEvaluationOut(Schema):
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

    @staticmethod
    def resolve_project_title(obj):
        return obj.project.title

    @staticmethod
    def resolve_fiscal_year(obj):
        return obj.project.fiscal_year

    @staticmethod
    def resolve_department(obj):
        return obj.project.department.name

    @staticmethod
    def resolve_partner(obj):
        return obj.partner.name

    @staticmethod
    def resolve_score(obj):
        return float(obj.score) if obj.score is not None else None

    @staticmethod
    def resolve_published_at(obj):
        return obj.published_at.isoformat() if obj.published_at else None

    @staticmethod
    def resolve_ratings(obj):
        sheets = {s.side: {r.criterion_id: r for r in s.ratings.all()} for s in obj.sheets.all()}
        rows = []
        for criterion in obj.template.criteria.all():
            if criterion.stage != obj.stage:
                continue
            a = sheets.get(Side.ADMINISTRATION, {}).get(criterion.pk)
            p = sheets.get(Side.PARTNER, {}).get(criterion.pk)
            rows.append({"criterion": criterion.title,
                         "administration": a.score if a else None,
                         "partner": p.score if p else None,
                         "administration_comment": a.comment if a else "",
                         "partner_comment": p.comment if p else ""})
        return rows


def _organisation(slug):
    return get_object_or_404(Organisation, slug=slug)


@router.get("/organisations/{slug}/collaboration/partners", response=list[PartnerOut],
            summary="市民活動団体の名簿(公開項目のみ)")
@paginate(Pagination, page_size=100)
def list_partners(request, slug: str, q: SearchText = "", partner_type: SearchText = "",
                  field: SearchText = "", area: SearchText = ""):
    return queries.filter_partners(queries.listed_partners(_organisation(slug)), {
        "q": q, "partner_type": partner_type, "field": field, "area": area})


@router.get("/organisations/{slug}/collaboration/projects", response=list[ProjectOut],
            summary="公表された協働事業")
@paginate(Pagination, page_size=100)
def list_projects(request, slug: str, fiscal_year: Year | None = None, form: SearchText = "",
                  field: SearchText = ""):
    return queries.filter_projects(queries.projects(_organisation(slug)), {
        "fiscal_year": fiscal_year, "form": form, "field": field})


class CollaborationSurveyOut(Schema):
    fiscal_year: int
    totals: dict
    published_at: str | None
    url: str


@router.get("/organisations/{slug}/collaboration/surveys", response=list[CollaborationSurveyOut],
            summary="公表された協働取組実態調査の結果(年度の一覧)")
@paginate(Pagination, page_size=100)
def list_surveys(request, slug: str):
    return [{"fiscal_year": c.fiscal_year, "totals": (c.report or {}).get("totals", {}),
             "published_at": c.published_at.isoformat() if c.published_at else None,
             "url": f"/api/v1/organisations/{slug}/collaboration/surveys/{c.fiscal_year}"}
            for c in queries.published_campaigns(_organisation(slug))]


@router.get("/organisations/{slug}/collaboration/surveys/{year}", summary="協働取組実態調査の集計結果")
def get_survey(request, slug: str, year: Year):
    campaign, previous = queries.report_pair(_organisation(slug), year)
    if campaign is None:
        from django.http import Http404

        raise Http404
    return exports.report_json(campaign, previous)


@router.get("/organisations/{slug}/collaboration/evaluations", response=list[CollaborationEvaluationOut],
            summary="公表された協働評価(双方の評価)")
@paginate(Pagination, page_size=50)
def list_evaluations(request, slug: str):
    from django.db.models import Prefetch

    return (queries.evaluations(_organisation(slug), statuses=[Evaluation.Status.PUBLISHED])
            .select_related("template")
            .prefetch_related("template__criteria", Prefetch(
                "sheets", queryset=EvaluationSheet.objects.prefetch_related("ratings"))))



# The paths before issue 18 §6: permanent redirects for a release (docs/portal.md).
for _old in ("partners", "projects", "surveys", "surveys/{year}", "evaluations"):
    moved(router, f"/collaboration/{{slug}}/{_old}", f"/organisations/{{slug}}/collaboration/{_old}")
