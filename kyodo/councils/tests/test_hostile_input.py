"""What people (and scripts) type into the council screens: year 0 and 10000, 25-digit
numbers, NUL bytes, 10,000-character strings and malformed dates are refused with a Japanese
message next to the field (forms), a 400 (ids posted by hand), a 422 (API) — nothing is saved
and nothing answers 500. Full-width digits and 和暦 are what people type on phones: accepted."""

import datetime

import pytest
from django.utils import timezone

from kyodo.councils import actions
from kyodo.councils.models import (
    Application, Call, Council, CouncilBudget, EvaluationRound, Meeting, Member, Rating,
    Reservation,
)

from .conftest import D

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/councils/workspace/"
HUGE = "9" * 25
LONG = "あ" * 10_000


@pytest.fixture
def staff(client, secretariat):
    client.force_login(secretariat)
    return client


def budget(**overrides):
    return {"fiscal_year": "2004", "kind": "fees", "amount": "3600000", "note": "", **overrides}


def council_data(council, **overrides):
    return {"name": council.name, "purpose": council.purpose, "secretariat": council.secretariat_id,
            "established_on": "2003-11-01", "term_start": "2003-11-01", "term_end": "2005-10-31",
            "themes": "", "method": "", "quota_public": "10", "quota_nominated": "5",
            "quota_expert": "0", "plan": council.plan_id, **overrides}


def meeting_data(**overrides):
    return {"number": "1", "starts_at": "2004-01-20T18:00", "ends_at": "2004-01-20T20:00",
            "venue": "本庁舎", "agenda": "議題", "is_open": "on", "closed_reason": "",
            "observer_seats": "10", **overrides}


def call_data(**overrides):
    return {"title": "委員の公募", "seats": "5", "opens_on": "2003-09-01", "closes_on": "2003-09-30",
            "requirements": "市内在住", "essay_theme": "改革", "essay_max_chars": "800",
            "selection_method": "書類選考", **overrides}


def member_data(**overrides):
    return {"name": "新任 委員", "category": "nominated", "position": "member", "term_start": "2003-11-01",
            "term_end": "2005-10-31", "affiliation": "", "email": "", "phone": "", "sort_order": "0",
            "account": "", **overrides}


def refused(response, field):
    page = response.content.decode()
    return response.status_code == 200 and f'id="id_{field}_error"' in page


@pytest.mark.parametrize("field, value", [
    ("fiscal_year", "1200"),  # saved once and took the council's public page down
    ("fiscal_year", "0"),
    ("fiscal_year", "10000"),
    ("fiscal_year", HUGE),
    ("fiscal_year", "令和百年"),
    ("amount", HUGE),
    ("amount", "-1"),
    ("amount", "1000000000000"),  # 1兆円
    ("note", "備考\x00"),
    ("note", LONG),
])
def test_budget_line_refuses_hostile_values(staff, council, field, value):
    response = staff.post(f"{BASE}{council.pk}/budget/new/", budget(**{field: value}))
    assert refused(response, field)
    assert not CouncilBudget.objects.exists()


def test_budget_line_accepts_full_width_and_wareki(staff, council):
    staff.post(f"{BASE}{council.pk}/budget/new/", budget(fiscal_year="平成16年度", amount="３，６００，０００円"))
    line = CouncilBudget.objects.get()
    assert (line.fiscal_year, line.amount) == (2004, 3_600_000)


def test_a_stored_budget_of_an_impossible_year_does_not_take_the_public_page_down(client, council):
    CouncilBudget.objects.create(council=council, fiscal_year=1200, kind="fees", amount=1)
    assert client.get(f"/org/sapporo/councils/{council.pk}/").status_code == 200


@pytest.mark.parametrize("field, value", [
    ("term_start", "9999-01-01"),
    ("term_end", "0001-01-01"),
    ("term_end", "2005-13-45"),
    ("established_on", "令和100年1月1日"),
    ("quota_public", HUGE),
    ("quota_public", "-3"),
    ("name", "会議\x00"),
    ("name", LONG),
    ("purpose", "あ" * 20_001),
])
def test_council_form_refuses_hostile_values(staff, council, field, value):
    before = Council.objects.values().get()
    response = staff.post(f"{BASE}council/{council.pk}/edit/", council_data(council, **{field: value}))
    assert refused(response, field)
    assert Council.objects.values().get() == before


@pytest.mark.parametrize("field, value", [
    ("starts_at", "10000-01-01T10:00"),
    ("starts_at", "0000-01-01T10:00"),
    ("ends_at", "2004-01-20T25:00"),
    ("number", HUGE),
    ("number", "0"),
    ("observer_seats", "-1"),
    ("observer_seats", HUGE),
    ("agenda", "議題\x00"),
])
def test_meeting_form_refuses_hostile_values(staff, council, field, value):
    response = staff.post(f"{BASE}{council.pk}/meeting/new/", meeting_data(**{field: value}))
    assert refused(response, field)
    assert not Meeting.objects.exists()


def test_meeting_form_accepts_full_width_numbers(staff, council):
    staff.post(f"{BASE}{council.pk}/meeting/new/", meeting_data(number="１２", observer_seats="２０"))
    assert Meeting.objects.values_list("number", "observer_seats").get() == (12, 20)


@pytest.mark.parametrize("field, value", [
    ("seats", "0"),
    ("seats", HUGE),
    ("essay_max_chars", "0"),
    ("essay_max_chars", "30000"),
    ("opens_on", "2003-02-30"),
    ("closes_on", "10000-01-01"),
])
def test_call_form_refuses_hostile_values(staff, council, field, value):
    response = staff.post(f"{BASE}{council.pk}/call/new/", call_data(**{field: value}))
    assert refused(response, field)
    assert not Call.objects.exists()


@pytest.mark.parametrize("field, value", [
    ("phone", "電話番号"),
    ("phone", HUGE),
    ("term_start", "2003-11-31"),
    ("sort_order", HUGE),
    ("name", LONG),
])
def test_member_form_refuses_hostile_values(staff, council, field, value):
    response = staff.post(f"{BASE}{council.pk}/member/new/", member_data(**{field: value}))
    assert refused(response, field)
    assert not Member.objects.exists()


def test_member_phone_is_stored_normalised(staff, council):
    staff.post(f"{BASE}{council.pk}/member/new/", member_data(phone="０１１－２１１－２１１１"))
    assert Member.objects.get().phone == "011-211-2111"


@pytest.mark.parametrize("field, value", [
    ("fiscal_year", "1200"),
    ("fiscal_year", "2030"),  # outside the council's term (±2 years)
    ("fiscal_year", HUGE),
    ("deadline", "2005-02-30"),
    ("deadline", "99999-01-01"),
    ("criteria", "観点\n" + "あ" * 151),
    ("criteria", "\n".join(f"観点{n}" for n in range(21))),
    ("scale_labels", "よい"),
    ("scale_labels", "、".join(str(n) for n in range(11))),
    ("title", "評価\x00"),
])
def test_new_round_form_refuses_hostile_values(staff, council, item, field, value):
    data = {"title": "評価", "fiscal_year": "2004", "items": [item.pk], "criteria": "進捗\n満足度",
            "scale_labels": "十分、普通、不十分", "deadline": "", field: value}
    response = staff.post(f"{BASE}{council.pk}/evaluations/new/", data)
    assert refused(response, field)
    assert not EvaluationRound.objects.exists()


def test_new_round_accepts_wareki(staff, council, item):
    staff.post(f"{BASE}{council.pk}/evaluations/new/", {
        "title": "評価", "fiscal_year": "平成16年度", "items": [item.pk], "criteria": "進捗",
        "scale_labels": "十分、不十分", "deadline": "令和元年5月1日"})
    round_ = EvaluationRound.objects.get()
    assert (round_.fiscal_year, round_.scale_max, round_.deadline) == (2004, 2, D(2019, 5, 1))


@pytest.fixture
def evaluation(council, item, secretariat):
    return actions.open_round(secretariat, council, title="評価", fiscal_year=2005, items=[item],
                              criteria=["進捗"], scale_max=3, scale_labels=["十分", "普通", "不十分"])


@pytest.mark.parametrize("comment", ["意見\x00", "あ" * 20_001])
def test_rating_comment_with_nul_or_too_long_is_refused(client, evaluation, item, member_a, comment):
    criterion = evaluation.criteria.get()
    client.force_login(member_a.user)
    response = client.post(f"{BASE}evaluations/{evaluation.pk}/", {
        f"score_{item.pk}_{criterion.pk}": "2", f"comment_{item.pk}_{criterion.pk}": comment})
    assert response.status_code == 400 and "意見:" in response.content.decode()
    assert not Rating.objects.exists()


@pytest.mark.parametrize("score", [HUGE, "9" * 5000, "-1", "三"])
def test_rating_score_outside_the_scale_is_refused(client, evaluation, item, member_a, score):
    criterion = evaluation.criteria.get()
    client.force_login(member_a.user)
    response = client.post(f"{BASE}evaluations/{evaluation.pk}/", {f"score_{item.pk}_{criterion.pk}": score})
    assert response.status_code == 400 and "評点は1から3まで" in response.content.decode()
    assert not Rating.objects.exists()


@pytest.mark.parametrize("value", ["abc", HUGE, "-1", "1\x00"])
def test_ids_posted_by_hand_are_a_400(staff, secretariat, evaluation, open_call, value):
    actions.close_round(secretariat, evaluation)
    response = staff.post(f"{BASE}evaluations/{evaluation.pk}/manage/",
                          {"step": "verdict", "item": value, "evaluation": "評価", "response": ""})
    assert response.status_code == 400
    response = staff.post(f"{BASE}calls/{open_call.pk}/applications/", {"step": "select", "application": value})
    assert response.status_code == 400


def application(**overrides):
    return {"name": "応募 花子", "name_kana": "おうぼ はなこ", "email": "hanako@example.jp",
            "phone": "011-211-2111", "address": "札幌市中央区", "birth_year": "1970",
            "essay": "改革について", "consent": "on", **overrides}


@pytest.mark.parametrize("field, value", [
    ("birth_year", "0"),
    ("birth_year", "10000"),
    ("birth_year", HUGE),
    ("birth_year", str(timezone.localdate().year + 1)),
    ("phone", HUGE),
    ("phone", "011-211-2111\x00"),
    ("name", LONG),
    ("name", "花子\x00"),
    ("email", "a" * 250 + "@example.jp"),
    ("address", LONG),
    ("essay", "改革\x00"),
    ("essay", "あ" * 20_001),
])
def test_application_refuses_hostile_values(client, open_call, field, value):
    response = client.post(f"/org/sapporo/councils/calls/{open_call.pk}/", application(**{field: value}))
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Application.objects.exists()


@pytest.fixture
def meeting(council):
    return Meeting.objects.create(council=council, number=1, venue="本庁舎", agenda="議題",
                                  starts_at=timezone.now() + datetime.timedelta(days=7), observer_seats=10)


@pytest.mark.parametrize("field, value", [
    ("seats", "0"), ("seats", "5"), ("seats", HUGE), ("seats", "二"),
    ("name", LONG), ("name", "傍聴\x00"), ("email", "a@" + "b" * 300 + ".jp"),
])
def test_reservation_refuses_hostile_values(client, meeting, field, value):
    data = {"name": "傍聴 一", "email": "a@example.jp", "seats": "1", field: value}
    response = client.post(f"/org/sapporo/councils/meetings/{meeting.pk}/reserve/", data)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Reservation.objects.exists()


def test_reservation_accepts_full_width_seats(client, meeting):
    client.post(f"/org/sapporo/councils/meetings/{meeting.pk}/reserve/",
                {"name": "傍聴 一", "email": "a@example.jp", "seats": "２"})
    assert Reservation.objects.get().seats == 2


@pytest.mark.parametrize("query", [f"theme={HUGE}", "theme=abc", "status=%00", "status=" + "x" * 10_000,
                                   "theme=1&status=reflected&theme=-1"])
def test_tracking_filters_with_junk_show_an_invalid_filter(client, council, query):
    for url in ("/org/sapporo/councils/recommendations/", "/org/sapporo/councils/recommendations/print/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
    assert "field__errors" in client.get(f"/org/sapporo/councils/recommendations/?{query}").content.decode()


@pytest.mark.parametrize("url, status", [
    ("/api/v1/organisations/sapporo/councils/recommendations?status=bogus", 422),
    ("/api/v1/organisations/sapporo/councils/recommendations?status=%00", 422),
    ("/api/v1/organisations/sapporo/councils/recommendations?page=" + HUGE, 422),
    ("/api/v1/organisations/sapporo/councils/recommendations?status=partly", 200),
    ("/api/v1/councils/" + HUGE, 422),
    ("/api/v1/councils/0/meetings", 422),
    ("/api/v1/councils/evaluations/-1", 422),
])
def test_api_arguments_out_of_range_are_a_422(client, council, url, status):
    response = client.get(url)
    assert response.status_code == status
    if status == 422:
        assert "detail" in response.json()


@pytest.mark.parametrize("value", [HUGE, "-1", "abc", "1\x00"])
def test_posted_row_choices_are_refused_before_the_database(staff, council, item, value):
    """A 25-digit id in a choice of rows overflowed the query (found by the 500 hunter)."""
    response = staff.post(f"{BASE}{council.pk}/evaluations/new/", {
        "title": "評価", "fiscal_year": "2004", "items": [value], "criteria": "進捗", "scale_labels": "良、否"})
    assert refused(response, "items")
    response = staff.post(f"{BASE}council/{council.pk}/edit/", council_data(council, plan=value))
    assert refused(response, "plan")
    meeting = Meeting.objects.create(council=council, number=1, starts_at=timezone.now(), venue="本庁舎", agenda="議題")
    response = staff.post(f"{BASE}meetings/{meeting.pk}/", {
        "step": "record", "observers": "1", "attendees": [value], "minutes_kind": "summary", "minutes": ""})
    assert response.status_code == 400 and 'id="id_attendees_error"' in response.content.decode()
    assert not EvaluationRound.objects.exists() and not meeting.attendees.exists()
