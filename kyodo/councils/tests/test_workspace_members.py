"""The members list on the secretariat's screen (issue 14 §8): each member's account state —
linked, 招待中(未承認) with a button that resends the invitation, or none (the secretariat then
enters their sheets) — and their private contact, which the public roster never shows."""

import pytest

from kyodo.core.tests.factories import UserFactory, grant
from kyodo.councils.models import Member

from .conftest import make_member

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/councils/workspace/"


@pytest.fixture
def pending(council):
    user = UserFactory(email="shinnin@example.jp")
    grant(user, "council_member", council.organisation)
    return Member.objects.create(council=council, name="新任 委員", user=user, user_accepted_at=None,
                                 category="public", term_start=council.term_start, term_end=council.term_end)


def test_the_secretariat_sees_each_members_account_state(client, council, secretariat, member_a, pending):
    paper = make_member(council, "佐藤 花子", contact="hanako@example.jp")
    client.force_login(secretariat)
    page = client.get(BASE).content.decode()
    rows = {m.pk: page.split(f'data-testid="member-{m.pk}"', 1)[1].split("</tr>", 1)[0]
            for m in (member_a, pending, paper)}
    assert "連携済み" in rows[member_a.pk]
    assert "招待中(未承認)" in rows[pending.pk] and f"/manage/invitations/{pending.user_id}/resend/" in rows[pending.pk]
    assert "なし(評価票は事務局が代理入力)" in rows[paper.pk] and "hanako@example.jp" in rows[paper.pk]
    public = client.get(f"/org/sapporo/councils/{council.pk}/").content.decode()
    assert "hanako@example.jp" not in public and "招待中" not in public


def test_the_resend_button_mails_the_invitation_again(client, council, secretariat, pending, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/org/sapporo/manage/invitations/{pending.user_id}/resend/", {"next": BASE})
    assert response.status_code == 302 and response["Location"] == BASE
    assert [m.to for m in mailoutbox] == [["shinnin@example.jp"]]
