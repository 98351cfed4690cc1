"""The rubric's arithmetic: weighted totals out of 100, the pass mark, the per-criterion floor,
ranks (ties share one), and proposals with a criterion nobody scored."""

from decimal import Decimal

from kyodo.proposals import scoring

CRITERIA = [(1, 3), (2, 1)]  # (criterion id, weight)


def test_weighted_total_is_out_of_100():
    # Means 4 (×3) and 2 (×1): (12 + 2) / (15 + 5) × 100 = 70.
    assert scoring.weighted_total({1: Decimal(4), 2: Decimal(2)}, CRITERIA) == Decimal("70.0")
    assert scoring.weighted_total({1: Decimal(5), 2: Decimal(5)}, CRITERIA) == Decimal("100.0")
    assert scoring.weighted_total({1: Decimal(0), 2: Decimal(0)}, CRITERIA) == Decimal("0.0")


def test_weights_change_the_order_of_two_proposals():
    strong_on_heavy = scoring.weighted_total({1: Decimal(5), 2: Decimal(1)}, CRITERIA)
    strong_on_light = scoring.weighted_total({1: Decimal(1), 2: Decimal(5)}, CRITERIA)
    assert strong_on_heavy == Decimal("80.0") and strong_on_light == Decimal("40.0")


def test_means_are_taken_across_reviewers():
    scores = [(10, 1, 5), (11, 1, 4), (12, 1, 3), (10, 2, 2), (11, 2, 2), (12, 2, 2)]
    result = scoring.evaluate(1, CRITERIA, scores, pass_mark=60, floor=2)
    assert result.means == {1: Decimal("4.0"), 2: Decimal("2.0")}
    assert result.total == Decimal("70.0")
    assert result.passes
    assert result.by_member[11] == {1: 4, 2: 2}


def test_total_under_the_pass_mark_fails():
    scores = [(10, 1, 3), (10, 2, 3)]  # 60 exactly passes; 59.x does not
    assert scoring.evaluate(1, CRITERIA, scores, pass_mark=60, floor=2).passes
    low = scoring.evaluate(1, CRITERIA, [(10, 1, 3), (10, 2, 2), (11, 1, 3), (11, 2, 3)],
                           pass_mark=60, floor=2)
    assert low.total == Decimal("57.5") and not low.passes
    assert any("基準点" in f for f in low.failures)


def test_any_criterion_under_the_floor_fails_even_with_a_high_total():
    result = scoring.evaluate(1, CRITERIA, [(10, 1, 5), (10, 2, 1)], pass_mark=60, floor=2,
                              titles={2: "実現可能性"})
    assert result.total == Decimal("80.0")
    assert not result.passes
    assert result.failures == ["「実現可能性」が2点未満"]


def test_an_unscored_criterion_means_no_total():
    result = scoring.evaluate(1, CRITERIA, [(10, 1, 5)], pass_mark=60, floor=2)
    assert result.total is None and not result.passes


def test_ranks_share_ties_and_put_unscored_last():
    results = [scoring.Result(1, total=Decimal("70")), scoring.Result(2, total=Decimal("80")),
               scoring.Result(3, total=Decimal("70")), scoring.Result(4, total=None),
               scoring.Result(5, total=Decimal("60"))]
    ranked = scoring.rank(results)
    assert [(r.proposal_id, r.rank) for r in ranked] == [(2, 1), (1, 2), (3, 2), (5, 4), (4, None)]
