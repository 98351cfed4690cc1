"""実施状況の評価: the coordinator opens a round, members rate in their workspace (drafts
autosave), the secretariat follows who has finished, results aggregate per item and criterion,
and once published they appear on the evaluation page and the action item's page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.councils import actions, queries
from kyodo.councils.models import DEFAULT_CRITERIA, ActionItem, EvaluationRound, Rating

from .conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(council, item, secretariat):
    return actions.open_round(secretariat, council, title="平成17年度 実施状況の評価", fiscal_year=2005,
                              items=[item], criteria=[str(c) for c in DEFAULT_CRITERIA],
                              scale_labels=["十分", "おおむね十分", "普通", "やや不十分", "不十分"])


def sheet(evaluation, item, scores, comment=""):
    return {(item.pk, c.pk): (score, comment) for c, score in zip(evaluation.criteria.all(), scores)}


def test_round_has_the_seed_criteria_and_a_five_step_scale(evaluation):
    assert [c.text for c in evaluation.criteria.all()] == [
        "計画の進捗状況", "趣旨どおりに実行されているか", "環境の変化に柔軟に対応しているか",
        "市民の満足度", "市民との相互理解が進んでいるか"]
    assert evaluation.scale()[0] == (5, "十分") and evaluation.scale()[-1] == (1, "不十分")


def test_members_rate_and_results_aggregate_only_submitted_sheets(evaluation, item, member_a, member_b, council):
    member_c = make_member(council, "山本 浩", "hiroshi@example.jp")
    actions.save_ratings(member_a.user, evaluation, sheet(evaluation, item, [5, 4, 4, 3, 3], "よく進んでいる"), submit=True)
    actions.save_ratings(member_b.user, evaluation, sheet(evaluation, item, [3, 4, 2, 3, 3]), submit=True)
    actions.save_ratings(member_c.user, evaluation, sheet(evaluation, item, [1, 1, 1, 1, 1]))  # draft only
    results, submitted = queries.round_results(evaluation)
    assert submitted == 2
    first = results[0].criteria[0]
    assert [(score, n) for score, _label, n in first.distribution] == [(5, 1), (4, 0), (3, 1), (2, 0), (1, 0)]
    assert first.median == 4 and first.count == 2
    assert first.comments == ["よく進んでいる"]


def test_score_outside_the_scale_is_refused_and_nothing_saved(evaluation, item, member_a):
    with pytest.raises(ValidationError, match="1から5まで"):
        actions.save_ratings(member_a.user, evaluation, sheet(evaluation, item, [5, 6, 4, 3, 3]))
    assert not Rating.objects.exists()


def test_item_outside_the_round_is_refused(evaluation, item, member_a, theme):
    other = ActionItem.objects.create(theme=theme, code="1-2", title="評価対象外の項目")
    with pytest.raises(ValidationError, match="対象ではない"):
        actions.save_ratings(member_a.user, evaluation, sheet(evaluation, other, [3, 3, 3, 3, 3]))


def test_submitting_needs_every_criterion(evaluation, item, member_a):
    with pytest.raises(ValidationError, match="評点のついていない観点が2件"):
        actions.save_ratings(member_a.user, evaluation, sheet(evaluation, item, [3, 3, 3, "", ""]), submit=True)
    assert Rating.objects.filter(score__isnull=False).count() == 0  # rolled back as a whole


def test_a_member_only_ever_writes_their_own_ratings(client, evaluation, item, member_a, member_b):
    actions.save_ratings(member_b.user, evaluation, sheet(evaluation, item, [2, 2, 2, 2, 2]))
    client.force_login(member_a.user)
    data = {f"score_{item.pk}_{c.pk}": "5" for c in evaluation.criteria.all()}
    client.post(f"/org/sapporo/councils/workspace/evaluations/{evaluation.pk}/", data)
    assert set(Rating.objects.filter(member=member_b).values_list("score", flat=True)) == {2}
    assert set(Rating.objects.filter(member=member_a).values_list("score", flat=True)) == {5}


def test_staff_who_are_not_members_cannot_rate(evaluation, item, secretariat):
    with pytest.raises(PermissionDenied):
        actions.save_ratings(secretariat, evaluation, sheet(evaluation, item, [3, 3, 3, 3, 3]))


def test_autosave_by_htmx_answers_a_fragment_and_keeps_a_draft(client, evaluation, item, member_a):
    client.force_login(member_a.user)
    criterion = evaluation.criteria.first()
    response = client.post(f"/org/sapporo/councils/workspace/evaluations/{evaluation.pk}/",
                           {f"score_{item.pk}_{criterion.pk}": "4",
                            f"comment_{item.pk}_{criterion.pk}": "途中まで"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "保存しました" in response.content.decode()
    assert "<html" not in response.content.decode()
    rating = Rating.objects.get()
    assert (rating.score, rating.comment) == (4, "途中まで")


def test_autosave_after_the_session_expired_is_refused_without_a_redirect(client, evaluation, item):
    response = client.post(f"/org/sapporo/councils/workspace/evaluations/{evaluation.pk}/",
                           {"score": "4"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert "入力はこの端末に残っています" in response.content.decode()


def test_results_are_published_after_closing_and_show_on_the_item_page(client, evaluation, item, member_a, secretariat):
    actions.save_ratings(member_a.user, evaluation, sheet(evaluation, item, [4, 4, 4, 4, 4]), submit=True)
    url = f"/org/sapporo/councils/evaluations/{evaluation.pk}/"
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError, match="締め切って集計した評価だけ"):
        actions.publish_round(secretariat, evaluation)
    actions.close_round(secretariat, evaluation)
    with pytest.raises(PermissionDenied):
        actions.save_ratings(member_a.user, evaluation, sheet(evaluation, item, [1, 1, 1, 1, 1]))
    actions.save_verdict(secretariat, evaluation, item, evaluation="おおむね順調", response="説明を充実します")
    actions.publish_round(secretariat, evaluation)
    page = client.get(url).content.decode()
    assert "おおむね順調" in page and "説明を充実します" in page
    item_page = client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()
    assert "市民会議の提言と評価" in item_page and "おおむね順調" in item_page
    assert "会議 一郎" not in item_page  # ratings are anonymous


def test_secretariat_follows_who_has_finished(client, evaluation, item, member_a, member_b, secretariat):
    actions.save_ratings(member_a.user, evaluation, sheet(evaluation, item, [4, 4, 4, 4, 4]), submit=True)
    actions.save_ratings(member_b.user, evaluation, sheet(evaluation, item, [4, 4, "", "", ""]))
    client.force_login(secretariat)
    page = client.get(f"/org/sapporo/councils/workspace/evaluations/{evaluation.pk}/manage/").content.decode()
    assert "2人中 1人が提出しました。" in page
    client.post(f"/org/sapporo/councils/workspace/evaluations/{evaluation.pk}/manage/", {"step": "close"})
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationRound.Status.CLOSED


@pytest.mark.parametrize("members", [3, 30])
def test_evaluation_pages_run_a_fixed_number_of_queries(client, council, theme, secretariat, members,
                                                        django_assert_max_num_queries):
    items = [ActionItem.objects.create(theme=theme, code=f"9-{n}", title=f"取組{n}") for n in range(members // 3 + 1)]
    round_ = actions.open_round(secretariat, council, title="評価", fiscal_year=2005, items=items,
                                criteria=["進捗", "満足度"])
    for n in range(members):
        member = make_member(council, f"委員{n}", f"m{n}@example.jp")
        entries = {(i.pk, c.pk): (3, "意見") for i in items for c in round_.criteria.all()}
        actions.save_ratings(member.user, round_, entries, submit=True)
    actions.close_round(secretariat, round_)
    actions.publish_round(secretariat, round_)
    with django_assert_max_num_queries(8):
        assert client.get(f"/org/sapporo/councils/evaluations/{round_.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/org/sapporo/plans/{theme.plan_id}/items/{items[0].pk}/").status_code == 200
