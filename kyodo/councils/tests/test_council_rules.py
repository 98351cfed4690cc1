"""The rules a council's records keep (issue 14 §4): quotas per category and one 会長 and one
副会長 at a time, members' terms in order and inside the council's term, meetings that end after
they start, and a selected applicant serving the council's term. Each is refused next to its
field on the secretariat's screens and by the actions whoever calls them."""

import pytest
from django.core.exceptions import ValidationError

from kyodo.councils import actions
from kyodo.councils.models import Application, Member

from .conftest import D

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/councils/workspace/"


@pytest.fixture
def staff(client, secretariat):
    client.force_login(secretariat)
    return client


def seat(council, name, category="public", position="member", start=None, end=None):
    return Member.objects.create(council=council, name=name, category=category, position=position,
                                 term_start=start or council.term_start, term_end=end or council.term_end)


def member_form(**overrides):
    return {"name": "新任 委員", "category": "public", "position": "member", "term_start": "2003-11-01",
            "term_end": "2005-10-31", "affiliation": "", "email": "", "phone": "", "sort_order": "0",
            "account": "", **overrides}


def error_of(response, field):
    page = response.content.decode()
    marker = f'id="id_{field}_error"'
    assert marker in page, f"no error next to {field}"
    return page.split(marker, 1)[1].split("</div>", 1)[0]


def test_an_eleventh_public_member_is_refused_against_a_quota_of_ten(staff, council):
    for n in range(10):
        seat(council, f"公募 {n}")
    response = staff.post(f"{BASE}{council.pk}/member/new/", member_form())
    assert "公募の定数は10人で、任期の重なる公募の委員がすでに10人います" in error_of(response, "category")
    assert Member.objects.count() == 10


def test_a_successor_may_take_the_seat_of_a_member_whose_term_has_ended(staff, council):
    for n in range(9):
        seat(council, f"公募 {n}")
    seat(council, "退任 委員", end=D(2004, 10, 31))
    response = staff.post(f"{BASE}{council.pk}/member/new/", member_form(term_start="2004-11-01"))
    assert response.status_code == 302
    assert Member.objects.filter(name="新任 委員", term_start=D(2004, 11, 1)).exists()


def test_a_category_without_seats_takes_no_member(staff, council):
    response = staff.post(f"{BASE}{council.pk}/member/new/", member_form(category="expert"))
    assert "学識経験者の定数は0人" in error_of(response, "category")
    assert not Member.objects.exists()


@pytest.mark.parametrize("position, label", [("chair", "会長"), ("vice_chair", "副会長")])
def test_one_chair_and_one_vice_chair_at_a_time(staff, council, position, label):
    holder = seat(council, "大川 正彦", category="nominated", position=position, end=D(2004, 10, 31))
    response = staff.post(f"{BASE}{council.pk}/member/new/", member_form(position=position))
    assert f"任期の重なる{label}がすでにいます(大川 正彦)" in error_of(response, "position")
    assert not Member.objects.filter(name="新任 委員").exists()
    # The holder may edit their own record, and a successor follows once the term has ended.
    holder.affiliation = "大学教員"
    holder.full_clean()
    response = staff.post(f"{BASE}{council.pk}/member/new/", member_form(position=position, term_start="2004-11-01"))
    assert response.status_code == 302


@pytest.mark.parametrize("start, end, field, message", [
    ("2003-01-01", "2005-10-31", "term_start", "会議の任期(平成15年11月1日〜平成17年10月31日)の中に"),
    ("2003-11-01", "2006-03-31", "term_start", "会議の任期"),
    ("2005-10-31", "2003-11-01", "term_end", "任期の終了は開始より後に"),
    ("2004-04-01", "2004-04-01", "term_end", "任期の終了は開始より後に"),  # no one-day terms
])
def test_member_terms_are_in_order_and_inside_the_councils_term(staff, council, start, end, field, message):
    response = staff.post(f"{BASE}{council.pk}/member/new/", member_form(term_start=start, term_end=end))
    assert message in error_of(response, field)
    assert not Member.objects.exists()


@pytest.mark.parametrize("ends_at", ["2004-01-20T17:00", "2004-01-20T18:00"])
def test_a_meeting_ends_after_it_starts(staff, council, ends_at):
    response = staff.post(f"{BASE}{council.pk}/meeting/new/", {
        "number": "1", "starts_at": "2004-01-20T18:00", "ends_at": ends_at, "venue": "本庁舎",
        "agenda": "議題", "is_open": "on", "closed_reason": "", "observer_seats": "10"})
    assert "終了日時は開始日時より後に" in error_of(response, "ends_at")
    assert not council.meetings.exists()


def council_form(council, **overrides):
    return {"name": council.name, "purpose": council.purpose, "secretariat": council.secretariat_id,
            "established_on": "2003-11-01", "term_start": "2003-11-01", "term_end": "2005-10-31",
            "themes": "", "method": "", "quota_public": "10", "quota_nominated": "5", "quota_expert": "0",
            "plan": council.plan_id, **overrides}


def test_council_term_in_order_is_shown_next_to_the_field(staff, council):
    response = staff.post(f"{BASE}council/{council.pk}/edit/", council_form(council, term_end="2003-10-31"))
    assert "任期の終了は開始より後に" in error_of(response, "term_end")
    council.refresh_from_db()
    assert council.term_end == D(2005, 10, 31)


def test_a_council_keeps_room_for_its_members(staff, council):
    for n in range(3):
        seat(council, f"公募 {n}")
    response = staff.post(f"{BASE}council/{council.pk}/edit/", council_form(council, quota_public="2"))
    assert "公募の委員が同時に3人います" in error_of(response, "quota_public")
    response = staff.post(f"{BASE}council/{council.pk}/edit/", council_form(council, term_end="2005-03-31"))
    assert "任期の外になる委員がいます(公募 0、公募 1、公募 2)" in error_of(response, "term_end")
    council.refresh_from_db()
    assert (council.quota_public, council.term_end) == (10, D(2005, 10, 31))


def application(call, n):
    return Application.objects.create(call=call, name=f"応募 {n}", name_kana="おうぼ", email=f"a{n}@example.jp",
                                      phone="011-211-2111", address="札幌市", essay="作文")


def test_a_selected_applicant_serves_the_councils_term(open_call, secretariat, council):
    member = actions.select_applicant(secretariat, application(open_call, 1))
    assert (member.term_start, member.term_end) == (council.term_start, council.term_end)


def test_selection_stops_when_the_public_quota_is_full(open_call, secretariat, council):
    for n in range(10):
        seat(council, f"公募 {n}")
    applicant = application(open_call, 11)
    with pytest.raises(ValidationError, match="公募の定数は10人"):
        actions.select_applicant(secretariat, applicant)
    applicant.refresh_from_db()
    assert applicant.status == Application.Status.RECEIVED and Member.objects.count() == 10
