"""Fund journeys at phone width (issue 15 §5, "Done when"): a visitor filters the grant database
of 道民チャレンジ21世紀ファンド and downloads what they selected; the coordinator adds a grant, and
it shows in the database at once."""

import pytest
from playwright.sync_api import expect

from kyodo.fund import demo as fund_demo
from kyodo.fund.models import Fund, Grant

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly


@pytest.fixture
def fund(demo_world):
    fund_demo.load(demo_world)
    return Fund.objects.get(name=fund_demo.FUND_NAME)


def test_a_visitor_filters_the_grant_database_and_downloads(phone_page, url, fund):
    page = phone_page
    page.goto(url("/org/hokkaido/fund/"))
    page.get_by_role("link", name="助成データベースを検索する").click()
    expect(page.get_by_role("heading", level=1, name="助成データベース")).to_be_visible()
    total = Grant.objects.filter(fund=fund).count()
    expect(page.get_by_test_id("grant-count")).to_have_text(f"{total}件")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    page.get_by_label("年度", exact=True).select_option("2003")
    page.get_by_label("分野", exact=True).select_option("environment")
    page.get_by_role("button", name="絞り込む").click()
    selected = Grant.objects.filter(fund=fund, fiscal_year=2003, field="environment")
    expect(page.get_by_test_id("grant-count")).to_have_text(f"{selected.count()}件")
    amount = sum(selected.values_list("amount", flat=True))
    expect(page.get_by_test_id("grant-total")).to_have_text(f"{amount:,}円")
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    content = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert len(content.strip().splitlines()) == 1 + selected.count()
    assert selected.first().title in content


def test_the_coordinator_adds_a_grant(phone_page, url, fund):
    page = phone_page
    sign_in_directly(page, url(""), fund_demo.COORDINATOR)
    page.goto(url("/org/hokkaido/fund/manage/"))
    page.get_by_role("link", name="助成を登録する").click()
    page.get_by_label("募集回").select_option(label="平成17年度 第1回")
    page.get_by_label("区分").select_option(label="平成17年度 第1回 スタートアップ助成(上限 200,000円)")
    page.get_by_label("団体名必須", exact=True).fill("厚岸カキの森の会")
    page.get_by_label("事業名").fill("カキの森の植樹体験")
    page.get_by_label("分野").select_option("environment")
    page.get_by_label("活動地域").fill("釧路管内")
    page.get_by_label("助成額(円)").fill("250000")
    page.get_by_role("button", name="保存する").click()
    expect(page.locator("#id_amount_error")).to_contain_text("上限額 200,000円")
    assert_no_axe_violations(page)
    page.get_by_label("助成額(円)").fill("１８０，０００")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("heading", level=1, name="カキの森の植樹体験")).to_be_visible()
    assert_no_horizontal_scroll(page)

    # The grant is public at once: changing it is a correction with a reason, shown on its page.
    page.get_by_role("link", name="この助成を訂正・取り消す(理由を記録します)").click()
    page.get_by_label("助成額(円)").fill("150000")
    page.get_by_role("button", name="保存する").click()
    expect(page.locator("#id_correction_reason_error")).to_contain_text("訂正の理由を入力してください")
    assert_no_axe_violations(page)
    page.get_by_label("訂正の理由").fill("交付決定額の誤記")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("理由: 交付決定額の誤記")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_text("訂正前の内容を見る").click()
    expect(page.locator(".correction-notice del").first).to_have_text("180,000円")

    page.goto(url("/org/hokkaido/fund/grants/?q=カキの森"))
    expect(page.get_by_test_id("grant-count")).to_have_text("1件")
    expect(page.get_by_test_id("grant-total")).to_have_text("150,000円")
