"""Japanese by default; English one press away, and back."""

from playwright.sync_api import expect


def test_switch_to_english_and_back(page, url, demo_world):
    page.goto(url("/org/sapporo/"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(url("/en/org/sapporo/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_attached()
    expect(page.get_by_role("heading", name="Published work")).to_be_visible()
    page.get_by_role("button", name="日本語").click()
    expect(page).to_have_url(url("/org/sapporo/"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
