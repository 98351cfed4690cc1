"""Screening: conflicts and recusal (a recused reviewer sees nothing of the proposal), blind
sheets scored 0–5 in the call's current stage, the ranking, decisions with reasons and the
thresholds, and publication (projects made, proposers told, names only if the call says so)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.collaboration.models import Project
from kyodo.core.models import Notification
from kyodo.proposals import actions, queries
from kyodo.proposals.models import Call, Stage
from kyodo.proposals.rules import forget_panels

from .conftest import make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening(call):
    """The call after its deadline, in 書類審査."""
    Call.objects.filter(pk=call.pk).update(status=Call.Status.SCREENING)
    call.refresh_from_db()
    return call


def score_all(user, proposal, value, *, submit=True):
    criteria = proposal.call.criteria.filter(stage=proposal.call.stage)
    return actions.save_sheet(user, proposal, scores={c.pk: value for c in criteria}, submit=submit)


def test_screening_starts_only_after_the_deadline(call, coordinator):
    with pytest.raises(ValidationError, match="提出期限"):
        actions.start_screening(coordinator, call)
    actions.start_screening(coordinator, call, now=call.closes_at + datetime.timedelta(seconds=1))
    assert call.status == "screening" and call.stage == "documents"


def test_a_recused_reviewer_sees_nothing_of_the_proposal(screening, citizen, reviewers, client):
    first = make_proposal(screening, citizen, status="submitted", title="一つ目")
    second = make_proposal(screening, citizen, status="submitted", title="二つ目")
    reviewer = reviewers[0]
    actions.declare_conflict(reviewer, first, "提案団体の役員を務めている")
    forget_panels(reviewer)
    assert list(queries.proposals_for_reviewer(screening, reviewer)) == [second]
    assert not reviewer.has_perm("proposals.view_proposal", first)
    with pytest.raises(PermissionDenied):
        score_all(reviewer, first, 4)
    client.force_login(reviewer)
    listing = client.get(f"/org/nemuro/proposals/review/calls/{screening.pk}/").content.decode()
    assert "二つ目" in listing and "一つ目" not in listing
    assert client.get(f"/org/nemuro/proposals/proposal/{first.pk}/").status_code == 404
    assert client.get(f"/org/nemuro/proposals/proposal/{first.pk}/score/").status_code == 404
    # Another reviewer still sees and scores it.
    assert reviewers[1].has_perm("proposals.score", first)


def test_a_recusal_removes_what_the_reviewer_had_scored(screening, citizen, reviewers):
    proposal = make_proposal(screening, citizen, status="submitted")
    score_all(reviewers[0], proposal, 5, submit=False)
    actions.declare_conflict(reviewers[0], proposal, "親族が構成員")
    assert not proposal.sheets.exists()


def test_scores_outside_0_to_5_are_refused_and_nothing_is_saved(screening, citizen, reviewers):
    proposal = make_proposal(screening, citizen, status="submitted")
    criterion = screening.criteria.get(number=1)
    with pytest.raises(ValidationError) as error:
        actions.save_sheet(reviewers[0], proposal, scores={criterion.pk: 6})
    assert f"criterion_{criterion.pk}" in error.value.message_dict
    assert not proposal.sheets.exists()


def test_only_the_current_stages_criteria_are_scored(screening, citizen, reviewers, coordinator):
    proposal = make_proposal(screening, citizen, status="submitted")
    presentation = screening.criteria.get(stage=Stage.PRESENTATION)
    with pytest.raises(ValidationError, match="この段階"):
        actions.save_sheet(reviewers[0], proposal, scores={presentation.pk: 3})
    actions.advance_stage(coordinator, screening)
    actions.save_sheet(reviewers[0], proposal, scores={presentation.pk: 3}, submit=True)


def test_submitting_needs_every_criterion_and_is_final(screening, citizen, reviewers):
    proposal = make_proposal(screening, citizen, status="submitted")
    first = screening.criteria.get(number=1)
    with pytest.raises(ValidationError):
        actions.save_sheet(reviewers[0], proposal, scores={first.pk: 3}, submit=True)
    score_all(reviewers[0], proposal, 3)
    with pytest.raises(ValidationError, match="提出済み"):
        score_all(reviewers[0], proposal, 5)


def test_reviewers_score_blind(screening, citizen, reviewers, client):
    proposal = make_proposal(screening, citizen, status="submitted")
    score_all(reviewers[0], proposal, 5)
    assert not reviewers[1].has_perm("proposals.view_ranking", screening)
    client.force_login(reviewers[1])
    page = client.get(f"/org/nemuro/proposals/proposal/{proposal.pk}/score/")
    assert page.status_code == 200
    assert 'checked' not in page.content.decode()
    assert client.get(f"/org/nemuro/proposals/manage/calls/{screening.pk}/ranking/").status_code == 403


def test_ranking_decision_and_publication(screening, citizen, member, partner, reviewers,
                                          coordinator, tourism):
    screening.criteria.filter(stage="presentation").delete()  # a call without presentations
    good = make_proposal(screening, member, status="submitted", title="良い提案", partner=partner,
                         group_name=partner.name, group_type="npo")
    weak = make_proposal(screening, citizen, status="submitted", title="弱い提案")
    actions.declare_conflict(reviewers[2], weak, "役員")
    for reviewer in reviewers:
        score_all(reviewer, good, 4)
    for reviewer in reviewers[:2]:
        criteria = list(screening.criteria.filter(stage="documents"))
        actions.save_sheet(reviewer, weak, scores={criteria[0].pk: 5, criteria[1].pk: 1}, submit=True)
    data = queries.ranking(screening)
    first, second = data["results"]
    assert first.proposal == good and first.total == 80 and first.passes and first.rank == 1
    # 公益性 5 ×3 and 実現可能性 1 ×1: 80 points, but one criterion under 2 → 不採択.
    assert second.total == 80 and not second.passes and second.rank == 1
    assert set(second.by_member) == {m.pk for m in screening.panel.all()[:2]}

    with pytest.raises(ValidationError) as error:
        actions.decide(coordinator, weak, adopt=True, reason="熱意がある")
    assert "実現可能性" in error.value.message_dict["adopt"][0]
    with pytest.raises(ValidationError) as error:
        actions.decide(coordinator, good, adopt=True, reason=" ")
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        actions.decide(reviewers[0], good, adopt=True, reason="良い")
    actions.decide(coordinator, good, adopt=True, reason="公益性が高い")
    with pytest.raises(ValidationError, match="選定していない提案が1件"):
        actions.publish_results(coordinator, screening, review_comment="講評")
    actions.decide(coordinator, weak, adopt=False, reason="実現可能性に課題")
    with pytest.raises(ValidationError):
        actions.publish_results(coordinator, screening, review_comment="")
    Notification.objects.all().delete()
    actions.publish_results(coordinator, screening, review_comment="2件の提案を審査しました。")

    good.refresh_from_db()
    project = good.project
    assert project.department == tourism and project.fiscal_year == 2026 and project.is_public
    assert project.budget == good.amount
    assert [(p.partner, p.name) for p in project.partners.all()] == [(partner, partner.name)]
    assert Project.objects.count() == 1  # the rejected one is no project
    told = {(n.recipient.email, n.subject) for n in Notification.objects.all()}
    assert any(email == member.email and "採択" in subject for email, subject in told)
    assert any(email == citizen.email and "不採択" in subject for email, subject in told)


def _published(screening, citizen, reviewers, coordinator, *, names):
    screening.criteria.filter(stage="presentation").delete()
    Call.objects.filter(pk=screening.pk).update(show_reviewer_names=names)
    screening.refresh_from_db()
    proposal = make_proposal(screening, citizen, status="submitted", title="公開される提案")
    for reviewer in reviewers:
        score_all(reviewer, proposal, 4)
    actions.decide(coordinator, proposal, adopt=True, reason="公益性が高い")
    actions.publish_results(coordinator, screening, review_comment="審査講評です。")
    return proposal


def test_results_never_name_reviewers_against_scores_unless_the_call_says_so(
        screening, citizen, reviewers, coordinator, client):
    proposal = _published(screening, citizen, reviewers, coordinator, names=False)
    html = client.get(f"/org/nemuro/proposals/calls/{screening.pk}/results/").content.decode()
    assert "公開される提案" in html and "審査講評です。" in html and "公益性が高い" in html
    assert "審査 1" not in html
    assert proposal.contact_email not in html and proposal.contact_phone not in html
    api = client.get(f"/api/v1/proposals/calls/{screening.pk}/results").json()
    assert api["adopted"][0]["scores"][0]["by_reviewer"] is None
    assert "minato" not in str(api)


def test_results_name_reviewers_when_the_call_says_so(screening, citizen, reviewers, coordinator,
                                                      client):
    _published(screening, citizen, reviewers, coordinator, names=True)
    html = client.get(f"/org/nemuro/proposals/calls/{screening.pk}/results/").content.decode()
    assert "審査 1" in html
    api = client.get(f"/api/v1/proposals/calls/{screening.pk}/results").json()
    assert api["adopted"][0]["scores"][0]["by_reviewer"] == {"審査 1": 4, "審査 2": 4, "審査 3": 4}


def test_unpublished_results_are_not_found(screening, client):
    assert client.get(f"/org/nemuro/proposals/calls/{screening.pk}/results/").status_code == 404
    assert client.get(f"/api/v1/proposals/calls/{screening.pk}/results").status_code == 404


def test_an_adopted_project_enters_the_years_open_survey_without_retyping(screening, citizen, reviewers,
                                                                         coordinator, nemuro, tourism):
    from kyodo.collaboration import queries as collaboration_queries
    from kyodo.collaboration.models import SurveyCampaign, SurveyResponse

    campaign = SurveyCampaign.objects.create(
        organisation=nemuro, fiscal_year=2026, status=SurveyCampaign.Status.OPEN,
        deadline=datetime.date.today() + datetime.timedelta(days=30))
    response = SurveyResponse.objects.create(campaign=campaign, department=tourism)
    proposal = _published(screening, citizen, reviewers, coordinator, names=False)
    project = Project.objects.get(proposals=proposal)
    assert project.campaign == campaign
    assert list(collaboration_queries.department_projects(campaign, tourism)) == [project]
    response.refresh_from_db()
    assert response.status == SurveyResponse.Status.IN_PROGRESS  # the department confirms it


def test_a_survey_not_taking_answers_is_left_alone(screening, citizen, reviewers, coordinator, nemuro):
    from kyodo.collaboration.models import SurveyCampaign

    SurveyCampaign.objects.create(organisation=nemuro, fiscal_year=2026, status=SurveyCampaign.Status.CLOSED,
                                  deadline=datetime.date.today() - datetime.timedelta(days=1))
    proposal = _published(screening, citizen, reviewers, coordinator, names=False)
    assert Project.objects.get(proposals=proposal).campaign is None


def test_a_survey_opened_after_publication_takes_the_project_in(screening, citizen, reviewers, coordinator,
                                                                nemuro, tourism):
    from kyodo.collaboration import actions as collaboration_actions
    from kyodo.collaboration.models import SurveyResponse

    proposal = _published(screening, citizen, reviewers, coordinator, names=False)
    project = Project.objects.get(proposals=proposal)
    assert project.campaign is None
    campaign = collaboration_actions.create_campaign(
        coordinator, nemuro, fiscal_year=2026, deadline=datetime.date.today() + datetime.timedelta(days=30))
    project.refresh_from_db()
    assert project.campaign is None  # a survey in preparation takes nothing
    collaboration_actions.open_campaign(coordinator, campaign)
    project.refresh_from_db()
    assert project.campaign == campaign
    assert SurveyResponse.objects.get(campaign=campaign, department=tourism).status == "in_progress"
    other = SurveyResponse.objects.exclude(department=tourism).filter(campaign=campaign)
    assert set(other.values_list("status", flat=True)) <= {"not_started"}
