"""取下げ by the proposer (with a reason, until the decision; the staff told, the panel no longer
shown it) and how long proposers' contact details are kept (core.retention)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kyodo.core import retention
from kyodo.core.models import Notification
from kyodo.proposals import actions, queries
from kyodo.proposals.models import Call, Proposal
from kyodo.proposals.retention import PROPOSALS, UNREPORTED_CLOSE_DAYS

from .conftest import make_proposal

pytestmark = pytest.mark.django_db


def test_the_proposer_withdraws_a_submitted_proposal_with_a_reason(
        call, citizen, submitted, coordinator, tourism_staff, welfare_staff, reviewers):
    actions.withdraw_proposal(citizen, submitted, "代表者の転居により実施できなくなりました。")
    submitted.refresh_from_db()
    assert submitted.status == Proposal.Status.WITHDRAWN and submitted.withdrawn_at
    assert submitted.withdrawal_reason == "代表者の転居により実施できなくなりました。"
    told = Notification.objects.filter(subject__contains="取り下げられました")
    assert set(told.values_list("recipient__email", flat=True)) == {coordinator.email, tourism_staff.email}
    assert "代表者の転居" in told.first().body
    # The staff still see it; the panel and the ranking no longer do.
    assert coordinator.has_perm("proposals.view_proposal", submitted)
    assert tourism_staff.has_perm("proposals.view_contact", submitted)
    assert not reviewers[0].has_perm("proposals.view_proposal", submitted)
    assert submitted not in queries.submitted(call)


def test_a_withdrawal_needs_a_reason_and_changes_nothing_without_one(citizen, submitted):
    with pytest.raises(ValidationError) as error:
        actions.withdraw_proposal(citizen, submitted, "   ")
    assert error.value.message_dict["reason"] == ["取下げの理由を入力してください。"]
    submitted.refresh_from_db()
    assert submitted.status == Proposal.Status.SUBMITTED and submitted.withdrawn_at is None


def test_only_the_proposer_withdraws_and_only_before_the_decision(call, citizen, submitted, coordinator,
                                                                  tourism_staff):
    for other in (coordinator, tourism_staff):
        with pytest.raises(PermissionDenied):
            actions.withdraw_proposal(other, submitted, "理由")
    Proposal.objects.filter(pk=submitted.pk).update(status=Proposal.Status.REJECTED)
    submitted.refresh_from_db()
    with pytest.raises(PermissionDenied, match="選定前"):
        actions.withdraw_proposal(citizen, submitted, "理由")


def test_a_draft_withdrawn_tells_nobody(call, citizen, coordinator):
    draft = make_proposal(call, citizen)
    actions.withdraw_proposal(citizen, draft, "応募を見送ります。")
    assert Proposal.objects.get(pk=draft.pk).status == Proposal.Status.WITHDRAWN
    assert not Notification.objects.exists()


def test_withdrawal_through_the_page(client, call, citizen, submitted):
    client.force_login(citizen)
    url = f"/org/nemuro/proposals/proposal/{submitted.pk}/"
    page = client.get(url)
    assert "提案を取り下げる" in page.content.decode()
    assert "no-store" in page["Cache-Control"]  # the page shows the proposer's contact details
    refused = client.post(url + "withdraw/", {"reason": ""})
    assert refused.status_code == 400
    assert "取下げの理由を入力してください。" in refused.content.decode()
    assert Proposal.objects.get(pk=submitted.pk).status == Proposal.Status.SUBMITTED
    done = client.post(url + "withdraw/", {"reason": "会員の合意が得られませんでした。"}, follow=True)
    html = done.content.decode()
    assert "提案を取り下げました。" in html and "会員の合意が得られませんでした。" in html
    assert "提案を取り下げる" not in html


def test_others_cannot_withdraw_through_the_page(client, submitted, coordinator):
    client.force_login(coordinator)
    response = client.post(f"/org/nemuro/proposals/proposal/{submitted.pk}/withdraw/", {"reason": "x"})
    assert response.status_code == 403
    assert Proposal.objects.get(pk=submitted.pk).status == Proposal.Status.SUBMITTED


# --- Retention of contact details ------------------------------------------------------------------

def purge(days_later):
    return retention.purge(now=timezone.now() + datetime.timedelta(days=days_later))


def test_contacts_of_a_withdrawn_proposal_are_erased_after_the_period(call, citizen, submitted):
    assert PROPOSALS in retention.registered()
    actions.withdraw_proposal(citizen, submitted, "見送ります。")
    assert purge(300)["proposals.proposal"] == 0
    assert purge(400)["proposals.proposal"] == 1
    submitted.refresh_from_db()
    assert submitted.contact_name == retention.ERASED and submitted.contact_phone == ""
    assert submitted.contact_email == f"erased-{submitted.pk}@invalid.example"
    assert submitted.erased_at and submitted.title == "海岸の漂着ごみ調査"  # the proposal stays


def test_a_proposal_still_in_screening_keeps_its_contacts(call, submitted):
    Call.objects.filter(pk=call.pk).update(status=Call.Status.SCREENING)
    assert purge(5000)["proposals.proposal"] == 0


def test_decided_proposals_close_at_publication_or_report(call, citizen, coordinator):
    rejected = make_proposal(call, citizen, status=Proposal.Status.REJECTED)
    reported = make_proposal(call, citizen, status=Proposal.Status.ADOPTED, title="報告済",
                             reported_at=timezone.now() + datetime.timedelta(days=200))
    unreported = make_proposal(call, citizen, status=Proposal.Status.ADOPTED, title="未報告")
    Call.objects.filter(pk=call.pk).update(status=Call.Status.PUBLISHED, published_at=timezone.now())
    purge(366)
    erased = set(Proposal.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    assert erased == {rejected.pk}
    purge(566)
    assert Proposal.objects.get(pk=reported.pk).erased_at
    assert Proposal.objects.get(pk=unreported.pk).erased_at is None
    purge(UNREPORTED_CLOSE_DAYS + 366)
    assert Proposal.objects.get(pk=unreported.pk).erased_at


def test_a_draft_never_submitted_closes_at_the_deadline(call, citizen):
    draft = make_proposal(call, citizen)
    assert purge(300)["proposals.proposal"] == 0  # the deadline is 10 days ahead
    assert purge(380)["proposals.proposal"] == 1
    assert Proposal.objects.get(pk=draft.pk).contact_name == retention.ERASED
