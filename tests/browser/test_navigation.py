"""A visitor finds their way: portal → organisation home → back, on desktop and phone."""

import re

from playwright.sync_api import expect


def test_portal_to_organisation_and_back(page, url, demo_world):
    page.goto(url("/"))
    expect(page).to_have_title(re.compile("協働ポータル"))
    page.get_by_role("link", name=re.compile("^札幌市")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("札幌市")
    expect(page.get_by_text("011002")).to_be_visible()
    expect(page.get_by_text("市政推進室")).to_be_visible()
    page.get_by_role("navigation", name="パンくずリスト").get_by_role("link", name="ホーム").click()
    page.get_by_role("link", name=re.compile("^北海道")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("北海道")
    expect(page.get_by_text("生活振興課")).to_be_visible()


def test_skip_link_moves_focus_to_the_main_content(page, url, demo_world):
    page.goto(url("/org/sapporo/"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_phone_layout_has_no_horizontal_scroll(phone_page, url, demo_world):
    for path in ("/", "/org/sapporo/", "/org/hokkaido/", "/accounts/login/"):
        phone_page.goto(url(path))
        overflow = phone_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    phone_page.goto(url("/"))
    phone_page.get_by_role("link", name=re.compile("^ニセコ町")).click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("ニセコ町")
