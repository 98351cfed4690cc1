"""Weighted totals and thresholds of the screening rubric (pure functions; no queries).

Each criterion's score is the mean of the submitted sheets' scores of the reviewers who are not
recused; the total is Σ(mean × weight) / Σ(5 × weight) × 100 — a score out of 100 whatever the
number of criteria, weights or reviewers. A proposal fails (不採択) when its total is under the
call's pass mark, or when any criterion's mean is under the call's floor (「1項目でも2点未満」),
or when a criterion has no score at all.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import MAX_SCORE

ONE_DECIMAL = Decimal("0.1")


@dataclass
class Result:
    proposal_id: int
    means: dict = field(default_factory=dict)  # criterion id → Decimal mean (None: unscored)
    total: Decimal | None = None
    failures: list = field(default_factory=list)  # human-readable reasons it fails
    by_member: dict = field(default_factory=dict)  # member id → {criterion id: value}
    rank: int | None = None

    @property
    def passes(self):
        return self.total is not None and not self.failures


def _round(value):
    return Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def criterion_means(scores):
    """scores: iterable of (criterion_id, value) → {criterion_id: Decimal mean}."""
    sums, counts = {}, {}
    for criterion_id, value in scores:
        sums[criterion_id] = sums.get(criterion_id, 0) + value
        counts[criterion_id] = counts.get(criterion_id, 0) + 1
    return {c: Decimal(sums[c]) / counts[c] for c in sums}


def weighted_total(means, criteria):
    """means: {criterion id: mean}; criteria: [(id, weight)] → total out of 100, or None when a
    criterion has no score."""
    if not criteria or any(means.get(cid) is None for cid, _w in criteria):
        return None
    top = sum(MAX_SCORE * weight for _cid, weight in criteria)
    got = sum(means[cid] * weight for cid, weight in criteria)
    return _round(Decimal(got) * 100 / top)


def evaluate(proposal_id, criteria, scores, *, pass_mark, floor, titles=None):
    """criteria: [(id, weight)]; scores: [(member_id, criterion_id, value)] of submitted sheets
    of non-recused reviewers."""
    from django.utils.translation import gettext

    titles = titles or {}
    result = Result(proposal_id)
    for member_id, criterion_id, value in scores:
        result.by_member.setdefault(member_id, {})[criterion_id] = value
    means = criterion_means((c, v) for _m, c, v in scores)
    result.means = {cid: (_round(means[cid]) if cid in means else None) for cid, _w in criteria}
    result.total = weighted_total(means, criteria)
    if result.total is None:
        result.failures.append(gettext("評点のない審査項目があります"))
        return result
    if result.total < pass_mark:
        result.failures.append(gettext("合計点が基準点(%(mark)s点)未満") % {"mark": pass_mark})
    for cid, _w in criteria:
        if means[cid] < floor:
            result.failures.append(gettext("「%(title)s」が%(floor)s点未満") % {
                "title": titles.get(cid, cid), "floor": floor})
    return result


def rank(results):
    """Order by total (highest first; unscored last) and number the ranks (ties share one)."""
    ordered = sorted(results, key=lambda r: (r.total is None, -(r.total or 0), r.proposal_id))
    previous, position = None, 0
    for index, result in enumerate(ordered, start=1):
        if result.total is None:
            result.rank = None
            continue
        if result.total != previous:
            position, previous = index, result.total
        result.rank = position
    return ordered
