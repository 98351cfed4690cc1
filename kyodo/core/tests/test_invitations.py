"""A grant counts only once the holder of the address accepts the invitation mailed after it
(issue 13 item 1): someone who signed up first with a new colleague's address receives nothing."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyodo.core import actions, invitations
from kyodo.core.models import Invitation, RoleAssignment, User

from .factories import UserFactory, enable_totp, grant

ROLES = reverse("manage:roles", args=["sapporo"])
RECEPTION_AREA = reverse("manage:home", args=["sapporo"])
NEW_STAFF = "new.staff@city.example.jp"


class BrokenMailBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def invitation_path(message):
    return re.search(r"https?://[^/\s]+(/invitations/\S+/)", message.body).group(1)


def grant_reception_desk(admin_client, department, capture):
    with capture(execute=True):
        response = admin_client.post(ROLES, {
            "email": NEW_STAFF, "role": "reception_desk", "department": department.pk})
    assert response.status_code == 302
    return RoleAssignment.objects.get(user__email=NEW_STAFF)


def test_a_pre_registered_account_gets_the_role_only_through_the_invitation(
        admin_client, client, sapporo_department, django_capture_on_commit_callbacks):
    # Someone signs up first with the new colleague's predictable address...
    squatter = UserFactory(email=NEW_STAFF, verified_email=False)
    enable_totp(squatter)
    # ...then the organisation admin grants the address the reception desk's role.
    assignment = grant_reception_desk(admin_client, sapporo_department,
                                      django_capture_on_commit_callbacks)
    assert assignment.user == squatter and assignment.accepted_at is None
    client.force_login(squatter)
    assert client.get(RECEPTION_AREA).status_code == 403
    assert not squatter.has_perm("core.view_staff_area", assignment.organisation)

    # The colleague opens the link from their mailbox: the address was never proved, so they
    # set the password and the account is theirs — without the squatter's second factor.
    (invitation_mail,) = mail.outbox
    assert invitation_mail.to == [NEW_STAFF]
    link = invitation_path(invitation_mail)
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "受付窓口" in page.content.decode()
    response = client.post(link, {"new_password1": "a-fresh-passphrase-2026",
                                  "new_password2": "a-fresh-passphrase-2026"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    squatter.refresh_from_db()
    assert squatter.check_password("a-fresh-passphrase-2026")
    assert not Authenticator.objects.filter(user=squatter).exists()
    assert EmailAddress.objects.get(user=squatter).verified
    assignment.refresh_from_db()
    assert assignment.accepted_at is not None
    owner = User.objects.get(pk=squatter.pk)
    enable_totp(owner)  # the owner's own second factor, as the role requires
    client.force_login(owner)
    assert client.get(RECEPTION_AREA).status_code == 200


def test_the_roles_screen_shows_the_pending_invitation_and_resends_it(
        admin_client, sapporo_department, django_capture_on_commit_callbacks):
    assignment = grant_reception_desk(admin_client, sapporo_department,
                                      django_capture_on_commit_callbacks)
    page = admin_client.get(ROLES).content.decode()
    assert "招待中(未承認)" in page and "招待を再送" in page
    first_link = invitation_path(mail.outbox[0])
    resend = reverse("manage:invitation_resend", args=["sapporo", assignment.user_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(resend, {"next": ROLES})
    assert response.status_code == 302 and response["Location"] == ROLES
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [NEW_STAFF]
    # Only the newest link works.
    assert invitation_path(mail.outbox[1]) != first_link
    assert invitations.find(first_link.split("/")[-2]).is_open() is False


def test_resend_is_only_for_someone_with_a_pending_grant_here(admin_client, sapporo, hokkaido):
    accepted = UserFactory()
    grant(accepted, "reviewer", sapporo)
    elsewhere = UserFactory()
    grant(elsewhere, "reviewer", hokkaido, pending=True)
    for user in (accepted, elsewhere):
        url = reverse("manage:invitation_resend", args=["sapporo", user.pk])
        assert admin_client.post(url).status_code == 404
    assert not Invitation.objects.exists()


def test_a_signed_in_holder_confirms_and_the_link_is_then_used_up(
        client, sapporo, django_capture_on_commit_callbacks):
    person = UserFactory(email="reviewer@example.jp")
    assignment = grant(person, "reviewer", sapporo, pending=True)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(person, sapporo)
    link = invitation_path(mail.outbox[0])
    client.force_login(person)
    page = client.get(link)
    assert "承認する" in page.content.decode()
    assignment.refresh_from_db()
    assert assignment.accepted_at is None  # opening the link (a mail scanner too) accepts nothing
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == reverse("core:mypage")
    assignment.refresh_from_db()
    assert assignment.accepted_at is not None
    again = client.get(link)
    assert again.status_code == 410 and "使用済みか有効期限が切れています" in again.content.decode()


def test_an_account_with_a_password_and_a_proved_address_signs_in_first(client, sapporo):
    person = UserFactory(email="known@example.jp")
    grant(person, "reviewer", sapporo, pending=True)
    link = _link_for(person, sapporo)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login")) and "next=" in response["Location"]
    # No password form is offered to whoever holds the link without signing in.
    assert client.post(link, {"new_password1": "x" * 12, "new_password2": "x" * 12}).status_code == 302
    person.refresh_from_db()
    assert person.check_password("correct-horse-battery")


def test_a_link_opened_by_another_signed_in_account_is_refused(client, sapporo):
    invited = UserFactory(email="invited@example.jp")
    assignment = grant(invited, "reviewer", sapporo, pending=True)
    link = _link_for(invited, sapporo)
    client.force_login(UserFactory(email="someone.else@example.jp"))
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 403
        assert "いまログインしているアカウントあてのものではありません" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.accepted_at is None


def test_an_expired_link_accepts_nothing(client, sapporo):
    invited = UserFactory()
    assignment = grant(invited, "reviewer", sapporo, pending=True)
    link = _link_for(invited, sapporo)
    Invitation.objects.update(expires_at=timezone.now())
    client.force_login(invited)
    assert client.post(link).status_code == 410
    assert client.get("/invitations/not-a-token/").status_code == 410
    assignment.refresh_from_db()
    assert assignment.accepted_at is None


def test_a_pending_role_counts_for_no_permission(sapporo):
    person = UserFactory()
    grant(person, "org_admin", sapporo, pending=True)
    assert not person.has_perm("core.manage_roles", sapporo)
    assert not person.has_perm("core.view_staff_area", sapporo)


@pytest.mark.parametrize("grant_kind", ["new person", "known person"])
def test_a_failing_mail_server_never_fails_the_grant(admin_client, sapporo, settings, grant_kind,
                                                     django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailBackend"
    if grant_kind == "known person":
        UserFactory(email="kansa@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(ROLES, {"email": "kansa@example.jp", "role": "reviewer"})
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user__email="kansa@example.jp", role="reviewer").exists()
    assert Invitation.objects.filter(email="kansa@example.jp").exists()


def _invite(user, organisation):
    """Invite as the request-less system would, with a host for the link."""
    from allauth.core import context
    from django.test import RequestFactory

    with context.request_context(RequestFactory().get("/")):
        return actions.invite(None, user, organisation=organisation)


def _link_for(user, organisation):
    token, token_hash = invitations.new_token()
    now = timezone.now()
    Invitation.objects.create(user=user, email=user.email, token_hash=token_hash,
                              organisation=organisation, expires_at=now + Invitation.VALID_FOR)
    return reverse("core:invitation", args=[token])
