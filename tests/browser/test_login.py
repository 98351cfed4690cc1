"""Logging in and out with an e-mail address and password."""

from playwright.sync_api import expect

from .conftest import log_in


def test_login_and_logout(page, url, demo_world):
    log_in(page, url(""), "citizen@example.jp")
    expect(page).to_have_url(url("/my/"))
    expect(page.get_by_role("heading", name="マイページ")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()
    expect(page.get_by_role("link", name="ログイン")).to_be_visible()


def test_wrong_password_shows_a_japanese_message(page, url, demo_world):
    log_in(page, url(""), "citizen@example.jp", password="wrong-password")
    expect(page.get_by_text("メールアドレスもしくはパスワードが正しくありません")).to_be_visible()
    expect(page).to_have_url(url("/accounts/login/"))
