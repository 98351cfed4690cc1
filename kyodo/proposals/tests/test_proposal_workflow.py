"""Drafting, attaching files and submitting a proposal: the deadline, each eligibility rule
named in its refusal, the course's cap, required documents, file types and sizes, the
notifications, and the department's consultation record."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kyodo.core.models import Notification
from kyodo.proposals import actions
from kyodo.proposals.models import Proposal, ProposalFile

from .conftest import make_proposal, pdf

pytestmark = pytest.mark.django_db


def attach_required(proposal, user):
    actions.attach_file(user, proposal, proposal.call.documents.get(number=1), pdf())


def test_a_group_registering_on_the_spot_drafts_attaches_and_submits(call, citizen, coordinator,
                                                                     tourism_staff, welfare_staff):
    proposal = Proposal(call=call, theme=call.themes.get(number=1), group_name="根室の海を守る市民の会",
                        group_type="voluntary", member_count=7, contact_name="花咲 みなと",
                        contact_email="minato@example.org", title="海岸の漂着ごみ調査",
                        summary="調査と清掃", amount=300_000)
    actions.save_proposal(citizen, proposal)
    assert proposal.status == "draft" and proposal.created_by == citizen
    attach_required(proposal, citizen)
    actions.submit_proposal(citizen, proposal)
    proposal.refresh_from_db()
    assert proposal.status == "submitted" and proposal.submitted_at
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    # The coordinator and the department of the theme — not another department.
    assert told == {coordinator.email, tourism_staff.email}


def test_a_partner_member_proposes_in_the_partners_name(call, member, partner):
    proposal = make_proposal(call, member)
    proposal.partner = partner
    actions.save_proposal(member, proposal)
    assert Proposal.objects.get(pk=proposal.pk).partner == partner


def test_a_partner_the_user_is_not_a_member_of_is_refused(call, citizen, partner):
    proposal = make_proposal(call, citizen)
    proposal.partner = partner
    with pytest.raises(ValidationError) as error:
        actions.save_proposal(citizen, proposal)
    assert "partner" in error.value.message_dict


def test_after_the_deadline_nothing_is_accepted(call, citizen):
    proposal = make_proposal(call, citizen)
    attach_required(proposal, citizen)
    later = call.closes_at + datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="提出期限"):
        actions.submit_proposal(citizen, proposal, now=later)
    with pytest.raises(ValidationError, match="提出期限"):
        actions.save_proposal(citizen, proposal, now=later)
    assert Proposal.objects.get(pk=proposal.pk).status == "draft"


def test_each_broken_eligibility_rule_is_named(call, citizen):
    proposal = make_proposal(call, citizen, member_count=3, based_locally=False,
                             declared_purposes=["religious", "facility"])
    attach_required(proposal, citizen)
    with pytest.raises(ValidationError) as error:
        actions.submit_proposal(citizen, proposal)
    errors = error.value.message_dict
    assert "構成員が5人以上" in errors["member_count"][0]
    assert "根室市内で活動" in errors["based_locally"][0]
    assert any("宗教活動" in m for m in errors["declared_purposes"])
    assert any("施設の建設" in m for m in errors["declared_purposes"])
    assert Proposal.objects.get(pk=proposal.pk).status == "draft"


def test_a_purpose_the_call_does_not_exclude_is_no_refusal(call, citizen):
    proposal = make_proposal(call, citizen, declared_purposes=["public_funded"])
    attach_required(proposal, citizen)
    actions.submit_proposal(citizen, proposal)


def test_an_amount_above_the_themes_cap_is_refused(call, citizen):
    proposal = make_proposal(call, citizen, theme=2)
    proposal.amount = 500_001
    with pytest.raises(ValidationError) as error:
        actions.save_proposal(citizen, proposal)
    assert "上限額(500,000円)" in error.value.message_dict["amount"][0]


def test_missing_required_documents_are_named(call, citizen):
    proposal = make_proposal(call, citizen)
    with pytest.raises(ValidationError) as error:
        actions.submit_proposal(citizen, proposal)
    assert "提案書" in error.value.message_dict["files"][0]
    assert "団体の概要" not in error.value.message_dict["files"][0]  # optional


@pytest.mark.parametrize("name, content, message", [
    ("proposal.exe", b"MZ....", "PDF、Word"),
    ("proposal.pdf", b"not a pdf", "中身が拡張子"),
    ("proposal.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "10MB"),
])
def test_files_of_the_wrong_type_or_size_are_refused(call, citizen, name, content, message):
    proposal = make_proposal(call, citizen)
    with pytest.raises(ValidationError, match=message):
        actions.attach_file(citizen, proposal, call.documents.get(number=1), pdf(name, content))
    assert not ProposalFile.objects.exists()


def test_only_the_proposer_edits_and_only_while_a_draft(call, citizen, member, coordinator):
    proposal = make_proposal(call, citizen)
    with pytest.raises(PermissionDenied):
        actions.save_proposal(member, proposal)
    with pytest.raises(PermissionDenied):
        actions.save_proposal(coordinator, proposal)
    attach_required(proposal, citizen)
    actions.submit_proposal(citizen, proposal)
    with pytest.raises(PermissionDenied):
        actions.save_proposal(citizen, proposal)


def test_the_department_concerned_records_its_consultation(submitted, tourism_staff, welfare_staff):
    with pytest.raises(PermissionDenied):
        actions.record_consultation(welfare_staff, submitted, "協議しました")
    with pytest.raises(ValidationError):
        actions.record_consultation(tourism_staff, submitted, "  ")
    actions.record_consultation(tourism_staff, submitted, "事前相談を2回行いました。")
    submitted.refresh_from_db()
    assert submitted.consultation == "事前相談を2回行いました。"
    assert submitted.consulted_by == tourism_staff


def test_the_final_report_is_kept_within_the_calls_deadline(submitted, citizen, coordinator):
    submitted.status = "adopted"
    submitted.save()
    with pytest.raises(ValidationError, match="期限"):
        actions.submit_report(citizen, submitted, "実施しました。", today=datetime.date(2027, 5, 1))
    actions.submit_report(citizen, submitted, "実施しました。", today=datetime.date(2027, 4, 30))
    actions.record_agreement(coordinator, submitted, datetime.date(2026, 4, 1))
    submitted.refresh_from_db()
    assert submitted.report == "実施しました。" and submitted.agreement_date == datetime.date(2026, 4, 1)
    assert timezone.now() >= submitted.reported_at
