"""A visitor finds their way: portal → organisation home → back, on desktop and phone."""

import re

from playwright.sync_api import expect

from kyodo.core.models import User
from kyodo.core.tests.factories import enable_totp

from .conftest import assert_no_horizontal_scroll, sign_in_directly


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
        assert_no_horizontal_scroll(phone_page)
    phone_page.goto(url("/"))
    phone_page.get_by_role("link", name=re.compile("^ニセコ町")).click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("ニセコ町")


def test_staff_tables_scroll_inside_their_frame_on_a_phone(phone_page, url, demo_world):
    enable_totp(User.objects.get(email="admin@sapporo.example.jp"))
    sign_in_directly(phone_page, url(""), "admin@sapporo.example.jp")
    for path in ("/org/sapporo/manage/", "/org/sapporo/manage/roles/",
                 "/org/sapporo/manage/departments/", "/org/sapporo/manage/audit/", "/my/"):
        phone_page.goto(url(path))
        assert phone_page.url == url(path)
        assert_no_horizontal_scroll(phone_page)
