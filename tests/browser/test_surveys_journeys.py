"""アンケート end to end at phone width: a sampled resident answers the 市民満足度調査 with the
code printed on the letter (a required question left empty is refused next to it, a question
asked only on an earlier answer appears), and the code cannot be used again; the coordinator
opens the results, the cross-tab by age band and the word analysis, and reads the answers
behind a word."""

import re

from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly


def satisfaction_survey(world):
    from kyodo.core.tests.factories import UserFactory, grant
    from kyodo.surveys import actions
    from kyodo.surveys.models import Survey, SurveyInvitation
    from kyodo.surveys.tests.conftest import fill, make_survey

    sapporo = world["organisations"]["札幌市"]
    office = world["departments"][("札幌市", ("市政推進室",))]
    survey = make_survey(sapporo, office, title="令和8年度 市民満足度調査", method=Survey.Method.INVITATION)
    fill(survey, 120)
    actions.generate_codes(None, survey, 5)
    coordinator = UserFactory(email="survey-coordinator@sapporo.example.jp")
    grant(coordinator, "coordinator", sapporo, office)
    return survey, SurveyInvitation.objects.filter(survey=survey, used_at__isnull=True).first().code


def test_a_resident_answers_with_a_code_and_staff_read_the_crosstab_and_words(phone_page, url, demo_world):
    survey, code = satisfaction_survey(demo_world)
    q = survey.q
    phone = phone_page
    phone.goto(url(f"/org/sapporo/surveys/{survey.pk}/?code={code}"))
    expect(phone.get_by_label("回答用コード")).to_have_value(code)
    phone.locator(f"input[name=q{q['used'].pk}][value='1']").check()
    # The question asked only of those who used a counter shows once they say they did.
    expect(phone.locator(f"#question-{q['window'].pk}")).to_be_visible()
    phone.locator(f"input[name=q{q['window'].pk}][value='5']").check()
    phone.locator(f"input[name=q{q['channels'].pk}][value='3']").check()
    phone.get_by_label(re.compile("施設を利用した回数")).fill("１２")
    for row, value in ((1, "4"), (2, "3"), (3, "2")):
        phone.locator(f"input[name=q{q['matrix'].pk}_r{row}][value='{value}']").check()
    phone.get_by_label(re.compile("ご意見・ご要望")).fill("除雪の情報を早く知らせてほしいです。")
    phone.get_by_label("年代").select_option("30s")
    phone.get_by_label("お住まいの区・地域").select_option("東区")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("button", name="回答を送信する").click()  # 問1 (required) left empty
    expect(phone.locator(f"#id_q{q['overall'].pk}_error")).to_contain_text("この設問は回答が必要です")
    assert_no_axe_violations(phone)
    phone.locator(f"input[name=q{q['overall'].pk}][value='4']").check()
    phone.get_by_role("button", name="回答を送信する").click()
    expect(phone.get_by_role("heading", name="回答を受け付けました")).to_be_visible()
    assert_no_axe_violations(phone)

    # The same code again is refused.
    phone.goto(url(f"/org/sapporo/surveys/{survey.pk}/?code={code}"))
    phone.locator(f"input[name=q{q['overall'].pk}][value='3']").check()
    phone.locator(f"input[name=q{q['used'].pk}][value='2']").check()
    for row in (1, 2, 3):
        phone.locator(f"input[name=q{q['matrix'].pk}_r{row}][value='3']").check()
    phone.get_by_role("button", name="回答を送信する").click()
    expect(phone.locator("#id_code_error")).to_contain_text("すでに使われています")

    # The coordinator: results, cross-tab by age band, word analysis and the answers behind a word.
    sign_in_directly(phone, url(""), "survey-coordinator@sapporo.example.jp")
    phone.goto(url(f"/org/sapporo/surveys/manage/{survey.pk}/"))
    expect(phone.get_by_test_id("responses")).to_have_text("121")
    phone.get_by_role("link", name="クロス集計").click()
    phone.get_by_label("属性").select_option("age_band")
    phone.get_by_role("button", name="集計する").click()
    table = phone.get_by_test_id("crosstab")
    expect(table).to_contain_text("30代")
    expect(table).to_contain_text("全体")
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.goto(url(f"/org/sapporo/surveys/manage/{survey.pk}/words/{q['comment'].pk}/"))
    phone.get_by_role("button", name="分析する").click()
    expect(phone.get_by_test_id("analysis-status")).to_contain_text("完了")
    expect(phone.get_by_role("img", name=re.compile("共起ネットワーク"))).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_no_axe_violations(phone)
    phone.get_by_test_id("word-table").get_by_role("link", name="除雪").click()
    expect(phone.get_by_role("heading", name="「除雪」を含む回答")).to_be_visible()
    expect(phone.locator(".survey-answers")).to_contain_text("除雪の情報を早く知らせてほしいです。")


def test_answers_being_typed_are_kept_in_the_browser_until_sent(phone_page, url, demo_world):
    """Issue 17 §3: partial answers are saved in the browser until sent — a reload (a phone that
    dropped the page) brings them back, with the questions they open; once sent, nothing stays."""
    from kyodo.surveys.tests.conftest import make_survey

    sapporo = demo_world["organisations"]["札幌市"]
    office = demo_world["departments"][("札幌市", ("市政推進室",))]
    survey = make_survey(sapporo, office, title="区役所の窓口についてのアンケート")
    q = survey.q
    phone = phone_page
    phone.goto(url(f"/org/sapporo/surveys/{survey.pk}/"))
    expect(phone.locator(".survey-draft-note")).to_be_visible()
    phone.locator(f"input[name=q{q['overall'].pk}][value='4']").check()
    phone.locator(f"input[name=q{q['used'].pk}][value='1']").check()
    comment = phone.get_by_label(re.compile("ご意見・ご要望"))
    comment.fill("窓口の案内がわかりやすくなりました。")
    phone.get_by_label("年代").select_option("60s")

    phone.reload()
    expect(phone.locator(f"input[name=q{q['overall'].pk}][value='4']")).to_be_checked()
    expect(phone.locator(f"#question-{q['window'].pk}")).to_be_visible()  # opened by the restored answer
    expect(comment).to_have_value("窓口の案内がわかりやすくなりました。")
    expect(phone.get_by_label("年代")).to_have_value("60s")
    assert_no_axe_violations(phone)

    phone.locator(f"input[name=q{q['window'].pk}][value='5']").check()
    for row in (1, 2, 3):
        phone.locator(f"input[name=q{q['matrix'].pk}_r{row}][value='4']").check()
    phone.get_by_role("button", name="回答を送信する").click()
    expect(phone.get_by_role("heading", name="回答を受け付けました")).to_be_visible()
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kyodo-draft-')).length") == 0
    phone.goto(url(f"/org/sapporo/surveys/{survey.pk}/"))
    expect(phone.get_by_label(re.compile("ご意見・ご要望"))).to_have_value("")
    expect(phone.locator(f"input[name=q{q['overall'].pk}][value='4']")).not_to_be_checked()
