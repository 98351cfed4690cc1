"""市民会議 journeys in the browser: a resident applies to a call and is selected; two
members rate — one of them across an expired session without losing the draft — the
coordinator closes and publishes the round and a visitor sees the result on the action item's
page; a recommendation's status change shows on the public tracking table."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kyodo.core.tests.factories import UserFactory, grant
from kyodo.councils.models import (
    Call, Council, EvaluationRound, Member, MemberProgress, Rating, Recommendation,
)
from kyodo.plans.models import ActionItem

from .conftest import (
    DEMO_PASSWORD, assert_no_axe_violations, assert_no_horizontal_scroll, log_in,
    sign_in_directly,
)


@pytest.fixture
def council_world(demo_world):
    from kyodo.councils import demo as council_demo
    from kyodo.plans import demo as plan_demo

    plan_demo.load(demo_world)
    council_demo.load(demo_world)
    return Council.objects.get(name="市役所改革市民会議")


def test_resident_applies_on_a_phone_and_is_selected(phone_page, page, url, council_world):
    call = Call.objects.get(title="市役所改革市民会議 次期委員の公募")
    next_term = call.council  # the applicants serve the next term (第2期), within its quotas
    phone_page.goto(url(f"/org/sapporo/councils/{next_term.pk}/"))
    phone_page.get_by_role("link", name="市役所改革市民会議 次期委員の公募").click()
    phone_page.get_by_label("氏名").fill("応募 花子")
    phone_page.get_by_label("ふりがな").fill("おうぼ はなこ")
    phone_page.get_by_label("メールアドレス").fill("hanako@example.jp")
    phone_page.get_by_label("電話番号").fill("011-211-2111")
    phone_page.get_by_label("住所").fill("札幌市中央区北1条西2丁目")
    phone_page.get_by_label("小論文").fill("窓口の待ち時間がどれだけ減ったかを、市民の目で確かめたいと思います。")
    phone_page.get_by_role("button", name="応募する").click()
    expect(phone_page.locator("#id_consent_error")).to_contain_text("同意が必要です")
    assert_no_axe_violations(phone_page)
    phone_page.get_by_label("個人情報の取扱いに同意します").check()
    phone_page.get_by_role("button", name="応募する").click()
    expect(phone_page.get_by_role("heading", name="応募を受け付けました")).to_be_visible()
    assert_no_horizontal_scroll(phone_page)

    sign_in_directly(page, url(""), "coordinator@sapporo.example.jp")
    page.goto(url(f"/org/sapporo/councils/workspace/calls/{call.pk}/applications/"))
    page.get_by_role("button", name="応募 花子 さんを選出").click()
    expect(page.get_by_text("応募 花子 さんを委員に選びました。")).to_be_visible()
    page.goto(url(f"/org/sapporo/councils/{next_term.pk}/"))
    expect(page.get_by_role("row", name=re.compile("応募 花子"))).to_contain_text("公募")
    assert "hanako@example.jp" not in page.content()


def test_members_rate_across_an_expired_session_and_the_result_is_published(
        page, browser, url, council_world, live_server):
    item = ActionItem.objects.get(code="2-3", plan__title="市役所改革プラン")
    # A fresh round on one item, two members with accounts.
    from kyodo.councils import actions
    from kyodo.core.models import User

    coordinator = User.objects.get(email="coordinator@sapporo.example.jp")
    round_ = actions.open_round(coordinator, council_world, title="平成18年度 実施状況の評価",
                                fiscal_year=2006, items=[item], criteria=["計画の進捗状況", "市民の満足度"],
                                scale_labels=["十分", "おおむね十分", "普通", "やや不十分", "不十分"])
    second = UserFactory(email="misaki@example.jp", password=DEMO_PASSWORD)
    grant(second, "council_member", council_world.organisation)
    Member.objects.filter(council=council_world, name="田中 美咲").update(user=second,
                                                                     user_accepted_at=timezone.now())
    criteria = list(round_.criteria.all())
    rate_url = url(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/")

    # Member one rates, the draft autosaves, then the session expires mid-way.
    log_in(page, url(""), "council@example.jp")
    page.goto(rate_url)
    first, second_criterion = criteria
    page.locator(f'input[name="score_{item.pk}_{first.pk}"][value="4"]').check()
    expect(page.locator("#autosave-status")).to_contain_text("保存しました")
    assert_no_axe_violations(page)
    page.context.clear_cookies(name="sessionid")  # the session expires (the CSRF cookie stays)
    page.locator(f'input[name="score_{item.pk}_{second_criterion.pk}"][value="2"]').check()
    page.get_by_label("意見(任意)").nth(1).fill("満足している市民はまだ少ない。")
    page.get_by_role("button", name="提出する").click()  # → the login page
    page.get_by_label("メールアドレス").fill("council@example.jp")
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(rate_url)
    expect(page.locator("#autosave-status")).to_contain_text("復元しました")
    expect(page.locator(f'input[name="score_{item.pk}_{second_criterion.pk}"][value="2"]')).to_be_checked()
    page.get_by_role("button", name="提出する").click()
    expect(page.get_by_text("評価を提出しました。")).to_be_visible()
    member_one = Member.objects.get(council=council_world, name="会議 一郎")
    assert {(r.criterion_id, r.score) for r in Rating.objects.filter(round=round_, member=member_one)} == {
        (first.pk, 4), (second_criterion.pk, 2)}

    # Member two rates in another browser.
    other = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844}, bypass_csp=True)
    other_page = other.new_page()
    sign_in_directly(other_page, url(""), "misaki@example.jp")
    other_page.goto(rate_url)
    other_page.locator(f'input[name="score_{item.pk}_{first.pk}"][value="5"]').check()
    other_page.locator(f'input[name="score_{item.pk}_{second_criterion.pk}"][value="3"]').check()
    other_page.get_by_role("button", name="提出する").click()
    expect(other_page.get_by_text("評価を提出しました。")).to_be_visible()
    assert_no_horizontal_scroll(other_page)
    other.close()
    assert MemberProgress.objects.filter(round=round_, submitted_at__isnull=False).count() == 2

    # The coordinator closes, records the verdict and publishes.
    page.context.clear_cookies()
    sign_in_directly(page, url(""), "coordinator@sapporo.example.jp")
    page.goto(url(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/manage/"))
    expect(page.get_by_text(re.compile("15人中 2人が提出しました。"))).to_be_visible()
    page.get_by_role("button", name="締め切って集計する").click()
    page.get_by_label("会議としての総合評価").fill("市民の声を生かす仕組みづくりを急ぐべきである。")
    page.get_by_label("市の回答").fill("平成19年度から分析結果を公表します。")
    page.get_by_role("button", name=re.compile("総合評価を保存")).click()
    page.get_by_role("button", name="結果を公表する").click()
    expect(page.get_by_test_id("round-status")).to_have_text("公表済")
    assert EvaluationRound.objects.get(pk=round_.pk).status == "published"

    # A visitor sees it on the action item's page.
    page.context.clear_cookies()
    page.goto(url(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/"))
    section = page.locator("section", has=page.get_by_role("heading", name="市民会議の提言と評価"))
    expect(section).to_contain_text("平成18年度 実施状況の評価")
    expect(section.get_by_test_id("verdict").first).to_contain_text("仕組みづくりを急ぐべき")
    expect(section.get_by_role("row", name=re.compile("市民の満足度")).first).to_contain_text("2.5")
    assert_no_axe_violations(page)


def test_status_change_shows_on_the_public_tracking_table(page, url, council_world):
    recommendation = Recommendation.objects.get(report__title="最終提言", number=6)
    sign_in_directly(page, url(""), "coordinator@sapporo.example.jp")
    page.goto(url(f"/org/sapporo/councils/workspace/recommendations/{recommendation.pk}/"))
    page.get_by_label("反映状況").select_option("not_reflected")
    page.get_by_label("市の考え方", exact=True).fill("既存の広聴制度で対応します。")
    page.get_by_role("button", name="保存する").click()
    expect(page.locator("#id_reason_error")).to_contain_text("理由を書いてください")
    page.get_by_label("反映しない理由").fill("市民の声を聞く課の分析で代えられるため。")
    # The response is already public: changing it asks for the reason of the correction.
    page.get_by_label("市の考え方を訂正する理由").fill("検討の結果、対応を改めたため。")
    page.get_by_role("button", name="保存する").click()
    page.context.clear_cookies()
    page.goto(url("/org/sapporo/councils/recommendations/"))
    page.get_by_label("反映状況", exact=True).select_option("not_reflected")
    status = page.get_by_test_id(f"recommendation-{recommendation.pk}-status")
    expect(status).to_contain_text("反映せず")
    expect(page.locator("#tracking-table")).to_contain_text("市民の声を聞く課の分析で代えられるため。")
    assert_no_axe_violations(page)
