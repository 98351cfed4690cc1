"""Every role against every protected action of 協働事業提案制度, in its own organisation and
in another: who runs calls, who sees a proposal and its contact details, who consults, who
scores, who decides."""

import pytest

from kyodo.core.tests.factories import UserFactory, grant
from kyodo.proposals.models import Call, PanelMember

from .conftest import make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(nemuro, sapporo, coordinator, tourism_staff, welfare_staff, org_admin, reviewers,
           member, citizen):
    outsider_coordinator = UserFactory(email="coordinator@sapporo.example.jp")
    grant(outsider_coordinator, "coordinator", sapporo)
    other_reviewer = UserFactory(email="reviewer-not-on-panel@nemuro.example.jp")
    grant(other_reviewer, "reviewer", nemuro)
    platform = UserFactory(email="platform@example.jp")
    grant(platform, "platform_admin")
    reception = UserFactory(email="reception@nemuro.example.jp")
    grant(reception, "reception_desk", nemuro, tourism_staff.role_assignments.get().department)
    return {
        "coordinator": coordinator, "org_admin": org_admin, "platform": platform,
        "department concerned": tourism_staff, "other department": welfare_staff,
        "reception of the department": reception,
        "reviewer on panel": reviewers[0], "reviewer not on panel": other_reviewer,
        "proposer": citizen, "partner member": member, "outsider coordinator": outsider_coordinator,
        "anonymous": None,
    }


def _allowed(people, permission, obj):
    from django.contrib.auth.models import AnonymousUser

    return {name for name, user in people.items()
            if (user or AnonymousUser()).has_perm(permission, obj)}


def test_who_runs_calls(people, call, nemuro):
    assert _allowed(people, "proposals.manage", nemuro) == {"coordinator", "org_admin", "platform"}
    assert _allowed(people, "proposals.view_ranking", call) == {"coordinator", "org_admin", "platform"}
    assert _allowed(people, "proposals.decide", call) == {"coordinator", "org_admin", "platform"}


def test_a_call_in_preparation_is_seen_only_by_those_who_run_it(people, call):
    assert _allowed(people, "proposals.view_call", call) == set(people)
    call.status = Call.Status.DRAFT
    assert _allowed(people, "proposals.view_call", call) == {"coordinator", "org_admin", "platform"}


def test_a_draft_is_seen_and_edited_only_by_its_proposer(people, call, citizen):
    draft = make_proposal(call, citizen)
    assert _allowed(people, "proposals.view_proposal", draft) == {"proposer"}
    assert _allowed(people, "proposals.edit_proposal", draft) == {"proposer"}


def test_a_partners_draft_is_shared_by_its_members(people, call, citizen, partner):
    draft = make_proposal(call, citizen, partner=partner)
    assert _allowed(people, "proposals.edit_proposal", draft) == {"proposer", "partner member"}


def test_who_sees_a_submitted_proposal_and_its_contact(people, call, citizen):
    proposal = make_proposal(call, citizen, status="submitted")
    assert _allowed(people, "proposals.view_proposal", proposal) == {
        "proposer", "coordinator", "org_admin", "platform", "department concerned",
        "reception of the department", "reviewer on panel"}
    # Personal data: the proposer, the coordinator and the department concerned only.
    assert _allowed(people, "proposals.view_contact", proposal) == {
        "proposer", "coordinator", "department concerned", "reception of the department"}
    assert _allowed(people, "proposals.edit_proposal", proposal) == set()


def test_who_records_the_consultation(people, call, citizen):
    proposal = make_proposal(call, citizen, status="submitted")
    assert _allowed(people, "proposals.consult", proposal) == {
        "department concerned", "reception of the department", "coordinator", "org_admin", "platform"}


def test_only_panel_members_score_and_only_during_screening(people, call, citizen):
    proposal = make_proposal(call, citizen, status="submitted")
    assert _allowed(people, "proposals.score", proposal) == set()  # still open
    call.status = Call.Status.SCREENING
    assert _allowed(people, "proposals.score", proposal) == {"reviewer on panel"}
    assert _allowed(people, "proposals.declare_conflict", proposal) == {"reviewer on panel"}


def test_a_panel_member_who_lost_the_reviewer_role_sees_nothing(people, call, citizen, reviewers):
    proposal = make_proposal(call, citizen, status="submitted")
    reviewers[0].role_assignments.all().delete()
    from kyodo.core.rules import forget_roles

    forget_roles(reviewers[0])
    assert PanelMember.objects.filter(user=reviewers[0]).exists()
    assert not reviewers[0].has_perm("proposals.view_proposal", proposal)


def test_staff_screens_answer_403_or_404_to_others(people, call, citizen, client):
    proposal = make_proposal(call, citizen, status="submitted")
    pages = {
        f"/org/nemuro/proposals/manage/calls/{call.pk}/": {"coordinator", "org_admin"},
        f"/org/nemuro/proposals/manage/calls/{call.pk}/ranking/": {"coordinator", "org_admin"},
        f"/org/nemuro/proposals/proposal/{proposal.pk}/": {
            "coordinator", "org_admin", "department concerned", "reception of the department",
            "reviewer on panel", "proposer"},
    }
    for path, allowed in pages.items():
        for name, user in people.items():
            if name in ("anonymous", "platform"):
                continue
            client.force_login(user)
            status = client.get(path).status_code
            assert (status == 200) == (name in allowed), (path, name, status)
            client.logout()
    assert client.get(pages and f"/org/nemuro/proposals/proposal/{proposal.pk}/").status_code == 302
