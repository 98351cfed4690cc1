"""Reads shared by the council pages, API and the plans item page; fixed query counts."""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Prefetch, prefetch_related_objects, Q

from kyodo.core.corrections import corrections_of
from kyodo.plans.models import ActionItem

from .models import (
    Council, EvaluationRound, ItemVerdict, Meeting, Member, MemberProgress, Rating,
    Recommendation, RecommendationReport,
)


def councils_of(organisation):
    return Council.objects.filter(organisation=organisation).select_related("secretariat")


def council_page(council):
    """``council`` with its members, budget lines, meetings, activities and reports read in
    (6 queries)."""
    prefetch_related_objects(
        [council], "members", "budgets", "activities", "calls",
        Prefetch("meetings", queryset=Meeting.objects.annotate(material_count=Count("materials"))),
        Prefetch("reports", queryset=RecommendationReport.objects.annotate(
            recommendation_count=Count("recommendations"))),
        Prefetch("evaluation_rounds", queryset=EvaluationRound.objects.filter(
            status=EvaluationRound.Status.PUBLISHED)),
    )
    return council


def budget_by_year(council):
    """{fiscal_year: (lines, total)} from the prefetched budget lines."""
    years = defaultdict(list)
    for line in council.budgets.all():
        years[line.fiscal_year].append(line)
    return sorted((year, lines, sum(line.amount for line in lines)) for year, lines in years.items())


def member_counts(council):
    counts = Counter(m.category for m in council.members.all())
    return [(value, label, counts.get(value, 0), getattr(council, f"quota_{value}"))
            for value, label in Member.Category.choices]


def tracking_table(organisation, *, status=None, theme=None):
    """Every recommendation of the organisation's councils, for the public tracking table
    (three queries, whatever the number of recommendations)."""
    recommendations = (
        Recommendation.objects.filter(report__council__organisation=organisation)
        .select_related("report__council", "theme")
        .only("number", "title", "body", "response", "reason", "status", "status_changed_at",
              "report__title", "report__submitted_on", "report__council__name", "theme__title")
        .prefetch_related(Prefetch("items", queryset=ActionItem.objects.only(
            "id", "plan_id", "code", "title")))
        .order_by("report__council_id", "-report__submitted_on", "report_id", "number")
    )
    if status:
        recommendations = recommendations.filter(status=status)
    if theme:
        recommendations = recommendations.filter(
            Q(theme_id=theme) | Q(items__theme_id=theme)).distinct()
    return recommendations


def status_counts(organisation):
    counts = dict(
        Recommendation.objects.filter(report__council__organisation=organisation)
        .values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [(value, label, counts.get(value, 0)) for value, label in Recommendation.Status.choices]


@dataclass
class CriterionResult:
    criterion: object
    distribution: list  # [(score, label, count)] from the highest score down
    count: int
    median: float | None
    comments: list = field(default_factory=list)


@dataclass
class ItemResult:
    item: object
    criteria: list  # CriterionResult
    verdict: object = None

    # A published round names each item as it was at publication (kept on the verdict).
    @property
    def code(self):
        return self.verdict.code_as_published if self.verdict else self.item.code

    @property
    def title(self):
        return self.verdict.title_as_published if self.verdict else self.item.title

    @property
    def current_name(self):
        return self.verdict.current_name if self.verdict else ""


def round_results(round_):
    """Aggregated ratings of the members who submitted: per item and criterion the
    distribution, the median and the comments (anonymous). Four queries."""
    submitted = set(MemberProgress.objects.filter(round=round_, submitted_at__isnull=False)
                    .values_list("member_id", flat=True))
    criteria = list(round_.criteria.all())
    items = list(round_.items.only("id", "plan_id", "code", "title")
                 .order_by("theme__number", "sort_order", "id"))
    verdicts = {v.item_id: v for v in ItemVerdict.objects.filter(round=round_)}
    for item in items:  # the verdict names its item as published and as it is today
        if item.pk in verdicts:
            verdicts[item.pk].item = item
    scores = defaultdict(list)
    comments = defaultdict(list)
    for item_id, criterion_id, score, comment in Rating.objects.filter(
            round=round_, member_id__in=submitted).values_list(
            "item_id", "criterion_id", "score", "comment"):
        if score is not None:
            scores[(item_id, criterion_id)].append(score)
        if comment:
            comments[(item_id, criterion_id)].append(comment)
    scale = round_.scale()
    results = []
    for item in items:
        rows = []
        for criterion in criteria:
            values = scores[(item.pk, criterion.pk)]
            counted = Counter(values)
            rows.append(CriterionResult(
                criterion=criterion,
                distribution=[(score, label, counted.get(score, 0)) for score, label in scale],
                count=len(values),
                median=statistics.median(values) if values else None,
                comments=comments[(item.pk, criterion.pk)],
            ))
        results.append(ItemResult(item=item, criteria=rows, verdict=verdicts.get(item.pk)))
    return results, len(submitted)


class RoundPage:
    """A round's results for its public page and print view, read only when the template first
    asks (so a stored shared fragment saves the queries too)."""

    def __init__(self, round_):
        self.round = round_

    @cached_property
    def _computed(self):
        return round_results(self.round)

    @property
    def results(self):
        return self._computed[0]

    @property
    def submitted(self):
        return self._computed[1]

    @cached_property
    def trail(self):
        return corrections_of([r.verdict for r in self.results])


def completion(round_):
    """The secretariat's view: each serving member of the council and how far they are."""
    members = list(round_.council.members.all())
    progress = {p.member_id: p for p in MemberProgress.objects.filter(round=round_).select_related("entered_by")}
    return [(m, progress.get(m.pk)) for m in members]


def item_council_sections(item):
    """What councils say about one action item, for its public page: the recommendations
    that concern it and the published evaluations of it, with their corrections' trails."""
    recommendations = list(item.recommendations.select_related("report__council").order_by(
        "-report__submitted_on", "number"))
    trail = corrections_of(recommendations)
    rounds = list(item.evaluation_rounds.filter(status=EvaluationRound.Status.PUBLISHED)
                  .select_related("council").prefetch_related("criteria"))
    evaluations = []
    verdict_trail = {}
    if rounds:
        ratings = defaultdict(list)
        comments = defaultdict(list)
        submitted = set(MemberProgress.objects.filter(
            round__in=rounds, submitted_at__isnull=False).values_list("round_id", "member_id"))
        for r in Rating.objects.filter(round__in=rounds, item=item).only(
                "round_id", "member_id", "criterion_id", "score", "comment"):
            if (r.round_id, r.member_id) not in submitted:
                continue
            if r.score is not None:
                ratings[r.criterion_id].append(r.score)
            if r.comment:
                comments[r.criterion_id].append(r.comment)
        verdicts = {v.round_id: v for v in ItemVerdict.objects.filter(round__in=rounds, item=item)}
        for verdict in verdicts.values():
            verdict.item = item
        for round_ in rounds:
            scale = round_.scale()
            rows = []
            for criterion in round_.criteria.all():
                values = ratings[criterion.pk]
                counted = Counter(values)
                rows.append(CriterionResult(
                    criterion=criterion,
                    distribution=[(s, label, counted.get(s, 0)) for s, label in scale],
                    count=len(values), median=statistics.median(values) if values else None,
                    comments=comments[criterion.pk]))
            evaluations.append({"round": round_, "criteria": rows, "verdict": verdicts.get(round_.pk)})
        verdict_trail = corrections_of(list(verdicts.values()))
    return {"recommendations": recommendations, "evaluations": evaluations,
            "trail": trail, "verdict_trail": verdict_trail,
            "round_trail": corrections_of([r for r in rounds if r.withdrawn_at])}


@dataclass
class SheetIndicator:
    """One indicator beside the ratings: the round's year's target, its year-end actual, the
    latest half-year or quarter figure (shown as such) and the 達成率, as the plans module
    computes them."""
    name: str
    unit: str
    target: object
    actual: object
    interim: tuple | None  # (period label, value)
    rate: object


def sheet_items(round_):
    """The round's items in sheet order, each with what a member reads before rating it —
    ``sheet_reports`` (published progress reports, newest first) and ``sheet_indicators`` —
    through the plans module's own reads and figures (four queries)."""
    from kyodo.plans import progress
    from kyodo.plans.models import Period, ProgressReport
    from kyodo.plans.queries import indicators_with_values

    reports = Prefetch("reports", to_attr="sheet_reports", queryset=ProgressReport.objects.filter(
        status=ProgressReport.Status.PUBLISHED).order_by("-fiscal_year", "-published_at", "-id"))
    items = list(round_.items.select_related("theme").prefetch_related(indicators_with_values(), reports)
                 .order_by("theme__number", "sort_order", "id"))
    year = round_.fiscal_year
    for item in items:
        item.sheet_indicators = []
        for indicator in item.indicators.all():
            summary = progress.summarise_indicator(indicator, year)
            interim = summary.interim.get(year)
            item.sheet_indicators.append(SheetIndicator(
                name=indicator.name, unit=indicator.unit, target=summary.targets.get(year),
                actual=summary.actuals.get(year),
                interim=(Period(interim[0]).label, interim[1]) if interim else None,
                rate=summary.rate.value if summary.rate else None))
    return items
