"""Partner members keep their profile; staff verify it before the public sees it."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.collaboration import actions
from kyodo.collaboration.models import Partner, ProfileSubmission


def proposal(**changes):
    data = {"name": "NPO法人 北の森づくり", "partner_type": "npo", "area": "全道",
            "description": "植樹と森林環境教育", "fields": ["environment", "children"]}
    data.update(changes)
    return data


def test_a_member_proposes_and_the_public_profile_waits_for_staff(partner, partner_member):
    submission = actions.submit_profile(partner_member, partner, proposal())
    partner.refresh_from_db()
    assert submission.status == ProfileSubmission.Status.PENDING
    assert partner.area == "石狩管内"  # unchanged until verified


def test_verifying_applies_the_proposal_and_tells_the_member(
        partner, partner_member, coordinator, django_capture_on_commit_callbacks):
    submission = actions.submit_profile(partner_member, partner, proposal())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.verify_profile(coordinator, submission)
    partner.refresh_from_db()
    assert partner.area == "全道" and partner.verified_by == coordinator
    assert sorted(partner.fields.values_list("field", flat=True)) == ["children", "environment"]
    assert mail.outbox[0].to == ["member@example.org"]


def test_returning_needs_a_reason(partner, partner_member, coordinator):
    submission = actions.submit_profile(partner_member, partner, proposal())
    with pytest.raises(ValidationError, match="理由"):
        actions.return_profile(coordinator, submission, " ")
    actions.return_profile(coordinator, submission, "活動地域を具体的に書いてください")
    submission.refresh_from_db()
    assert submission.status == ProfileSubmission.Status.RETURNED


def test_a_member_of_another_partner_cannot_edit(partner, other_member):
    with pytest.raises(PermissionDenied):
        actions.submit_profile(other_member, partner, proposal())


def test_staff_cannot_verify_their_own_organisations_partner_unless_coordinator(
        partner, partner_member, env_staff):
    submission = actions.submit_profile(partner_member, partner, proposal())
    with pytest.raises(PermissionDenied):
        actions.verify_profile(env_staff, submission)


def test_bad_proposal_is_refused_and_nothing_is_saved(partner, partner_member):
    with pytest.raises(ValidationError):
        actions.submit_profile(partner_member, partner, proposal(website="not a url"))
    with pytest.raises(ValidationError):
        actions.submit_profile(partner_member, partner, proposal(partner_type="cult"))
    assert not ProfileSubmission.objects.exists()


def test_unknown_activity_field_is_refused(partner, partner_member):
    with pytest.raises(ValidationError, match="不明な活動分野"):
        actions.submit_profile(partner_member, partner, proposal(fields=["astrology"]))
    assert not ProfileSubmission.objects.exists()


def test_public_contact_lists_only_what_the_partner_publishes(partner):
    assert partner.public_contact == [("メールアドレス", "mori@example.org")]
    assert Partner.objects.get(pk=partner.pk).phone == "011-000-0000"
