"""市民会議 records in the browser (issue 14, "Done when"): approved minutes corrected by the
secretariat show 「訂正中」 and then the correction — when, why and the earlier text — on the
public page; the secretariat enters a paper sheet for a member without an account, and the
round page says how it came in. axe-clean at 390 px and 1280 px."""

import re

import pytest
from playwright.sync_api import expect

from kyodo.councils.models import Council, Meeting, Member, MemberProgress

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

SECRETARIAT = "coordinator@sapporo.example.jp"


@pytest.fixture
def council_world(demo_world):
    from kyodo.councils import demo as council_demo
    from kyodo.plans import demo as plan_demo

    plan_demo.load(demo_world)
    council_demo.load(demo_world)
    return Council.objects.get(name="市役所改革市民会議")


def test_minutes_corrected_after_approval_show_the_correction(page, phone_page, url, council_world):
    meeting = Meeting.objects.get(council=council_world, number=2)
    approved_text = meeting.minutes
    public = url(f"/org/sapporo/councils/meetings/{meeting.pk}/")

    sign_in_directly(page, url(""), SECRETARIAT)
    page.goto(url(f"/org/sapporo/councils/workspace/meetings/{meeting.pk}/"))
    expect(page.get_by_label("会議録", exact=True)).to_be_disabled()  # approved: not edited in place
    page.get_by_label("訂正後の会議録").fill(approved_text + "\n(第3回の日程は事務局から別途連絡する。)")
    page.get_by_label("訂正・取下げの理由").fill("次回日程の記載が漏れていたため追記しました。")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="訂正して承認待ちに戻す").click()
    expect(page.get_by_test_id("minutes-state")).to_contain_text("訂正中")

    # Until it is approved again, the public page says so and keeps the approved text.
    phone_page.goto(public)
    expect(phone_page.get_by_test_id("minutes-under-correction")).to_contain_text("訂正中")
    expect(phone_page.locator(".minutes")).to_have_text(re.compile(re.escape(approved_text.strip())))
    expect(phone_page.locator(".minutes")).not_to_contain_text("別途連絡する")
    assert_no_horizontal_scroll(phone_page)
    assert_no_axe_violations(phone_page)

    page.get_by_role("button", name="訂正した会議録を承認して公開する").click()
    expect(page.get_by_test_id("minutes-state")).to_contain_text("承認済み")

    for viewer in (phone_page, page):
        viewer.context.clear_cookies()
        viewer.goto(public)
        notice = viewer.locator(".correction-notice")
        expect(notice).to_contain_text("訂正しました。")
        expect(notice).to_contain_text("次回日程の記載が漏れていたため追記しました。")
        expect(viewer.locator(".minutes")).to_contain_text("別途連絡する")
        notice.get_by_text("訂正前の内容を見る").click()
        expect(notice.locator("del")).to_contain_text(approved_text.strip()[:20])
        assert_no_horizontal_scroll(viewer)
        assert_no_axe_violations(viewer)


def test_the_secretariat_enters_a_paper_sheet_for_a_member_without_an_account(page, phone_page, url,
                                                                             council_world):
    from kyodo.core.models import User
    from kyodo.councils import actions
    from kyodo.plans.models import ActionItem

    item = ActionItem.objects.get(code="2-3", plan__title="市役所改革プラン")
    round_ = actions.open_round(User.objects.get(email=SECRETARIAT), council_world,
                                title="平成18年度 実施状況の評価", fiscal_year=2006, items=[item],
                                criteria=["計画の進捗状況", "市民の満足度"])
    member = Member.objects.get(council=council_world, name="佐々木 由美")
    assert member.user_id is None
    first, second = round_.criteria.all()

    for viewer, width in ((phone_page, 390), (page, 1280)):
        sign_in_directly(viewer, url(""), SECRETARIAT)
        viewer.goto(url(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/manage/"))
        row = viewer.get_by_test_id(f"completion-{member.pk}")
        expect(row).to_contain_text("アカウントなし")
        assert_no_horizontal_scroll(viewer)
        assert_no_axe_violations(viewer)
        row.get_by_role("link", name=re.compile("紙の評価票を入力")).click()
        expect(viewer.get_by_role("heading", name="佐々木 由美 委員の評価票を代理入力")).to_be_visible()
        expect(viewer.locator(".sheet-context").first).to_contain_text("進捗報告")
        assert_no_horizontal_scroll(viewer)
        assert_no_axe_violations(viewer)
        if width == 390:  # on the phone, look and leave; the sheet is entered at the desk
            continue
        viewer.get_by_role("button", name="提出として入力する").click()
        expect(viewer.get_by_role("alert")).to_contain_text("受け取った方法を選んでください")
        viewer.get_by_label("受け取った方法").select_option(label="ファクス")
        viewer.locator(f'input[name="score_{item.pk}_{first.pk}"][value="4"]').check()
        viewer.locator(f'input[name="score_{item.pk}_{second.pk}"][value="2"]').check()
        viewer.get_by_label("意見(任意)").nth(1).fill("窓口の待ち時間はまだ長いと感じる。")
        viewer.get_by_role("button", name="提出として入力する").click()
        expect(viewer.get_by_text("佐々木 由美 委員の評価票を提出済みとして入力しました(ファクス)。")).to_be_visible()
        row = viewer.get_by_test_id(f"completion-{member.pk}")
        expect(row).to_contain_text("提出済")
        expect(row).to_contain_text("ファクスで受付")
        assert_no_axe_violations(viewer)

    progress = MemberProgress.objects.get(round=round_, member=member)
    assert progress.channel == "fax" and progress.entered_by.email == SECRETARIAT and progress.submitted_at
