"""Two-sided evaluation: each side's sheet sealed until both are in, then side by side,
a joint comment, and publication by the coordinator."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.collaboration import actions
from kyodo.collaboration.models import Evaluation, Side

from .conftest import full_ratings, sheet_of


def test_starting_creates_one_sheet_per_side(evaluation):
    assert sorted(evaluation.sheets.values_list("side", flat=True)) == ["administration", "partner"]
    assert evaluation.status == Evaluation.Status.OPEN


def test_the_evaluating_partner_must_be_a_partner_of_the_project(
        project, other_partner, template, coordinator):
    with pytest.raises(ValidationError, match="相手方として登録された団体"):
        actions.start_evaluation(coordinator, project, partner=other_partner, template=template)


def test_each_side_fills_only_its_own_sheet(evaluation, env_staff, partner_member, other_member,
                                            welfare_staff):
    admin_sheet = sheet_of(evaluation, Side.ADMINISTRATION)
    partner_sheet = sheet_of(evaluation, Side.PARTNER)
    for user, sheet in [(partner_member, admin_sheet), (env_staff, partner_sheet),
                        (other_member, partner_sheet), (welfare_staff, admin_sheet)]:
        with pytest.raises(PermissionDenied):
            actions.save_sheet(user, sheet, ratings=full_ratings(evaluation))
    actions.save_sheet(env_staff, admin_sheet, ratings=full_ratings(evaluation))
    actions.save_sheet(partner_member, partner_sheet, ratings=full_ratings(evaluation))


def test_neither_side_sees_the_other_before_both_submit(evaluation, env_staff, partner_member,
                                                        coordinator, other_member):
    admin_sheet = sheet_of(evaluation, Side.ADMINISTRATION)
    partner_sheet = sheet_of(evaluation, Side.PARTNER)
    actions.save_sheet(env_staff, admin_sheet, ratings=full_ratings(evaluation, 5), submit=True)
    assert env_staff.has_perm("collaboration.view_sheet", admin_sheet)
    assert not partner_member.has_perm("collaboration.view_sheet", admin_sheet)
    assert not coordinator.has_perm("collaboration.view_sheet", admin_sheet)
    assert not env_staff.has_perm("collaboration.view_sheet", partner_sheet)

    actions.save_sheet(partner_member, partner_sheet, ratings=full_ratings(evaluation, 3),
                       submit=True)
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.REVEALED
    assert partner_member.has_perm("collaboration.view_sheet", admin_sheet)
    assert env_staff.has_perm("collaboration.view_sheet", partner_sheet)
    assert coordinator.has_perm("collaboration.view_sheet", partner_sheet)
    assert not other_member.has_perm("collaboration.view_sheet", partner_sheet)


def test_score_is_the_mean_of_both_sides_out_of_100(evaluation, env_staff, partner_member):
    actions.save_sheet(env_staff, sheet_of(evaluation, Side.ADMINISTRATION),
                       ratings=full_ratings(evaluation, 5), submit=True)
    actions.save_sheet(partner_member, sheet_of(evaluation, Side.PARTNER),
                       ratings=full_ratings(evaluation, 3), submit=True)
    evaluation.refresh_from_db()
    assert str(evaluation.score) == "80.0"  # (5+3)/2 = 4 of 5


def test_submitting_needs_every_criterion_and_locks_the_sheet(evaluation, env_staff):
    sheet = sheet_of(evaluation, Side.ADMINISTRATION)
    partial = dict(list(full_ratings(evaluation).items())[:1])
    with pytest.raises(ValidationError, match="評価を選んでください"):
        actions.save_sheet(env_staff, sheet, ratings=partial, submit=True)
    actions.save_sheet(env_staff, sheet, ratings=partial)  # a draft may be partial
    assert sheet.ratings.count() == 1 and not sheet.is_submitted
    actions.save_sheet(env_staff, sheet, ratings=full_ratings(evaluation), submit=True)
    with pytest.raises(PermissionDenied):
        actions.save_sheet(env_staff, sheet, ratings=full_ratings(evaluation, 1))


def test_score_outside_the_scale_is_refused(evaluation, env_staff):
    ratings = full_ratings(evaluation)
    ratings[next(iter(ratings))] = (9, "")
    with pytest.raises(ValidationError, match="尺度にありません"):
        actions.save_sheet(env_staff, sheet_of(evaluation, Side.ADMINISTRATION), ratings=ratings)


def test_joint_comment_and_publication(evaluation, env_staff, partner_member, coordinator):
    with pytest.raises(PermissionDenied):
        actions.save_joint_comment(env_staff, evaluation, "まとめ")  # not both in yet
    with pytest.raises(ValidationError, match="双方の評価シートが提出された"):
        actions.publish_evaluation(coordinator, evaluation)
    actions.save_sheet(env_staff, sheet_of(evaluation, Side.ADMINISTRATION),
                       ratings=full_ratings(evaluation, 4), submit=True)
    actions.save_sheet(partner_member, sheet_of(evaluation, Side.PARTNER),
                       ratings=full_ratings(evaluation, 2), submit=True)
    evaluation.refresh_from_db()
    with pytest.raises(ValidationError, match="総括を記入"):
        actions.publish_evaluation(coordinator, evaluation)
    actions.save_joint_comment(partner_member, evaluation, "役割分担の認識に差があった。")
    with pytest.raises(PermissionDenied):
        actions.publish_evaluation(env_staff, evaluation)
    actions.publish_evaluation(coordinator, evaluation)
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.PUBLISHED
    assert evaluation.project.is_public
    from django.contrib.auth.models import AnonymousUser
    assert AnonymousUser().has_perm("collaboration.view_sheet", sheet_of(evaluation, Side.PARTNER))
