"""The portal at phone width (issue 18): a visitor opens the portal's open calls; a signed-in
resident sees their lecture request on /my/ and follows an organisation."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly


def test_a_visitor_opens_the_open_calls_from_the_portal(phone_page, url, demo_world):
    from kyodo.lectures import demo

    demo.load(demo_world)
    phone = phone_page
    phone.goto(url("/"))
    expect(phone.get_by_role("heading", name="いま参加できること")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="いま参加できることの一覧").click()
    expect(phone.get_by_role("heading", level=1, name="いま参加できること")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name=re.compile("札幌市の出前講座")).click()
    expect(phone).to_have_url(re.compile(r"/org/sapporo/lectures/$"))


def test_a_resident_sees_their_request_on_my_page_and_follows_an_organisation(
        phone_page, url, demo_world):
    from kyodo.lectures import demo
    from kyodo.lectures.models import Request, Theme

    demo.load(demo_world)
    theme = Theme.objects.filter(organisation__slug="sapporo", active=True).order_by("number").first()
    now = timezone.now()
    request = Request.objects.create(
        organisation=theme.organisation, theme=theme, fiscal_year=theme.fiscal_year,
        sequence=Request.objects.filter(organisation=theme.organisation).count() + 900,
        group_name="花子の読書会", group_kind="circle", representative="市民 花子",
        phone="011-211-2111", email="citizen@example.jp", preferred_1=now, venue="北一条会館",
        venue_address="札幌市中央区北1条西5丁目", audience=20, department=theme.department)
    phone = phone_page
    sign_in_directly(phone, url(""), "citizen@example.jp")
    phone.goto(url("/my/"))
    items = phone.get_by_role("table", name="申込・応募・意見の状況")
    expect(items).to_contain_text(request.receipt_number)
    expect(items).to_contain_text("申込")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)

    phone.goto(url("/org/sapporo/"))
    phone.get_by_role("button", name="フォローする").click()
    expect(phone.get_by_role("button", name="フォロー中(解除する)")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.goto(url("/my/"))
    follows = phone.locator("section", has=phone.get_by_role("heading", name="フォローしているもの"))
    expect(follows.get_by_role("link", name="札幌市")).to_be_visible()
    expect(follows).to_contain_text("最新の変更")
