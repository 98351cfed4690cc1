"""An organisation admin must set up TOTP before the admin screens, and is asked for a code at
every login from then on."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD, log_in


def totp_code(secret, offset=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def test_admin_sets_up_totp_then_logs_in_with_it(page, url, demo_world):
    log_in(page, url(""), "admin@sapporo.example.jp")
    page.goto(url("/org/sapporo/manage/"))
    # Sent to the authenticator set-up first; allauth asks for the password again before a
    # security change.
    expect(page.get_by_text("二段階認証(認証アプリ)を設定してください")).to_be_visible()
    expect(page).to_have_url(url("/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"))
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").first.click()
    expect(page).to_have_url(url("/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    assert len(secret) >= 16
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()

    page.goto(url("/org/sapporo/manage/"))
    expect(page).to_have_url(url("/org/sapporo/manage/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("管理")

    page.get_by_role("button", name="ログアウト").click()
    log_in(page, url(""), "admin@sapporo.example.jp")
    expect(page).to_have_url(url("/accounts/2fa/authenticate/"))
    # A used code is refused; the next window's code is accepted (tolerance of one window).
    page.locator("input[name=code]").fill(totp_code(secret, offset=1))
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    expect(page).to_have_url(url("/my/"))
    page.goto(url("/org/sapporo/manage/audit/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("監査ログ")
