"""市民活動インフォメーション and the one calendar at phone width: a visitor opens the region's
calendar, switches month and opens an entry; finds the desk that covers their town; desk staff
record a day's consultations and see the year's statistics. axe clean, no sideways scroll."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.utils import timezone
from playwright.sync_api import expect

from kyodo.councils.models import Council, Meeting
from kyodo.desks.models import Consultation

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

JST = ZoneInfo("Asia/Tokyo")


def next_month_meeting(world):
    """An open council meeting on the 10th of next month, in 札幌市."""
    sapporo = world["organisations"]["札幌市"]
    secretariat = world["departments"][("札幌市", ("市政推進室",))]
    today = timezone.localdate()
    first_next = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    council = Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="市役所改革への提言", secretariat=secretariat,
        established_on=datetime.date(2003, 11, 1), term_start=datetime.date(2003, 11, 1),
        term_end=today + datetime.timedelta(days=800))
    starts = datetime.datetime.combine(first_next.replace(day=10), datetime.time(14), tzinfo=JST)
    return Meeting.objects.create(council=council, number=7, starts_at=starts,
                                  ends_at=starts + datetime.timedelta(hours=2), venue="市役所本庁舎 18階会議室",
                                  agenda="改革プランの進み具合", is_open=True, observer_seats=10), first_next


def test_a_visitor_finds_an_entry_in_next_months_calendar(phone_page, url, demo_world):
    meeting, first_next = next_month_meeting(demo_world)
    phone = phone_page
    phone.goto(url("/calendar/"))
    today = timezone.localdate()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"{today.year}年{today.month}月のカレンダー")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="次の月 →").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"{first_next.year}年{first_next.month}月のカレンダー")
    entry = phone.get_by_role("link", name=re.compile("市役所改革市民会議 第7回"))
    expect(entry).to_be_visible()
    expect(entry).to_contain_text("14:00〜16:00")
    expect(entry).to_contain_text("会議(傍聴可)")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="一覧表示").click()
    expect(phone.get_by_role("heading", level=2, name=re.compile(f"{first_next.month}月10日"))).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name=re.compile("市役所改革市民会議 第7回")).click()
    expect(phone).to_have_url(re.compile(f"/org/sapporo/councils/meetings/{meeting.pk}/$"))


def test_a_visitor_finds_the_desk_for_their_town(phone_page, url, demo_world):
    from kyodo.desks import demo

    demo.load(demo_world)
    phone = phone_page
    phone.goto(url("/org/hokkaido/collaboration/partners/"))
    phone.get_by_role("link", name=re.compile("お近くの市民活動インフォメーション")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("市民活動インフォメーション")
    expect(phone.locator(".result-count")).to_have_text("14か所")
    phone.get_by_label("お住まいの市町村").select_option("ニセコ町")
    phone.get_by_role("button", name="窓口を探す").click()
    expect(phone.locator(".result-count")).to_have_text("ニセコ町を担当する窓口: 1か所")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="後志支庁市民活動インフォメーション").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("後志支庁市民活動インフォメーション")
    expect(phone.get_by_text("月〜金 8:45〜17:30(祝日・年末年始を除く)").first).to_be_visible()
    expect(phone.get_by_role("link", name="0136-23-1311")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)


def test_desk_staff_record_consultations_and_see_the_year(phone_page, url, demo_world):
    from kyodo.desks import demo

    demo.load(demo_world)
    phone = phone_page
    sign_in_directly(phone, url(""), "desk@hokkaido.example.jp")
    phone.goto(url("/org/hokkaido/desks/staff/"))
    phone.get_by_role("link", name=re.compile(r"^相談記録\s*\(石狩支庁")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("石狩支庁市民活動インフォメーションの相談記録")
    before = int(phone.get_by_test_id("log-year-total").inner_text())
    assert_no_axe_violations(phone)
    phone.get_by_label("件数").fill("0")
    phone.get_by_role("button", name="記録する").click()
    expect(phone.locator("#id_count_error")).to_contain_text("件数は1以上にしてください。")
    phone.get_by_label("相談の分類").select_option(label="NPO法人の設立・運営")
    phone.get_by_label("相談の方法").select_option(label="電話")
    phone.get_by_label("件数").fill("３")
    phone.get_by_role("button", name="記録する").click()
    expect(phone.get_by_text("相談記録を追加しました。")).to_be_visible()
    expect(phone.get_by_test_id("log-year-total")).to_have_text(str(before + 3))
    line = Consultation.objects.filter(recorded_by__email="desk@hokkaido.example.jp").get()
    assert (line.topic, line.channel, line.count, line.date) == ("npo_establishment", "phone", 3,
                                                                 timezone.localdate())
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="全窓口の年度別統計").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("市民活動インフォメーションの相談件数")
    expect(phone.get_by_role("table").first).to_contain_text("石狩支庁市民活動インフォメーション")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    # Staff of 石狩 keep only 石狩's log.
    phone.goto(url("/org/hokkaido/desks/staff/"))
    expect(phone.get_by_role("link", name=re.compile("^相談記録"))).to_have_count(1)
