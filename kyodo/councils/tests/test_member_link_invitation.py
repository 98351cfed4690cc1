"""A council member's account link opens the members' screens only once the account's holder
accepts the invitation mailed when the secretariat made the link."""

import re

import pytest
from django.core import mail

from kyodo.core.tests.factories import UserFactory
from kyodo.councils.models import Member

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/councils/workspace/"


def link_account(client, council, email):
    return client.post(f"{BASE}{council.pk}/member/new/", {
        "name": "新任 委員", "category": "public", "position": "member",
        "term_start": "2003-11-01", "term_end": "2005-10-31", "affiliation": "", "email": "",
        "phone": "", "sort_order": "20", "account": email})


def test_a_pre_registered_account_uses_the_members_screens_only_after_the_invitation(
        client, council, secretariat, django_capture_on_commit_callbacks):
    squatter = UserFactory(email="iin@example.jp")
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        assert link_account(client, council, "iin@example.jp").status_code == 302
    member = Member.objects.get(name="新任 委員")
    assert member.user == squatter and member.user_accepted_at is None
    assert [m.to for m in mail.outbox] == [["iin@example.jp"]]
    assert "市役所改革市民会議の委員(新任 委員)" in mail.outbox[0].body

    client.force_login(squatter)
    assert client.get(BASE).status_code == 403
    link = re.search(r"https?://[^/\s]+(/invitations/\S+/)", mail.outbox[0].body).group(1)
    assert client.post(link).status_code == 302
    member.refresh_from_db()
    assert member.user_accepted_at is not None
    client.force_login(squatter)
    assert client.get(BASE).status_code == 200


def test_relinking_to_another_account_needs_a_new_acceptance(
        client, council, secretariat, member_a, django_capture_on_commit_callbacks):
    assert member_a.user_accepted_at is not None
    other = UserFactory(email="other@example.jp")
    client.force_login(secretariat)
    data = {"name": member_a.name, "category": member_a.category, "position": member_a.position,
            "term_start": "2003-11-01", "term_end": "2005-10-31", "affiliation": "",
            "email": "", "phone": "", "sort_order": "0", "account": other.email}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}member/{member_a.pk}/edit/", data)
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert member_a.user == other and member_a.user_accepted_at is None
    assert [m.to for m in mail.outbox] == [["other@example.jp"]]
    # Saving again without changing the account sends nothing and keeps the state.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}member/{member_a.pk}/edit/", data)
    assert len(mail.outbox) == 1
