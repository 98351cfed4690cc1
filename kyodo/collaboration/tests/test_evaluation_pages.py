"""The evaluation pages: each side fills its sheet blind; then side by side, gaps, publication."""

from kyodo.collaboration import actions
from kyodo.collaboration.models import Evaluation, Side

from .conftest import full_ratings, sheet_of


def url(evaluation, tail=""):
    return f"/org/hokkaido/collaboration/evaluations/{evaluation.pk}/{tail}"


def post_sheet(client, evaluation, side, score, *, submit=True, comment="よかった"):
    data = {f"score_{c.pk}": str(score) for c in
            evaluation.template.criteria.filter(stage=evaluation.stage)}
    data |= {f"comment_{c.pk}": comment for c in
             evaluation.template.criteria.filter(stage=evaluation.stage)}
    data["overall_comment"] = "全体として順調"
    data["submit" if submit else "save"] = "1"
    return client.post(url(evaluation, f"sheets/{side}/"), data)


def test_partner_fills_its_sheet_and_cannot_see_the_departments(
        client, evaluation, env_staff, partner_member):
    actions.save_sheet(env_staff, sheet_of(evaluation, Side.ADMINISTRATION),
                       ratings={c: (5, "行政の秘密のコメント") for c in full_ratings(evaluation)},
                       submit=True)
    client.force_login(partner_member)
    page = client.get(url(evaluation)).content.decode()
    assert "行政の秘密のコメント" not in page
    assert "非公開(双方の提出後に表示)" in page
    assert client.get(url(evaluation, "sheets/administration/")).status_code == 403
    assert client.get(url(evaluation, "sheets/partner/")).status_code == 200


def test_a_visitor_cannot_see_an_unpublished_evaluation(client, evaluation):
    assert client.get(url(evaluation)).status_code == 403


def test_missing_ratings_are_reported_next_to_the_criterion(client, evaluation, partner_member):
    client.force_login(partner_member)
    response = client.post(url(evaluation, "sheets/partner/"), {"submit": "1"})
    assert response.status_code == 200
    assert "「目的の共有」の評価を選んでください" in response.content.decode()
    assert not sheet_of(evaluation, Side.PARTNER).is_submitted


def test_both_submit_then_side_by_side_with_gaps_joint_comment_and_publication(
        client, evaluation, env_staff, partner_member, coordinator):
    client.force_login(env_staff)
    post_sheet(client, evaluation, "administration", 5)
    client.force_login(partner_member)
    assert post_sheet(client, evaluation, "partner", 2, comment="団体の見方").status_code == 302
    page = client.get(url(evaluation)).content.decode()
    assert "団体の見方" in page and "差が大きい" in page
    client.post(url(evaluation), {"joint_comment": "役割分担を見直す。"})
    client.force_login(coordinator)
    client.post(url(evaluation, "publish/"))
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.PUBLISHED
    client.logout()
    public = client.get(url(evaluation)).content.decode()
    assert "団体の見方" in public and "役割分担を見直す。" in public and "70.0" in public
    assert str(evaluation.score) in client.get(evaluation.project.get_absolute_url()).content.decode()


def test_coordinator_starts_an_evaluation_from_the_project(client, coordinator, project, partner,
                                                           template):
    client.force_login(coordinator)
    response = client.post(f"/org/hokkaido/collaboration/manage/projects/{project.pk}/evaluate/",
                           {"partner": partner.pk, "stage": "after"})
    assert response.status_code == 302
    assert project.evaluations.get().sheets.count() == 2
