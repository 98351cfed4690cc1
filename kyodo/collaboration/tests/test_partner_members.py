"""Adding and removing a partner's members from its staff page."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from kyodo.collaboration.models import PartnerMember
from kyodo.core.models import RoleAssignment, User
from kyodo.core.tests.factories import UserFactory

BASE = "/org/hokkaido/collaboration/manage/partners/"


def add_url(partner):
    return f"{BASE}{partner.pk}/members/add/"


def test_a_new_address_gets_an_account_the_role_and_an_invitation(
        client, coordinator, partner, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(partner), {"member-email": " New.Member@Example.org ",
                                                  "member-display_name": "川村 花子"})
    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.org")
    assert not user.has_usable_password() and user.display_name == "川村 花子"
    member = PartnerMember.objects.get(partner=partner, user=user)
    role = RoleAssignment.objects.get(user=user, role="partner_member",
                                      organisation=partner.organisation)
    assert member.accepted_at is None and role.accepted_at is None
    # One mail for the membership and the role together.
    assert [m.to for m in mail.outbox] == [["new.member@example.org"]]
    assert "協働団体「NPO法人 北の森づくり」のメンバー" in mail.outbox[0].body
    page = client.get(response["Location"]).content.decode()
    assert "招待メールを送りました" in page and "new.member@example.org" in page
    assert "招待中(未承認)" in page and "招待を再送" in page


def test_a_known_person_is_invited_too(client, coordinator, partner, env_staff,
                                       django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add_url(partner), {"member-email": env_staff.email})
    assert PartnerMember.objects.get(partner=partner, user=env_staff).accepted_at is None
    assert RoleAssignment.objects.filter(user=env_staff, role="partner_member").count() == 1
    assert [m.to for m in mail.outbox] == [[env_staff.email]]


def test_a_member_of_another_partner_keeps_their_single_role(client, coordinator, partner,
                                                            other_member):
    client.force_login(coordinator)
    client.post(add_url(partner), {"member-email": other_member.email})
    assert other_member.partner_memberships.count() == 2
    assert RoleAssignment.objects.filter(user=other_member, role="partner_member").count() == 1


def test_a_duplicate_is_refused_with_a_clear_message(client, coordinator, partner, partner_member):
    client.force_login(coordinator)
    response = client.post(add_url(partner), {"member-email": "MEMBER@example.org"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_member-email_error"' in body and "member@example.org はすでにこの団体のメンバーです" in body
    assert PartnerMember.objects.filter(partner=partner).count() == 1


@pytest.mark.parametrize("email, message", [
    ("not-an-address", "メールアドレスの形式が正しくありません"),
    ("", "追加する方のメールアドレスを入力してください"),
])
def test_a_bad_address_is_refused_and_nothing_is_created(client, coordinator, partner, email,
                                                         message):
    client.force_login(coordinator)
    users = User.objects.count()
    body = client.post(add_url(partner), {"member-email": email}).content.decode()
    assert 'id="id_member-email_error"' in body and message in body
    assert User.objects.count() == users and not PartnerMember.objects.exists()


def test_nothing_is_half_saved_when_the_membership_fails(coordinator, partner, monkeypatch):
    from kyodo.collaboration import actions

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(PartnerMember, "save", broken)
    with pytest.raises(RuntimeError):
        actions.invite_partner_member(coordinator, partner, email="half@example.org")
    assert not User.objects.filter(email="half@example.org").exists()
    assert not RoleAssignment.objects.filter(role="partner_member").exists()


def test_removing_the_last_membership_also_takes_the_role(client, coordinator, partner,
                                                         partner_member):
    member = PartnerMember.objects.get(partner=partner, user=partner_member)
    client.force_login(coordinator)
    response = client.post(f"{BASE}{partner.pk}/members/{member.pk}/remove/")
    assert response.status_code == 302
    assert not PartnerMember.objects.filter(pk=member.pk).exists()
    assert not RoleAssignment.objects.filter(user=partner_member, role="partner_member").exists()
    assert User.objects.filter(pk=partner_member.pk).exists()  # the account stays
    assert "member@example.org をメンバーから外しました" in client.get(response["Location"]).content.decode()


def test_removing_one_of_two_memberships_keeps_the_role(client, coordinator, partner,
                                                       other_partner, other_member):
    PartnerMember.objects.create(partner=partner, user=other_member, accepted_at=timezone.now())
    member = PartnerMember.objects.get(partner=partner, user=other_member)
    client.force_login(coordinator)
    client.post(f"{BASE}{partner.pk}/members/{member.pk}/remove/")
    assert RoleAssignment.objects.filter(user=other_member, role="partner_member").exists()


def test_a_member_of_another_partner_cannot_be_removed_through_this_one(
        client, coordinator, partner, other_member):
    member = other_member.partner_memberships.get()
    client.force_login(coordinator)
    assert client.post(f"{BASE}{partner.pk}/members/{member.pk}/remove/").status_code == 404


def test_removing_needs_post(client, coordinator, partner, partner_member):
    member = PartnerMember.objects.get(user=partner_member)
    client.force_login(coordinator)
    assert client.get(f"{BASE}{partner.pk}/members/{member.pk}/remove/").status_code == 405


def test_a_pre_registered_account_is_a_member_only_after_the_invitation(
        client, coordinator, partner, django_capture_on_commit_callbacks):
    squatter = UserFactory(email="known@example.org")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add_url(partner), {"member-email": "known@example.org"})
    edit = f"/org/hokkaido/collaboration/partners/{partner.pk}/edit/"
    client.force_login(squatter)
    assert client.get(edit).status_code == 403
    assert client.get("/org/hokkaido/collaboration/manage/").status_code == 403
    link = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mail.outbox[0].body).group(1)
    assert client.post(link).status_code == 302
    user = User.objects.get(pk=squatter.pk)  # a fresh request user, without cached grants
    client.force_login(user)
    assert client.get(edit).status_code == 200
    assert client.get("/org/hokkaido/collaboration/manage/").status_code == 200
