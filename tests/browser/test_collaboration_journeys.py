"""協働 journeys in the browser: the annual survey from registration to the published report,
and a two-sided evaluation from two blind sheets to the published comparison."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kyodo.collaboration import actions
from kyodo.collaboration.models import (
    EvaluationCriterion, EvaluationTemplate, Partner, PartnerMember, Project,
)
from kyodo.core.models import Department, Organisation, User
from kyodo.core.tests.factories import grant

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly

COORDINATOR = "coordinator@hokkaido.example.jp"
STAFF = "staff@hokkaido.example.jp"          # 環境政策課
WELFARE = "fukushi@hokkaido.example.jp"      # 地域福祉課 (added here)
MEMBER = "partner@example.jp"


@pytest.fixture
def hokkaido(demo_world):
    org = Organisation.objects.get(slug="hokkaido")
    welfare_user = User.objects.create_user(WELFARE, "kyodo-demo-2026", display_name="福祉 良子")
    grant(welfare_user, "department_staff", org, Department.objects.get(organisation=org,
                                                                        name="地域福祉課"))
    coordinator = User.objects.get(email=COORDINATOR)
    partner = Partner(organisation=org, name="NPO法人 北の森づくり", partner_type="npo",
                      area="石狩管内", email="mori@example.org", email_public=True)
    actions.save_partner(coordinator, partner, fields=["environment"])
    PartnerMember.objects.create(partner=partner, user=User.objects.get(email=MEMBER),
                                 accepted_at=timezone.now())
    return org


def as_user(page, url, email):
    page.context.clear_cookies()
    sign_in_directly(page, url(""), email)


def test_departments_answer_the_survey_and_a_visitor_reads_the_report(page, phone_page, url,
                                                                     hokkaido):
    coordinator = User.objects.get(email=COORDINATOR)
    campaign = actions.create_campaign(coordinator, hokkaido, fiscal_year=2025,
                                       deadline=timezone.localdate() + datetime.timedelta(days=30))
    actions.open_campaign(coordinator, campaign)

    # 環境政策課 registers a project and submits its answer.
    as_user(page, url, STAFF)
    page.goto(url("/org/hokkaido/collaboration/manage/"))
    page.get_by_role("link", name=re.compile("令和7年度 協働取組実態調査")).click()
    page.get_by_role("link", name="協働事業を登録する").click()
    page.get_by_label("事業名").fill("道民の森づくり事業")
    page.get_by_label("委託").check()
    page.get_by_label("7. 環境の保全を図る活動").check()
    page.get_by_label("予算額(円)").fill("1200000")
    page.locator("#id_partners-0-name").fill("NPO法人 北の森づくり")
    page.locator("#id_partners-0-partner_type").select_option("npo")
    page.locator("#id_partners-0-role").fill("植樹会の運営")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("協働事業「道民の森づくり事業」を保存しました。")).to_be_visible()
    page.get_by_role("button", name="登録した事業で回答を提出する").click()
    expect(page.get_by_text("回答を提出しました。")).to_be_visible()

    # 地域福祉課 had no collaboration project this year.
    as_user(page, url, WELFARE)
    page.goto(url("/org/hokkaido/collaboration/manage/"))
    page.get_by_role("link", name=re.compile("令和7年度 協働取組実態調査")).click()
    page.get_by_role("button", name="今年度は該当なしと回答する").click()
    expect(page.get_by_text("「該当なし」と回答しました。")).to_be_visible()

    # The coordinator follows completion, closes and publishes.
    as_user(page, url, COORDINATOR)
    page.goto(url(f"/org/hokkaido/collaboration/manage/campaigns/{campaign.pk}/"))
    expect(page.get_by_text(re.compile(r"回答済 2 / \d+ 部署"))).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="調査を締め切る").click()
    page.get_by_role("button", name="集計結果を公表する").click()
    expect(page.get_by_text("集計結果を公表しました。")).to_be_visible()

    # A visitor reads the report, on a phone too.
    page.context.clear_cookies()
    page.goto(url("/org/hokkaido/collaboration/"))
    page.get_by_role("link", name=re.compile("協働取組実態調査の結果")).first.click()
    page.get_by_role("link", name=re.compile("令和7年度")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("令和7年度 協働取組実態調査")
    expect(page.locator(".chart").first).to_be_visible()
    expect(page.get_by_role("table").first.get_by_role("row", name=re.compile("^委託 1"))).to_be_visible()
    assert_no_axe_violations(page)
    phone_page.goto(url("/org/hokkaido/collaboration/reports/2025/"))
    assert_no_horizontal_scroll(phone_page)
    assert Project.objects.get().is_public


def test_department_and_partner_evaluate_blind_then_a_visitor_sees_both(page, url, hokkaido):
    coordinator = User.objects.get(email=COORDINATOR)
    environment = Department.objects.get(organisation=hokkaido, name="環境政策課")
    partner = Partner.objects.get(name="NPO法人 北の森づくり")
    project = Project(organisation=hokkaido, department=environment, fiscal_year=2024,
                      title="道民の森づくり事業", budget=1_200_000)
    actions.save_project(coordinator, project, forms=["commission"], fields=["environment"],
                         partners=[{"name": partner.name, "partner_type": "npo",
                                    "partner": partner, "role": "植樹会の運営"}])
    template = EvaluationTemplate.objects.create(
        organisation=hokkaido, name="協働事業評価シート",
        scale=[[5, "はるかに上回った"], [4, "やや上回った"], [3, "想定の範囲"], [2, "やや低い"],
               [1, "はるかに低い"]])
    for number, title in enumerate(["目的の共有", "対等な関係", "役割分担・責任の明確化"], start=1):
        EvaluationCriterion.objects.create(template=template, stage="after", number=number,
                                           title=title)
    evaluation = actions.start_evaluation(coordinator, project, partner=partner, template=template)
    evaluation_url = url(f"/org/hokkaido/collaboration/evaluations/{evaluation.pk}/")

    # The department fills in its sheet.
    as_user(page, url, STAFF)
    page.goto(evaluation_url)
    page.get_by_role("link", name="行政(担当部署)の評価シートを記入する").click()
    for title in ("目的の共有", "対等な関係"):
        page.get_by_role("group", name=re.compile(title)).get_by_label("4 やや上回った").check()
    page.get_by_role("group", name=re.compile("役割分担")).get_by_label("5 はるかに上回った").check()
    page.get_by_label("「役割分担・責任の明確化」の理由・意見").fill("行政側は十分に分担できたと考える")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="提出する").click()
    expect(page.get_by_text("評価シートを提出しました。")).to_be_visible()

    # The partner cannot see the department's sheet before submitting its own.
    as_user(page, url, MEMBER)
    page.goto(evaluation_url)
    expect(page.get_by_text("行政側は十分に分担できたと考える")).to_have_count(0)
    expect(page.get_by_text("非公開(双方の提出後に表示)").first).to_be_visible()
    page.get_by_role("link", name="協働団体の評価シートを記入する").click()
    page.get_by_role("group", name=re.compile("目的の共有")).get_by_label("4 やや上回った").check()
    page.get_by_role("group", name=re.compile("対等な関係")).get_by_label("3 想定の範囲").check()
    page.get_by_role("group", name=re.compile("役割分担")).get_by_label("2 やや低い").check()
    page.get_by_label("「役割分担・責任の明確化」の理由・意見").fill("団体の負担が大きかった")
    page.get_by_role("button", name="提出する").click()

    # Both are in: side by side with the gap highlighted; the partner writes the joint comment.
    expect(page.get_by_text("行政側は十分に分担できたと考える")).to_be_visible()
    expect(page.get_by_text("差が大きい", exact=True)).to_be_visible()
    page.get_by_role("textbox", name=re.compile("双方の協議による総括")).fill("役割分担を来年度の企画会議で見直す。")
    page.get_by_role("button", name="総括を保存する").click()

    # The coordinator publishes.
    as_user(page, url, COORDINATOR)
    page.goto(evaluation_url)
    page.get_by_role("button", name="評価結果を公表する").click()
    expect(page.get_by_text("評価結果を公表しました。")).to_be_visible()

    # A visitor sees both views side by side, and the score on the project page.
    page.context.clear_cookies()
    page.goto(url("/org/hokkaido/collaboration/evaluations/"))
    page.get_by_role("link", name="道民の森づくり事業").click()
    expect(page.get_by_text("団体の負担が大きかった")).to_be_visible()
    expect(page.get_by_text("行政側は十分に分担できたと考える")).to_be_visible()
    expect(page.get_by_text("役割分担を来年度の企画会議で見直す。")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="協働事業のページへ").click()
    expect(page.get_by_text(re.compile("評価点"))).to_be_visible()


def test_the_coordinator_registers_a_partner_and_adds_a_criterion(page, phone_page, url, hokkaido):
    template = EvaluationTemplate.objects.create(
        organisation=hokkaido, name="協働事業評価シート",
        scale=[[5, "はるかに上回った"], [3, "想定の範囲"], [1, "はるかに低い"]])
    for number, title in enumerate(["目的の共有", "対等な関係"], start=1):
        EvaluationCriterion.objects.create(template=template, stage="after", number=number,
                                           title=title)

    # From the module's staff home to a new partner, verified at once, with a member.
    as_user(page, url, COORDINATOR)
    page.goto(url("/org/hokkaido/collaboration/manage/"))
    page.get_by_role("link", name="団体の管理(市民活動団体・メンバー)").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="団体を登録する").click()
    page.get_by_role("button", name="登録する").click()  # empty: errors next to the fields
    expect(page.locator("#id_name_error")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("団体名").fill("NPO法人 川の学校")
    page.get_by_label("団体の種別").select_option("npo")
    page.get_by_label("7. 環境の保全を図る活動").check()
    page.get_by_label("電話番号", exact=True).fill("011-111-1111")
    page.get_by_label("電話番号を公開する").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_text("団体「NPO法人 川の学校」を登録しました。")).to_be_visible()
    page.get_by_label("メンバーのメールアドレス").fill("kawa@example.org")
    page.get_by_role("button", name="メンバーに追加する").click()
    expect(page.get_by_text("kawa@example.org をメンバーに追加し")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("kawa@example.org"))).to_be_visible()
    assert_no_axe_violations(page)
    assert Partner.objects.get(name="NPO法人 川の学校").is_listed

    # A criterion added to the 事後 stage, then moved up, without any script needed.
    page.goto(url("/org/hokkaido/collaboration/manage/"))
    page.get_by_role("link", name="評価様式と評価項目").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="協働事業評価シート").click()
    page.get_by_role("link", name="事後評価の項目を追加する").click()
    page.get_by_label("評価項目").fill("成果の共有")
    page.get_by_role("button", name="評価項目を追加する").click()
    expect(page.get_by_text("評価項目「成果の共有」を追加しました。")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"上へ\s*: 成果の共有")).click()
    expect(page.locator("#stage-after-section .criteria-list__title")).to_have_text(
        ["1. 目的の共有", "2. 成果の共有", "3. 対等な関係"])
    assert_no_axe_violations(page)
    phone_page.context.add_cookies(page.context.cookies())
    for path in (f"templates/{template.pk}/", "partners/", "initiatives/", "initiatives/new/"):
        phone_page.goto(url(f"/org/hokkaido/collaboration/manage/{path}"))
        assert_no_horizontal_scroll(phone_page)
        assert_no_axe_violations(phone_page)
