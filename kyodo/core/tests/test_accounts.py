"""Accounts through django-allauth: e-mail login, throttled failures (the owner gets in by a
password reset), password reset by mail, sign-up with a verified address that reveals no
account, mails through the task queue, TOTP at login."""

import re

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import mail
from django.core.cache import cache

from kyodo.core.models import User

from .factories import UserFactory, enable_totp

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


def login(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_login_with_email_and_password(client, db):
    UserFactory(email="hanako@example.jp")
    response = login(client, "hanako@example.jp", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/my/"
    assert client.get("/my/").status_code == 200


def test_wrong_password_gets_a_japanese_message(client, db):
    UserFactory(email="hanako@example.jp")
    response = login(client, "hanako@example.jp", "wrong-password")
    assert response.status_code == 200
    assert "メールアドレスもしくはパスワードが正しくありません" in response.content.decode()


def test_failed_logins_are_throttled(client, db):
    UserFactory(email="hanako@example.jp")
    for _ in range(5):
        assert login(client, "hanako@example.jp", "wrong-password").status_code == 200
    # The sixth failure within five minutes is refused, even with the right password...
    response = login(client, "hanako@example.jp", PASSWORD)
    html = response.content.decode()
    assert "ログイン失敗が連続しています" in html
    assert "_auth_user_id" not in client.session
    # ...and the page offers the way in that proves control of the mailbox.
    assert '<a href="/accounts/password/reset/">パスワードの再設定</a>' in html


def test_the_owner_of_a_throttled_account_gets_in_through_a_password_reset(
        client, db, django_capture_on_commit_callbacks):
    user = UserFactory(email="hanako@example.jp")
    for _ in range(6):
        login(client, "hanako@example.jp", "wrong-password")
    assert "ログイン失敗が連続しています" in login(client, "hanako@example.jp", PASSWORD).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/password/reset/",
                           {"email": "hanako@example.jp"}).status_code == 302
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url, {"password1": "new-strong-pass-2026", "password2": "new-strong-pass-2026"})
    user.refresh_from_db()
    assert user.check_password("new-strong-pass-2026")
    response = login(client, "hanako@example.jp", "new-strong-pass-2026")
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_by_mail(client, db, django_capture_on_commit_callbacks):
    user = UserFactory(email="hanako@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "hanako@example.jp"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": "new-strong-pass-2026",
                                      "password2": "new-strong-pass-2026"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("new-strong-pass-2026")


def sign_up(client, email, password="a-long-passphrase-2026"):
    return client.post("/accounts/signup/", {
        "email": email, "password1": password, "password2": password})


def test_sign_up_needs_the_address_verified_before_signing_in(
        client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "new@example.jp")
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="new@example.jp")
    assert not user.role_assignments.exists()
    assert "_auth_user_id" not in client.session
    # Signing in is refused until the link in the mail is opened.
    with django_capture_on_commit_callbacks(execute=True):
        login(client, "new@example.jp", "a-long-passphrase-2026")
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mail.outbox[0].body).group(1)
    client.post(link)
    assert login(client, "new@example.jp", "a-long-passphrase-2026").status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def same_page(response, address):
    """The page without what differs by nature: the address typed and the CSRF token."""
    html = response.content.decode().replace(address, "X@")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_sign_up_does_not_reveal_which_addresses_have_accounts(
        client, db, django_capture_on_commit_callbacks):
    UserFactory(email="taken@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        taken = sign_up(client, "taken@example.jp")
    taken_page = client.get(taken["Location"])
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        fresh = sign_up(client, "fresh@example.jp")
    fresh_page = client.get(fresh["Location"])
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert same_page(taken_page, "taken@") == same_page(fresh_page, "fresh@")
    # The holder of the taken address is told by mail instead; no second account exists.
    assert [m.to for m in mail.outbox] == [["taken@example.jp"], ["fresh@example.jp"]]
    assert User.objects.filter(email="taken@example.jp").count() == 1


def test_a_failing_mail_server_never_fails_the_accounts_pages(
        client, db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "kyodo.core.tests.test_invitations.BrokenMailBackend"
    UserFactory(email="hanako@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/password/reset/",
                           {"email": "hanako@example.jp"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_up(client, "new@example.jp").status_code == 302
    assert User.objects.filter(email="new@example.jp").exists()


def test_sign_up_refuses_a_weak_password_in_japanese(client, db):
    response = client.post("/accounts/signup/", {
        "email": "new@example.jp", "password1": "12345678", "password2": "12345678",
    })
    assert response.status_code == 200
    assert "このパスワードは短すぎます" in response.content.decode()
    assert not User.objects.filter(email="new@example.jp").exists()


def test_login_asks_for_the_totp_code_when_it_is_set_up(client, db):
    user = UserFactory(email="admin@example.jp")
    secret = enable_totp(user)
    response = login(client, "admin@example.jp", PASSWORD)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
