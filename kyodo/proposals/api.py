"""協働事業提案制度 in /api/v1/ (public data only).

    /organisations/{slug}/proposals/calls      public calls (募集中・審査中・結果公表), newest first
    /proposals/calls/{call_id}                 one public call: themes/courses, documents, phases, rubric
    /proposals/calls/{call_id}/results         its published results: adopted and rejected proposals
                                               with totals per criterion and the decision's reason
                                               (and when and why they were withdrawn, if they were)

Never: calls in preparation, proposals before publication, proposers' contact details, who
scored what (unless the call publishes reviewers' names against scores), or recusals.
"""

import datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Id, Pagination
from kyodo.core.corrections import Correction, corrections_of
from kyodo.core.models import Organisation

from . import queries
from .models import Call

router = Router(tags=["proposals"])


class ProposalThemeOut(Schema):
    number: int
    title: str
    description: str
    department: str | None
    budget_cap: int


class ProposalPhaseOut(Schema):
    kind: str
    label: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    starts_at: datetime.datetime | None
    place: str


class ProposalCriterionOut(Schema):
    number: int
    title: str
    description: str
    weight: int
    stage: str


class ProposalDocumentOut(Schema):
    number: int
    title: str
    required: bool
    form_url: str | None


class ProposalCallOut(Schema):
    id: int
    organisation: str
    fiscal_year: int
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    url: str
    results_url: str | None


class ProposalCallDetailOut(ProposalCallOut):
    summary: str
    eligibility: str
    min_members: int
    excluded_purposes: list[str]
    pass_mark: int
    criterion_floor: Decimal
    report_due: datetime.date | None
    themes: list[ProposalThemeOut]
    documents: list[ProposalDocumentOut]
    phases: list[ProposalPhaseOut]
    criteria: list[ProposalCriterionOut]


class ProposalCriterionScoreOut(Schema):
    criterion: str
    weight: int
    mean: Decimal | None
    by_reviewer: dict[str, int | None] | None


class ProposalResultOut(Schema):
    title: str
    group: str
    theme: str
    amount: int
    status: str
    total: Decimal | None
    rank: int | None
    reason: str
    scores: list[ProposalCriterionScoreOut]
    project_url: str | None


class ProposalResultsOut(Schema):
    call: ProposalCallOut
    review_comment: str
    published_at: datetime.datetime
    withdrawn_at: datetime.datetime | None
    withdrawal_reason: str | None
    adopted: list[ProposalResultOut]
    rejected: list[ProposalResultOut]


def _call(call):
    slug = call.organisation.slug
    from django.urls import reverse

    return {
        "id": call.pk, "organisation": call.organisation.name, "fiscal_year": call.fiscal_year,
        "kind": call.kind, "kind_label": str(call.get_kind_display()), "title": call.title,
        "status": call.status, "status_label": str(call.get_status_display()),
        "opens_at": call.opens_at, "closes_at": call.closes_at,
        "url": reverse("proposals:call", args=[slug, call.pk]),
        "results_url": reverse("proposals:results", args=[slug, call.pk]) if call.results_published else None,
    }


def _public_call(call_id):
    call = get_object_or_404(Call.objects.select_related("organisation"), pk=call_id)
    if not call.is_public:
        raise Http404
    return call


@router.get("/organisations/{slug}/proposals/calls", response=list[ProposalCallOut],
            summary="提案募集の一覧")
@paginate(Pagination, page_size=50)
def list_calls(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return [_call(c) for c in queries.public_calls(organisation)]


@router.get("/proposals/calls/{call_id}", response=ProposalCallDetailOut, summary="提案募集")
def get_call(request, call_id: Id):
    from django.urls import reverse

    call = queries.call_detail(_public_call(call_id).organisation, call_id)
    slug = call.organisation.slug
    return {
        **_call(call), "summary": call.summary, "eligibility": call.eligibility,
        "min_members": call.min_members,
        "excluded_purposes": [str(label) for label in call.excluded_purpose_labels()],
        "pass_mark": call.pass_mark, "criterion_floor": call.criterion_floor,
        "report_due": call.report_due,
        "themes": [{"number": t.number, "title": t.title, "description": t.description,
                    "department": t.department.name if t.department else None,
                    "budget_cap": t.budget_cap} for t in call.themes.all()],
        "documents": [{"number": d.number, "title": d.title, "required": d.required,
                       "form_url": reverse("proposals:document", args=[slug, call.pk, d.pk])
                       if d.form_file else None} for d in call.documents.all()],
        "phases": [{"kind": p.kind, "label": str(p.get_kind_display()), "starts_on": p.starts_on,
                    "ends_on": p.ends_on, "starts_at": p.starts_at, "place": p.place}
                   for p in call.phases.all()],
        "criteria": [{"number": c.number, "title": c.title, "description": c.description,
                      "weight": c.weight, "stage": c.stage} for c in call.criteria.all()],
    }


def _result(call, result):
    proposal = result.proposal
    named = call.show_reviewer_names
    return {
        "title": proposal.title, "group": proposal.group_name, "theme": proposal.theme.title,
        "amount": proposal.amount, "status": proposal.status, "total": result.total,
        "rank": result.rank, "reason": proposal.decision_reason,
        "project_url": proposal.project.get_absolute_url()
        if proposal.project_id and proposal.project.is_public else None,
        "scores": [{"criterion": c.title, "weight": c.weight, "mean": mean,
                    "by_reviewer": {m.name: v for m, v in values} if named else None}
                   for c, mean, values in result.lines],
    }


@router.get("/proposals/calls/{call_id}/results", response=ProposalResultsOut,
            summary="提案募集の審査結果")
def get_results(request, call_id: Id):
    call = _public_call(call_id)
    if not call.results_published:
        raise Http404
    data = queries.published_results(call)
    withdrawal = next((c for c in reversed(corrections_of([call]).get(call.pk, []))
                       if c.kind == Correction.Kind.WITHDRAWN), None) if call.results_withdrawn_at else None
    return {
        "call": _call(call), "review_comment": call.review_comment, "published_at": call.published_at,
        "withdrawn_at": call.results_withdrawn_at, "withdrawal_reason": withdrawal and withdrawal.reason,
        "adopted": [_result(call, r) for r in data["adopted"]],
        "rejected": [_result(call, r) for r in data["rejected"]],
    }
