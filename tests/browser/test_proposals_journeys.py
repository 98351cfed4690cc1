"""協働事業提案制度 in the browser at phone width (issue 15 "Done when"): a partner member submits
a proposal to 根室市's 市民提案型 call; two reviewers score it, one of them recused from another
proposal; the coordinator decides and publishes; a visitor reads the result and finds the new
collaboration project."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kyodo.core.models import User
from kyodo.proposals import actions, demo
from kyodo.proposals.models import Call, Criterion, Proposal

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

MEMBER = "partner@nemuro.example.jp"
COORDINATOR = "coordinator@nemuro.example.jp"
REVIEWER_1 = "reviewer1@nemuro.example.jp"
REVIEWER_2 = "reviewer2@nemuro.example.jp"
TITLE = "花咲港の朝市で地元食材を味わう会"
PDF = b"%PDF-1.4\n% proposal\n"


@pytest.fixture
def nemuro(demo_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load(demo_world)
    call = Call.objects.get(title=demo.OPEN_TITLE)
    # This call screens the documents only (no presentation stage), to keep the journey short.
    Criterion.objects.filter(call=call, stage="presentation").delete()
    return call


def as_user(page, url, email):
    page.context.clear_cookies()
    if email:
        sign_in_directly(page, url(""), email)


def check(page):
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)


def test_a_proposal_from_submission_to_a_published_result_and_project(phone_page, url, nemuro):
    page = phone_page
    call = nemuro

    # The partner's member finds the call from 根室市's page and submits a proposal.
    as_user(page, url, MEMBER)
    page.goto(url("/org/nemuro/"))
    page.get_by_role("link", name=re.compile("協働事業提案制度")).click()
    page.get_by_role("link", name=re.compile(demo.OPEN_TITLE)).click()
    check(page)
    page.get_by_role("link", name="提案を作成する").click()
    page.get_by_label("テーマ・コース").select_option(label="2. 20万円コース(上限200,000円)")
    page.get_by_label("団体(名簿)").select_option(label="NPO法人 ねむろ花咲まちづくり")
    page.get_by_label("団体名").fill("NPO法人 ねむろ花咲まちづくり")
    page.get_by_label("団体の種別").select_option("npo")
    page.get_by_label("構成員数").fill("24")
    page.get_by_label("代表者・連絡担当者").fill("花咲 みなと")
    page.get_by_label("メールアドレス").fill("minato@example.org")
    page.get_by_label("事業名").fill(TITLE)
    page.get_by_label("事業の概要").fill("毎月一回、花咲港の朝市で地元の食材を味わう会を開きます。")
    page.get_by_label("事業費(希望額・円)").fill("250000")
    page.get_by_role("button", name="保存する").click()
    expect(page.locator("#id_amount_error")).to_contain_text("上限額(200,000円)を超えています")
    check(page)
    page.get_by_label("事業費(希望額・円)").fill("180000")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("提案を保存しました。書類を添付して提出してください。")).to_be_visible()
    for document in ("提案書", "収支予算書"):
        page.locator("#id_document").select_option(label=document)
        page.locator("#id_file").set_input_files(
            files=[{"name": f"{document}.pdf", "mimeType": "application/pdf", "buffer": PDF}])
        page.get_by_role("button", name="添付する").click()
        expect(page.get_by_text("書類を添付しました。")).to_be_visible()
    check(page)
    page.get_by_role("button", name="提出する").click()
    expect(page.get_by_text("提案を提出しました。")).to_be_visible()
    expect(page.locator(".page-header .status")).to_have_text("提出済")
    proposal = Proposal.objects.get(title=TITLE)
    other = Proposal.objects.get(call=call, title="空き店舗を使った多世代交流カフェ")

    # The deadline passes; the coordinator starts the screening.
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=40),
        closes_at=timezone.now() - datetime.timedelta(minutes=1))
    as_user(page, url, COORDINATOR)
    page.goto(url(f"/org/nemuro/proposals/manage/calls/{call.pk}/"))
    page.get_by_role("button", name="締め切って書類審査を始める").click()
    expect(page.get_by_text("状態を「審査中」にしました。")).to_be_visible()

    # Reviewer 1 declares a conflict with another proposal: it disappears from the list.
    as_user(page, url, REVIEWER_1)
    page.goto(url(f"/org/nemuro/proposals/review/calls/{call.pk}/"))
    check(page)
    row = page.get_by_role("row", name=re.compile(other.title))
    row.get_by_text("申告する").first.click()
    row.get_by_label("利害関係の内容").fill("提案団体の理事を務めている")
    row.get_by_role("button", name="申告する").click()
    expect(page.get_by_text("利害関係を申告しました。")).to_be_visible()
    expect(page.get_by_role("link", name=other.title)).to_have_count(0)

    # Both reviewers score the new proposal, each blind to the other.
    for email, value in ((REVIEWER_1, "4"), (REVIEWER_2, "5")):
        as_user(page, url, email)
        page.goto(url(f"/org/nemuro/proposals/review/calls/{call.pk}/"))
        page.get_by_role("row", name=re.compile(TITLE)).get_by_role("link", name=re.compile("採点する")).click()
        expect(page.locator("input[type=radio]:checked")).to_have_count(0)
        for criterion in call.criteria.all():
            page.locator(f"input[name=criterion_{criterion.pk}][value='{value}']").check()
        check(page)
        page.get_by_role("button", name="提出する").click()
        expect(page.get_by_text("審査票を提出しました。")).to_be_visible()

    # The coordinator sees the ranking with each reviewer's scores, decides and publishes.
    coordinator = User.objects.get(email=COORDINATOR)
    call.refresh_from_db()
    for p in call.proposals.filter(status="submitted").exclude(pk=proposal.pk):
        actions.decide(coordinator, p, adopt=False, reason="書類審査の評点が得られませんでした。")
    as_user(page, url, COORDINATOR)
    page.goto(url(f"/org/nemuro/proposals/manage/calls/{call.pk}/ranking/"))
    card = page.locator(f"#proposal-{proposal.pk}")
    expect(card).to_contain_text("90.0点")
    expect(card.get_by_role("row", name=re.compile("審査 一子"))).to_be_visible()
    card.get_by_label("採択", exact=True).check()
    card.get_by_role("button", name=re.compile("選定を記録する")).click()
    expect(page.locator(f"#proposal-{proposal.pk} .field__errors")).to_contain_text("選定の理由を入力してください")
    card = page.locator(f"#proposal-{proposal.pk}")
    card.get_by_label("採択", exact=True).check()
    card.get_by_label(re.compile("選定の理由")).fill("地域の食を生かした交流の場として高く評価されました。")
    card.get_by_role("button", name=re.compile("選定を記録する")).click()
    expect(page.get_by_text(f"「{TITLE}」を採択としました。")).to_be_visible()
    check(page)
    page.get_by_label("審査講評").fill("3件の提案を書類審査しました。")
    page.get_by_role("button", name="審査結果を公表する").click()
    expect(page.get_by_text("審査結果を公表しました。")).to_be_visible()

    # A visitor reads the result and finds the new collaboration project.
    as_user(page, url, None)
    page.goto(url("/org/nemuro/proposals/"))
    page.get_by_role("link", name=re.compile(f"審査結果.*{re.escape(demo.OPEN_TITLE)}")).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("minato@example.org")).to_have_count(0)
    expect(page.get_by_text("審査 一子")).to_have_count(0)
    check(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check(page)


def test_the_proposer_withdraws_a_submitted_proposal(phone_page, url, nemuro):
    page = phone_page
    proposal = Proposal.objects.get(call=nemuro, title="海岸の漂着ごみ調査と清掃")
    as_user(page, url, MEMBER)
    page.goto(url(f"/org/nemuro/proposals/proposal/{proposal.pk}/"))
    page.get_by_text("取下げの手続き").click()
    check(page)
    page.get_by_role("button", name="取り下げる").click()
    expect(page.locator("#id_reason_error")).to_contain_text("取下げの理由を入力してください。")
    check(page)
    page.get_by_label("取下げの理由").fill("会員の都合により今年度は実施できなくなりました。")
    page.get_by_role("button", name="取り下げる").click()
    expect(page.get_by_text("提案を取り下げました。")).to_be_visible()
    expect(page.locator(".page-header .status")).to_have_text("取下げ")
    expect(page.get_by_text("会員の都合により今年度は実施できなくなりました。")).to_be_visible()
    check(page)
