"""axe-core finds no WCAG 2.1 A/AA violation on any page of the foundation (JIS X 8341-3 AA)."""

import pytest
from playwright.sync_api import expect

from kyodo.core import actions
from kyodo.core.models import Department, User

from .conftest import (
    assert_no_axe_violations, assert_no_horizontal_scroll, log_in, sign_in_directly,
)

PUBLIC_PAGES = [
    "/", "/en/", "/org/hokkaido/", "/org/sapporo/", "/org/niseko/", "/en/org/sapporo/",
    "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages(page, url, demo_world, path):
    page.goto(url(path))
    assert_no_axe_violations(page)


def test_phone_width_portal_and_organisation(phone_page, url, demo_world):
    for path in ("/", "/org/sapporo/"):
        phone_page.goto(url(path))
        assert_no_axe_violations(phone_page)


def test_login_error_state(page, url, demo_world):
    log_in(page, url(""), "citizen@example.jp", password="wrong")
    assert_no_axe_violations(page)


def test_totp_activation_page(page, url, demo_world):
    log_in(page, url(""), "admin@hokkaido.example.jp", totp=False)
    page.goto(url("/accounts/2fa/totp/activate/"))
    assert_no_axe_violations(page)  # the reauthentication page
    page.locator("input[name=password]").fill("kyodo-demo-2026")
    page.locator("form:has(input[name=password]) button[type=submit]").first.click()
    page.wait_for_url(url("/accounts/2fa/totp/activate/"))
    assert_no_axe_violations(page)


def test_staff_pages(page, url, demo_world):
    from kyodo.core.tests.factories import enable_totp

    # A platform admin (with TOTP set up) can open every admin screen of the foundation.
    enable_totp(User.objects.get(email="platform@example.jp"))
    sign_in_directly(page, url(""), "platform@example.jp")
    department = Department.objects.filter(organisation__slug="sapporo").first()
    for path in (
        "/my/", "/org/sapporo/manage/", "/org/sapporo/manage/profile/",
        "/org/sapporo/manage/departments/", "/org/sapporo/manage/departments/new/",
        f"/org/sapporo/manage/departments/{department.pk}/", "/org/sapporo/manage/roles/",
        "/org/sapporo/manage/audit/", "/platform/organisations/",
        "/platform/organisations/new/", "/platform/organisations/sapporo/",
        "/accounts/2fa/", "/accounts/password/change/", "/accounts/email/",
    ):
        page.goto(url(path))
        assert page.url == url(path), f"{path} redirected to {page.url}"
        assert_no_axe_violations(page)
    # A form with errors next to its fields.
    page.goto(url("/org/sapporo/manage/departments/new/"))
    page.locator("form.form button[type=submit]").click()
    expect(page.locator(".field__errors").first).to_be_visible()
    assert_no_axe_violations(page)


def test_audit_log_reads_on_a_phone_and_a_desktop(page, phone_page, url, demo_world):
    """The audit log's wide table becomes stacked cards on a phone (no sideways scroll), its
    filters and export link work, and axe finds nothing at either width."""
    from kyodo.core.tests.factories import enable_totp

    admin = User.objects.get(email="platform@example.jp")
    enable_totp(admin)
    department = Department.objects.filter(organisation__slug="sapporo").first()
    department.phone = "011-211-9999"
    actions.save_department(admin, department)
    for browser_page in (phone_page, page):
        sign_in_directly(browser_page, url(""), "platform@example.jp")
        browser_page.goto(url("/org/sapporo/manage/audit/"))
        row = browser_page.locator("#audit-results tbody tr").first
        assert row.locator("th time").is_visible()
        assert "電話番号" in row.inner_text()
        assert_no_horizontal_scroll(browser_page)
        assert_no_axe_violations(browser_page)
    page.get_by_label("操作", exact=True).select_option(label="変更")
    page.wait_for_url("**action=1**")
    assert page.locator("#audit-results tbody tr").count() >= 1
    assert "action=1" in page.get_by_role("link", name="CSV形式").get_attribute("href")
    assert_no_axe_violations(page)
