"""What careless users and attackers type into 出前講座 — year 0 and 10000, 25-digit numbers,
NUL bytes, 10,000 characters, dates that do not exist — is refused with a Japanese message next
to the field, a 400 page or an API 422, and nothing is saved; full-width digits are accepted."""

import datetime

import pytest
from django.utils import timezone

from kyodo.lectures import actions
from kyodo.lectures.models import LectureRules, Request, Theme

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
LONG = "あ" * 10_000
NUL = "北一条\x00町内会"


def apply_form(request_data, **changes):
    form = {k: (v.strftime("%Y-%m-%dT%H:%M") if hasattr(v, "strftime") else ("" if v is None else v))
            for k, v in request_data.items()}
    form.update({"consent": "on", "purpose_confirmed": "on", "form_token": "tok-hostile"})
    form.update(changes)
    return form


def apply_url(theme):
    return f"/org/sapporo/lectures/themes/{theme.pk}/apply/"


# --- Public query parameters ----------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/org/sapporo/lectures/statistics/",
    "/org/sapporo/lectures/statistics/download.csv",
    "/org/sapporo/lectures/statistics/download.xlsx",
    "/org/sapporo/lectures/open-data/events.csv",
])
@pytest.mark.parametrize("value", ["0", "10000", HUGE, "-1", "abc", "2026\x00", LONG])
def test_a_fiscal_year_out_of_range_is_a_400_in_japanese(client, theme, path, value):
    response = client.get(path, {"fiscal_year": value})
    assert response.status_code == 400
    assert "年度" in response.content.decode() or "年" in response.content.decode()


@pytest.mark.parametrize("value", ["２０２６", "令和8年度", "R8"])
def test_a_fiscal_year_in_full_width_or_wareki_is_read(client, theme, value):
    response = client.get("/org/sapporo/lectures/statistics/", {"fiscal_year": value})
    assert response.status_code == 200
    assert response.context["year"] == 2026


@pytest.mark.parametrize("value", ["\x00", LONG])
def test_the_done_page_refuses_a_token_it_cannot_read(client, sapporo, value):
    assert client.get("/org/sapporo/lectures/requests/done/", {"t": value}).status_code == 400


@pytest.mark.parametrize("params", [{"q": NUL}, {"q": LONG}, {"department": HUGE}, {"category": "\x00"}])
def test_a_catalogue_filter_it_cannot_read_is_shown_next_to_the_field(client, theme, params):
    response = client.get("/org/sapporo/lectures/", params)
    assert response.status_code == 200
    assert response.context["filters"].errors


# --- Staff query parameters -----------------------------------------------------------------------

@pytest.mark.parametrize("value", ["99999-1", "2026-13", "2026-0", "0-1", HUGE, "2026-\x00", "令和8年13月"])
def test_a_month_out_of_range_is_a_400(client, theme, reception, value):
    client.force_login(reception)
    response = client.get("/org/sapporo/lectures/manage/calendar/", {"month": value})
    assert response.status_code == 400


@pytest.mark.parametrize("value", ["２０２６－１２", "2026/12", "令和8年12月"])
def test_a_month_typed_in_full_width_or_wareki_is_read(client, theme, reception, value):
    client.force_login(reception)
    response = client.get("/org/sapporo/lectures/manage/calendar/", {"month": value})
    assert response.status_code == 200
    assert (response.context["year"], response.context["month"]) == (2026, 12)


def test_the_calendar_stops_its_links_at_the_years_the_platform_accepts(client, theme, reception):
    client.force_login(reception)
    response = client.get("/org/sapporo/lectures/manage/calendar/", {"month": "2100-12"})
    assert response.status_code == 200 and response.context["following"] is None


# --- The request form -------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("audience", HUGE), ("audience", "-5"), ("audience", "0"), ("audience", "二十五"),
    ("phone", "011\x00-211-2111"), ("phone", LONG), ("phone", "12345"),
    ("preferred_1", "10000-01-01T14:00"), ("preferred_1", "0000-01-01T14:00"),
    ("preferred_1", "2026-02-30T14:00"), ("preferred_1", "あした"), ("preferred_2", "1899-12-31T14:00"),
    ("group_name", NUL), ("group_name", LONG), ("representative", LONG), ("venue_address", LONG),
    ("questions", "あ" * 20_001), ("questions", "質問\x00"), ("email", "sato\x00@example.jp"),
    ("form_token", LONG),
])
def test_a_hostile_request_form_is_refused_next_to_the_field(client, theme, request_data, field, value):
    response = client.post(apply_url(theme), apply_form(request_data, **{field: value}))
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Request.objects.exists()


def test_full_width_digits_in_the_request_form_are_accepted_and_stored_folded(client, theme, request_data):
    response = client.post(apply_url(theme), apply_form(
        request_data, audience="２５人", phone="０１１－２１１－２１１１", preferred_1=request_data["preferred_1"]
        .strftime("%Y-%m-%dT%H:%M").translate(str.maketrans("0123456789", "０１２３４５６７８９"))))
    assert response.status_code == 302
    saved = Request.objects.get()
    assert saved.audience == 25 and saved.phone == "011-211-2111"
    assert saved.preferred_1 == request_data["preferred_1"]


def test_a_lecture_at_three_in_the_morning_is_refused_by_the_rules(client, theme, request_data):
    response = client.post(apply_url(theme), apply_form(request_data, preferred_1=next_weekday_at(30, hour=3)
                                                        .strftime("%Y-%m-%dT%H:%M")))
    assert response.status_code == 400
    assert "実施時間" in response.content.decode()
    assert not Request.objects.exists()


# --- The status look-up ----------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    {"receipt": LONG, "email": "sato@example.jp"},
    {"receipt": "R8-\x000001", "email": "sato@example.jp"},
    {"receipt": "R8-0001", "email": "sato\x00@example.jp"},
    {"receipt": "R99999999999999999999-1", "email": "sato@example.jp"},
])
def test_a_hostile_status_look_up_is_refused(client, theme, data):
    response = client.post("/org/sapporo/lectures/status/", data)
    assert response.status_code == 400
    assert response.context["found"] is None


def test_a_receipt_number_typed_in_full_width_is_found(client, sapporo, theme, request_data):
    submitted = actions.submit_request(sapporo, theme, request_data)[0]
    full_width = submitted.receipt_number.translate(str.maketrans("R0123456789-", "Ｒ０１２３４５６７８９－"))
    response = client.post("/org/sapporo/lectures/status/", {"receipt": full_width, "email": "sato@example.jp"})
    assert response.status_code == 200 and response.context["found"] == submitted


# --- Staff forms ------------------------------------------------------------------------------------

def theme_form(theme, **changes):
    form = {"fiscal_year": "2026", "number": "1", "title": theme.title, "summary": theme.summary,
            "department": theme.department_id, "duration_minutes": "90", "category": "city",
            "keywords": "", "active": "on"}
    form.update(changes)
    return form


@pytest.mark.parametrize("field, value", [
    ("fiscal_year", "0"), ("fiscal_year", "10000"), ("fiscal_year", HUGE), ("fiscal_year", "令和99"),
    ("number", HUGE), ("number", "-1"), ("duration_minutes", "99999"), ("duration_minutes", "0"),
    ("title", LONG), ("summary", "あ" * 20_001), ("summary", "内容\x00"), ("department", HUGE),
    ("category", "\x00"),
])
def test_a_hostile_theme_form_is_refused_and_nothing_changes(client, theme, office_staff, field, value):
    client.force_login(office_staff)
    response = client.post(f"/org/sapporo/lectures/manage/themes/{theme.pk}/", theme_form(theme, **{field: value}))
    assert response.status_code == 400 and response.context["form"].errors
    assert Theme.objects.get(pk=theme.pk).fiscal_year == 2026
    assert Theme.objects.count() == 1


def test_a_theme_year_in_wareki_and_full_width_is_accepted(client, theme, office_staff):
    client.force_login(office_staff)
    response = client.post(f"/org/sapporo/lectures/manage/themes/{theme.pk}/",
                           theme_form(theme, fiscal_year="令和9年度", number="１２", duration_minutes="１２０"))
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.fiscal_year, theme.number, theme.duration_minutes) == (2027, 12, 120)


def rules_form(**changes):
    form = {"min_audience": "10", "service_area": "札幌市", "earliest_time": "09:00", "latest_time": "21:00",
            "weekdays": "0123456", "lead_days": "14", "horizon_days": "180", "daily_cap_per_department": "3",
            "excluded_purposes": "政治活動"}
    form.update(changes)
    return form


@pytest.mark.parametrize("changes, field, message", [
    ({"lead_days": "400", "horizon_days": "10"}, "lead_days", ""),
    ({"lead_days": "30", "horizon_days": "10"}, "horizon_days", "申込の期限(30日前)より長く"),
    ({"earliest_time": "21:00", "latest_time": "09:00"}, "latest_time", "開始できる時刻(最早)より後"),
    ({"min_audience": HUGE}, "min_audience", ""),
    ({"min_audience": "0"}, "min_audience", ""),
    ({"earliest_time": "25:00"}, "earliest_time", ""),
    ({"daily_cap_per_department": "-1"}, "daily_cap_per_department", ""),
    ({"weekdays": "789"}, "weekdays", "0(月)〜6(日)"),
    ({"service_area": LONG}, "service_area", ""),
    ({"excluded_purposes": "政治\x00"}, "excluded_purposes", ""),
])
def test_rules_that_contradict_or_overflow_are_refused(client, sapporo, rules, sapporo_admin, changes, field, message):
    client.force_login(sapporo_admin)
    response = client.post("/org/sapporo/lectures/manage/rules/", rules_form(**changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert LectureRules.objects.get(organisation=sapporo).lead_days == 14


def test_rules_typed_in_full_width_are_accepted(client, sapporo, rules, sapporo_admin):
    client.force_login(sapporo_admin)
    response = client.post("/org/sapporo/lectures/manage/rules/", rules_form(
        lead_days="７", horizon_days="９０", earliest_time="１０:００", weekdays="０１２３４"))
    assert response.status_code == 302
    rules.refresh_from_db()
    assert (rules.lead_days, rules.horizon_days, rules.earliest_time, rules.weekdays) == (
        7, 90, datetime.time(10, 0), "01234")


@pytest.fixture
def routed(sapporo, theme, request_data, reception, office):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    return lecture_request


def step(client, lecture_request, name, **data):
    return client.post(f"/org/sapporo/lectures/manage/requests/{lecture_request.pk}/",
                       {"step": name, **{f"{name}-{k}": v for k, v in data.items()}})


@pytest.mark.parametrize("starts_at", ["10000-01-01T14:00", "0001-01-01T14:00", "2026-02-30T14:00", HUGE, "\x00"])
def test_a_decision_date_that_cannot_be_read_is_refused(client, routed, office_staff, starts_at):
    client.force_login(office_staff)
    response = step(client, routed, "decide", starts_at=starts_at, lecturer="推進 誠")
    assert response.status_code == 400
    routed.refresh_from_db()
    assert routed.status == "routed" and routed.starts_at is None


def test_a_decision_at_three_in_the_morning_needs_an_override_with_a_reason(client, routed, office_staff):
    client.force_login(office_staff)
    night = next_weekday_at(30, hour=3).strftime("%Y-%m-%dT%H:%M")
    response = step(client, routed, "decide", starts_at=night, lecturer="推進 誠")
    assert response.status_code == 400
    assert "規則: 実施時間" in response.content.decode() and "例外とする理由" in response.content.decode()
    routed.refresh_from_db()
    assert routed.status == "routed"
    response = step(client, routed, "decide", starts_at=night, lecturer="推進 誠",
                    override_reason="夜勤明けの職場での講座(先方の希望)")
    assert response.status_code == 302
    routed.refresh_from_db()
    assert routed.status == "decided"
    assert "実施要綱の例外: 夜勤明けの職場での講座" in routed.transitions.last().note


def test_a_past_decision_date_is_refused_even_with_an_override(client, routed, office_staff):
    client.force_login(office_staff)
    past = (timezone.localtime() - datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = step(client, routed, "decide", starts_at=past, lecturer="推進 誠", override_reason="記録のため")
    assert response.status_code == 400 and "過ぎた日時には決定できません" in response.content.decode()
    routed.refresh_from_db()
    assert routed.status == "routed"


@pytest.mark.parametrize("value", [HUGE, "-1", "10001", "三十"])
def test_a_report_with_an_impossible_audience_is_refused(client, routed, office_staff, value):
    Request.objects.filter(pk=routed.pk).update(status="held", starts_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(office_staff)
    response = step(client, routed, "report", actual_audience=value)
    assert response.status_code == 400
    routed.refresh_from_db()
    assert routed.status == "held" and routed.actual_audience is None


@pytest.mark.parametrize("step_name, field", [("decline", "reason"), ("route", "note")])
def test_notes_with_nul_or_beyond_the_limit_are_refused(client, routed, reception, step_name, field):
    Request.objects.filter(pk=routed.pk).update(status="received")
    client.force_login(reception)
    for value in ("理由\x00", "あ" * 20_001):
        response = step(client, routed, step_name, **{field: value, "department": routed.department_id})
        assert response.status_code == 400
    routed.refresh_from_db()
    assert routed.status == "received"


# --- The API ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/api/v1/organisations/sapporo/lectures/statistics/0",
    "/api/v1/organisations/sapporo/lectures/statistics/10000",
    f"/api/v1/organisations/sapporo/lectures/statistics/{HUGE}",
    "/api/v1/organisations/sapporo/lectures/held?fiscal_year=0",
    f"/api/v1/organisations/sapporo/lectures/held?page={HUGE}",
    "/api/v1/organisations/sapporo/lectures/themes?q=%00",
    "/api/v1/organisations/sapporo/lectures/themes?category=%00",
])
def test_the_api_refuses_hostile_arguments_with_a_422(client, theme, url):
    response = client.get(url)
    assert response.status_code == 422
    assert "detail" in response.json()


# --- Stored values never take a page down ---------------------------------------------------------

def test_a_request_stored_with_an_impossible_year_still_shows(client, sapporo, theme, request_data, reception):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    Request.objects.filter(pk=lecture_request.pk).update(fiscal_year=1200)
    client.force_login(reception)
    assert client.get("/org/sapporo/lectures/manage/").status_code == 200
    assert client.get(f"/org/sapporo/lectures/manage/requests/{lecture_request.pk}/").status_code == 200
    assert client.get("/org/sapporo/lectures/statistics/", {"fiscal_year": "2026"}).status_code == 200
