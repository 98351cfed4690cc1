"""Accounts through django-allauth: e-mail login, throttled failures, password reset by mail,
sign-up, TOTP at login."""

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
    # The sixth failure within five minutes is refused, even with the right password.
    response = login(client, "hanako@example.jp", PASSWORD)
    assert "ログイン失敗が連続しています" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_by_mail(client, db):
    user = UserFactory(email="hanako@example.jp")
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


def test_sign_up_creates_a_citizen_account(client, db):
    response = client.post("/accounts/signup/", {
        "email": "new@example.jp", "password1": "a-long-passphrase-2026",
        "password2": "a-long-passphrase-2026",
    })
    assert response.status_code == 302
    user = User.objects.get(email="new@example.jp")
    assert not user.role_assignments.exists()


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
