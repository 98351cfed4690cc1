"""Staff must set up TOTP before any page, and are asked for a code at every login from then on
(the organisation admin here; every staff role and the platform admin alike)."""

from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD, log_in, totp_code


def test_admin_sets_up_totp_then_logs_in_with_it(page, url, demo_world):
    log_in(page, url(""), "admin@sapporo.example.jp", totp=False)
    # Sent to the authenticator set-up from any page, public ones too (the warning once);
    # allauth asks for the password again before a security change.
    page.goto(url("/org/sapporo/lectures/"))
    expect(page.get_by_text("二段階認証(認証アプリ)の設定が必要です")).to_be_visible()
    page.goto(url("/org/sapporo/manage/"))
    expect(page.get_by_text("二段階認証(認証アプリ)の設定が必要です")).to_be_visible()
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
    log_in(page, url(""), "admin@sapporo.example.jp", totp=False)
    expect(page).to_have_url(url("/accounts/2fa/authenticate/"))
    # A used code is refused; the next window's code is accepted (tolerance of one window).
    page.locator("input[name=code]").fill(totp_code(secret, offset=1))
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    expect(page).to_have_url(url("/my/"))
    page.goto(url("/org/sapporo/manage/audit/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("監査ログ")
