"""意見公募 in /api/v1/ (read): the organisation's announced calls and a call's published results
— opinion items with the administration's view, counts by channel and commenter type. Never a
commenter's name, address or contact; individual comments only where the call publishes them,
as their masked public text."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Id, Pagination
from kyodo.core.models import Organisation

from . import queries
from .models import Call

router = Router(tags=["publiccomment"])


class PublicCommentCallOut(Schema):
    id: int
    title: str
    department: str
    summary: str
    phase: str
    phase_label: str
    opens_on: datetime.date
    closes_on: datetime.date
    period_days: int
    short_period_reason: str
    eligible: list[str]
    url: str
    results_url: str | None


class PublicCommentCountOut(Schema):
    key: str
    label: str
    count: int


class PublicCommentOpinionOut(Schema):
    number: int
    section: str | None
    summary: str
    response: str
    modified: bool
    modification: str
    comments: int


class PublicCommentCommentOut(Schema):
    receipt_number: str
    commenter_type: str
    section: str | None
    body: str
    masked: bool

    @staticmethod
    def resolve_commenter_type(obj):
        return str(obj.get_commenter_type_display())

    @staticmethod
    def resolve_section(obj):
        return f"{obj.section.number}. {obj.section.heading}" if obj.section_id else None


class PublicCommentResultsOut(Schema):
    call: PublicCommentCallOut
    results_published_at: datetime.datetime | None
    results_summary: str
    total_comments: int
    by_channel: list[PublicCommentCountOut]
    by_commenter_type: list[PublicCommentCountOut]
    opinions: list[PublicCommentOpinionOut]
    comments_published: bool


def _call_out(call):
    published = call.status == Call.Status.PUBLISHED
    return {"id": call.pk, "title": call.title, "department": call.department.name, "summary": call.summary,
            "phase": call.current_phase, "phase_label": str(call.phase_label), "opens_on": call.opens_on,
            "closes_on": call.closes_on, "period_days": call.period_days,
            "short_period_reason": call.short_period_reason, "eligible": [str(x) for x in call.eligible_labels],
            "url": call.get_absolute_url(),
            "results_url": call.get_absolute_url() + "results/" if published else None}


@router.get("/organisations/{slug}/publiccomment/calls", response=list[PublicCommentCallOut],
            summary="意見公募の一覧(公示したもの)")
@paginate(Pagination, page_size=100)
def list_calls(request, slug: str, open_only: bool = False):
    organisation = get_object_or_404(Organisation, slug=slug)
    calls = queries.public_calls(organisation)
    found = [_call_out(c) for c in calls]
    return [c for c in found if c["phase"] == Call.Phase.OPEN] if open_only else found


@router.get("/publiccomment/calls/{call_id}/results", response=PublicCommentResultsOut,
            summary="意見公募の結果(意見の概要と市の考え方)", url_name="publiccomment_results")
def get_results(request, call_id: Id):
    call = get_object_or_404(Call.objects.select_related("organisation", "department"), pk=call_id,
                             status=Call.Status.PUBLISHED)
    data = queries.results(call)
    return {"call": _call_out(call), "results_published_at": call.results_published_at,
            "results_summary": call.results_summary, "total_comments": data["counts"]["total"],
            "by_channel": [{**row, "label": str(row["label"])} for row in data["counts"]["by_channel"]],
            "by_commenter_type": [{**row, "label": str(row["label"])} for row in data["counts"]["by_type"]],
            "opinions": [{"number": i.number, "section": str(i.section) if i.section_id else None,
                          "summary": i.summary, "response": i.response, "modified": i.modified,
                          "modification": i.modification, "comments": i.n_comments} for i in data["items"]],
            "comments_published": call.publish_comments}


@router.get("/publiccomment/calls/{call_id}/comments", response=list[PublicCommentCommentOut],
            summary="意見公募に提出された意見(公表するものだけ、氏名等なし)")
@paginate(Pagination, page_size=100)
def list_comments(request, call_id: Id):
    call = get_object_or_404(Call, pk=call_id, status=Call.Status.PUBLISHED, publish_comments=True)
    return queries.published_comments(call)
