"""意見公募 end to end at phone width: a resident comments on a draft and gets a receipt number;
after the deadline the department's coordinator groups the comments into an opinion item,
answers it, marks the change, publishes the results and runs the word analysis of the comments;
a visitor reads the results — axe clean and without sideways scrolling on every page."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from kyodo.publiccomment.models import Call, Comment

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

TITLE = "市民意見を市政に反映する取組方針(案)"


def test_a_resident_comments_staff_answer_and_publish_a_visitor_reads(browser, phone_page, url, demo_world):
    from kyodo.publiccomment import demo

    demo.load(demo_world)
    phone = phone_page
    phone.goto(url("/org/sapporo/public-comments/"))
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name=TITLE).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("link", name="この案に意見を出す").click()
    phone.get_by_label("提出者の区分").select_option("resident")
    phone.get_by_label("住所(区・町名まで)").fill("札幌市中央区")
    phone.get_by_label("メールアドレス").fill("hanako@example.jp")
    phone.locator("#id_body").fill("意見公募の結果がいつ公表されるのか、目安を示してほしい。")
    phone.get_by_role("button", name="意見を提出する").click()
    expect(phone.locator(".form-errors, .field__errors").first).to_contain_text("同意")
    assert_no_axe_violations(phone)
    phone.get_by_label("ご意見の取扱いに同意します").check()
    phone.get_by_role("button", name="意見を提出する").click()
    receipt = phone.get_by_test_id("receipt-number")
    expect(receipt).to_have_text(re.compile(r"^PC\d+-0004$"))
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)

    # Thirty days pass: the period is over.
    call = Call.objects.get(title=TITLE)
    today = timezone.localdate()
    Call.objects.filter(pk=call.pk).update(opens_on=today - datetime.timedelta(days=31),
                                           closes_on=today - datetime.timedelta(days=2))

    # The coordinator (市政推進室) starts the review, groups, answers and publishes, on a phone.
    staff = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                locale="ja-JP", timezone_id="Asia/Tokyo", bypass_csp=True)
    try:
        page = staff.new_page()
        page.set_default_timeout(10_000)
        sign_in_directly(page, url(""), "coordinator@sapporo.example.jp")
        page.goto(url("/org/sapporo/public-comments/manage/"))
        page.get_by_role("link", name=TITLE).click()
        page.get_by_role("button", name="集計・検討を始める").click()
        expect(page.get_by_text("集計・検討を始めました")).to_be_visible()
        assert_no_axe_violations(page)
        assert_no_horizontal_scroll(page)
        page.get_by_role("link", name="意見の概要を追加").click()
        page.locator("#id_summary").fill("意見公募の結果を公表する時期の目安を示してほしい。")
        page.get_by_label("市の考え方").fill("ご意見を踏まえ、締切から2か月以内を目安に結果を公表することを方針に加えました。")
        page.get_by_label("案の修正あり").check()
        page.get_by_label("修正の内容").fill("「1 意見公募の徹底」に、結果公表の時期の目安を加えました。")
        for box in page.locator("input[name=comments]").all():
            box.check()
        assert_no_axe_violations(page)
        page.get_by_role("button", name="保存する").click()
        expect(page.get_by_text("意見の概要と市の考え方を保存しました")).to_be_visible()
        page.get_by_role("link", name="項目1の修正後の本文を書く").click()
        page.get_by_label("修正後の本文").fill(
            "市の重要な計画や条例の案は、原則として30日以上の意見公募を行い、締切から2か月以内を目安に"
            "意見の概要と市の考え方を公表します。")
        page.get_by_role("button", name="保存する").click()
        expect(page.get_by_text("修正後の本文を保存しました")).to_be_visible()
        page.get_by_label("結果の概要").fill("4件のご意見をいただき、1項目に整理しました。")
        page.get_by_role("button", name="結果を公表する").click()
        expect(page.get_by_text("結果を公表しました")).to_be_visible()
        # 語の分析 of the comments, run in the background (at once with the test's task backend).
        page.get_by_role("link", name="語の分析").click()
        expect(page.get_by_text("まだ分析していません")).to_be_visible()
        page.get_by_role("button", name="分析する").click()
        expect(page.get_by_test_id("analysis-status")).to_contain_text("完了")
        expect(page.get_by_test_id("word-table").get_by_role("link").first).to_be_visible()
        assert_no_axe_violations(page)
        assert_no_horizontal_scroll(page)
    finally:
        staff.close()
    assert Call.objects.get(pk=call.pk).status == Call.Status.PUBLISHED
    assert Comment.objects.filter(call=call, opinion_items__isnull=True).count() == 0

    # A visitor reads the results on a phone.
    phone.goto(url(f"/org/sapporo/public-comments/{call.pk}/"))
    phone.get_by_role("link", name=re.compile("結果を見る")).click()
    expect(phone.get_by_role("heading", name="意見の概要と市の考え方")).to_be_visible()
    expect(phone.locator("#opinion-1")).to_contain_text("2か月以内を目安")
    expect(phone.locator(".pc-diff ins").first).to_contain_text("締切から2か月以内を目安に")
    assert "hanako@example.jp" not in phone.content()
    assert_no_axe_violations(phone)
    assert_no_horizontal_scroll(phone)
