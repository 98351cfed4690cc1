"""Site-wide search at phone width: a visitor searches from the header of the portal, gets
results from several modules with the words highlighted, narrows them to one module and
opens one."""

import re

from playwright.sync_api import expect

from kyodo.search.tests.conftest import build_world

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll


def test_a_visitor_searches_from_the_header(phone_page, url, transactional_db):
    build_world()
    page = phone_page
    page.goto(url("/"))
    box = page.get_by_role("search", name="サイト内検索").get_by_label("サイト内を検索")
    box.fill("防災")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1, name="サイト内検索")).to_be_visible()
    expect(page.get_by_test_id("search-count")).to_contain_text("件")
    results = page.locator(".search-result")
    expect(results.first).to_be_visible()
    expect(page.locator(".search-result mark").first).to_have_text("防災")
    modules = set(results.evaluate_all("items => items.map(i => i.dataset.module)"))
    assert {"plans", "councils", "lectures", "collaboration"} <= modules
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    main = page.locator("#main")
    main.get_by_label("機能").select_option(label="出前講座")
    main.get_by_role("button", name="検索").click()
    expect(page.get_by_test_id("search-count")).to_contain_text("1件")
    expect(results).to_have_count(1)
    page.get_by_role("link", name="わが家の防災").click()
    expect(page).to_have_url(re.compile(r"/org/kyodo-city/lectures/themes/\d+/$"))


def test_a_query_of_symbols_gets_a_message(phone_page, url, transactional_db):
    page = phone_page
    page.goto(url("/search/?q=%22%2A%F0%9F%99%82"))
    expect(page.get_by_test_id("search-message")).to_contain_text("記号や絵文字だけでは探せません")
    assert_no_axe_violations(page)
