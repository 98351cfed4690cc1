"""市民会議 in /api/v1/: councils, members (public fields), meetings with approved minutes,
recommendations with their status, and published evaluation results. Applicants,
reservations and members' contacts never appear."""

from datetime import date, datetime

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kyodo.core.api_inputs import Id, moved, Pagination, Rows
from kyodo.core.corrections import Correction, corrections_of
from kyodo.core.models import Organisation

from . import queries
from .models import Council, EvaluationRound, Material, Meeting, Recommendation

router = Router(tags=["councils"])


class MemberOut(Schema):
    name: str
    category: str
    category_label: str
    position: str
    position_label: str
    term_start: date
    term_end: date
    affiliation: str


class BudgetOut(Schema):
    fiscal_year: int
    kind: str
    kind_label: str
    amount: int


class CouncilOut(Schema):
    id: int
    name: str
    purpose: str
    secretariat: str
    established_on: date
    term_start: date
    term_end: date
    themes: list[str]
    quota: dict
    url: str


class CouncilDetailOut(CouncilOut):
    members: list[MemberOut]
    budget: list[BudgetOut]


class MaterialOut(Schema):
    title: str
    kind: str
    size: int
    url: str


class MeetingOut(Schema):
    id: int
    number: int
    starts_at: datetime
    venue: str
    agenda: str
    is_open: bool
    closed_reason: str
    observer_seats: int
    observers: int | None
    attendance: int
    minutes_kind: str | None
    minutes: str | None
    minutes_approved_on: date | None
    materials: list[MaterialOut]


class RecommendationOut(Schema):
    id: int
    council: str
    report: str
    submitted_on: date
    number: int
    title: str
    body: str
    theme: str | None
    items: list[str]
    response: str
    status: str
    status_label: str
    reason: str


class CriterionResultOut(Schema):
    criterion: str
    distribution: dict
    count: int
    median: float | None
    comments: list[str]


class ItemResultOut(Schema):
    item_code: str
    item_title: str = Field(description="公表時の取組項目名")
    current_item_title: str | None = Field(
        description="公表後に名称が変わった取組項目の現在の名称(変わっていなければ null)")
    criteria: list[CriterionResultOut]
    evaluation: str
    response: str


class CouncilEvaluationOut(Schema):
    id: int
    council: str
    title: str
    fiscal_year: int
    scale: list[str]
    members_submitted: int
    withdrawn_at: datetime | None = Field(
        description="取り下げた日時(取り下げた評価は、市民会議の評価としては扱いません)")
    withdrawal_reason: str | None = Field(description="取下げの理由(公開ページと同じ)")
    items: list[ItemResultOut]


def _council(council, slug):
    return {
        "id": council.pk, "name": council.name, "purpose": council.purpose,
        "secretariat": council.secretariat.name, "established_on": council.established_on,
        "term_start": council.term_start, "term_end": council.term_end,
        "themes": council.theme_list,
        "quota": {"public": council.quota_public, "nominated": council.quota_nominated,
                  "expert": council.quota_expert},
        "url": f"/org/{slug}/councils/{council.pk}/",
    }


@router.get("/organisations/{slug}/councils", response=list[CouncilOut], summary="団体の市民会議")
@paginate(Pagination, page_size=100)
def list_councils(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    return Rows(queries.councils_of(organisation), lambda c: _council(c, slug))


@router.get("/councils/{council_id}", response=CouncilDetailOut, summary="市民会議(委員・運営費)")
def get_council(request, council_id: Id):
    council = get_object_or_404(Council.objects.select_related("organisation", "secretariat")
                                .prefetch_related("members", "budgets"), pk=council_id)
    return {
        **_council(council, council.organisation.slug),
        "members": [{
            "name": m.name, "category": m.category, "category_label": str(m.get_category_display()),
            "position": m.position, "position_label": str(m.get_position_display()),
            "term_start": m.term_start, "term_end": m.term_end, "affiliation": m.affiliation,
        } for m in council.members.all()],
        "budget": [{"fiscal_year": b.fiscal_year, "kind": b.kind, "kind_label": str(b.get_kind_display()),
                    "amount": b.amount} for b in council.budgets.all()],
    }


@router.get("/councils/{council_id}/meetings", response=list[MeetingOut],
            summary="会議(承認済みの会議録・資料つき)")
@paginate(Pagination, page_size=100)
def list_meetings(request, council_id: Id):
    council = get_object_or_404(Council.objects.select_related("organisation"), pk=council_id)
    slug = council.organisation.slug
    materials = Material.objects.only("meeting_id", "title", "kind", "size", "withdrawn_at")
    meetings = Meeting.objects.filter(council=council).annotate(attendance=Count("attendees")) \
        .prefetch_related(Prefetch("materials", queryset=materials))
    return Rows(meetings, lambda m: {
        "id": m.pk, "number": m.number, "starts_at": m.starts_at, "venue": m.venue,
        "agenda": m.agenda, "is_open": m.is_open, "closed_reason": m.closed_reason,
        "observer_seats": m.observer_seats, "observers": m.observers, "attendance": m.attendance,
        "minutes_kind": m.minutes_kind if m.minutes_published else None,
        # While approved minutes are being corrected, the text approved before (as on the page).
        "minutes": m.minutes if m.minutes_published else (m.approved_minutes or None),
        "minutes_approved_on": m.minutes_approved_on if m.minutes_published else None,
        "materials": [{"title": x.title, "kind": x.kind, "size": x.size,
                       "url": f"/org/{slug}/councils/materials/{x.pk}/"}
                      for x in m.materials.all() if not x.withdrawn_at],  # the meeting page tells why
    })


@router.get("/organisations/{slug}/councils/recommendations", response=list[RecommendationOut],
            summary="提言と反映状況")
@paginate(Pagination, page_size=100)
def list_recommendations(request, slug: str, status: Recommendation.Status | None = None):
    organisation = get_object_or_404(Organisation, slug=slug)
    return Rows(queries.tracking_table(organisation, status=status), lambda r: {
        "id": r.pk, "council": r.report.council.name, "report": r.report.title,
        "submitted_on": r.report.submitted_on, "number": r.number, "title": r.title, "body": r.body,
        "theme": r.theme.title if r.theme else None,
        "items": [f"{i.code} {i.title}" for i in r.items.all()], "response": r.response,
        "status": r.status, "status_label": str(r.get_status_display()), "reason": r.reason,
    })


def _withdrawal_reason(round_):
    if round_.withdrawn_at is None:
        return None
    return next((c.reason for c in reversed(corrections_of([round_]).get(round_.pk, []))
                 if c.kind != Correction.Kind.CORRECTED), None)


@router.get("/councils/evaluations/{round_id}", response=CouncilEvaluationOut, summary="実施状況の評価の結果(公表済み)")
def get_evaluation(request, round_id: Id):
    round_ = get_object_or_404(EvaluationRound.objects.select_related("council"), pk=round_id,
                               status=EvaluationRound.Status.PUBLISHED)
    results, submitted = queries.round_results(round_)
    return {
        "id": round_.pk, "council": round_.council.name, "title": round_.title,
        "fiscal_year": round_.fiscal_year, "scale": [label for _score, label in round_.scale()],
        "members_submitted": submitted,
        "withdrawn_at": round_.withdrawn_at,
        "withdrawal_reason": _withdrawal_reason(round_),
        "items": [{
            "item_code": r.code, "item_title": r.title, "current_item_title": r.item.title if r.current_name else None,
            "criteria": [{"criterion": c.criterion.text,
                          "distribution": {str(score): n for score, _label, n in c.distribution},
                          "count": c.count, "median": c.median, "comments": c.comments}
                         for c in r.criteria],
            "evaluation": r.verdict.evaluation if r.verdict else "",
            "response": r.verdict.response if r.verdict else "",
        } for r in results],
    }


# The paths before issue 18 §6: permanent redirects for a release (docs/portal.md).
moved(router, "/evaluations/{round_id}", "/councils/evaluations/{round_id}")
moved(router, "/organisations/{slug}/recommendations", "/organisations/{slug}/councils/recommendations")
