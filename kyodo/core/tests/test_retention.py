"""Retention of personal data (issue 13 §7): lecture requests, 傍聴 reservations and council
applicants are anonymised a set time after their case closes — one mechanism, a per-organisation
setting, a daily command, an audit entry per record that says who, what and why."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kyodo.core import retention
from kyodo.core.models import AuditEntry
from kyodo.core.retention import RetentionPolicy
from kyodo.councils.models import Application, Call, Council, Meeting, Reservation
from kyodo.lectures.models import Request, Theme, Transition

from .factories import DepartmentFactory, OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(n):
    return NOW - datetime.timedelta(days=n)


@pytest.fixture
def theme(sapporo):
    department = DepartmentFactory(organisation=sapporo, name="市政推進室")
    return Theme.objects.create(organisation=sapporo, fiscal_year=2026, number=1, title="市役所改革",
                                summary="-", department=department, category="city")


def lecture_request(theme, status, closed_days_ago, sequence):
    request = Request.objects.create(
        organisation=theme.organisation, theme=theme, fiscal_year=2026, sequence=sequence, status=status,
        group_name="北一条町内会", group_kind="neighbourhood", representative="佐藤 一郎", phone="011-211-2111",
        email=f"sato{sequence}@example.jp", preferred_1=days_ago((closed_days_ago or 0) + 10), venue="佐藤宅",
        venue_address="札幌市中央区北1条西5丁目", audience=20, questions="駐車場はありますか",
        department=theme.department, actual_audience=18 if status == "reported" else None)
    if closed_days_ago is not None:
        Transition.objects.create(request=request, from_status="held", to_status=status, at=days_ago(closed_days_ago))
    return request


@pytest.fixture
def council(sapporo):
    return Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="-", secretariat=DepartmentFactory(organisation=sapporo),
        established_on=datetime.date(2025, 4, 1), term_start=datetime.date(2025, 4, 1),
        term_end=datetime.date(2027, 3, 31), quota_public=10, quota_nominated=5)


def reservation(council, number, meeting_days_ago):
    meeting = Meeting.objects.create(council=council, number=number, venue="本庁舎", agenda="議題",
                                     starts_at=days_ago(meeting_days_ago), observer_seats=10)
    return Reservation.objects.create(meeting=meeting, name="傍聴 花子", email=f"hanako{number}@example.jp")


def application(call, status, email):
    return Application.objects.create(call=call, name="応募 太郎", name_kana="おうぼ たろう", email=email,
                                      phone="011-211-2111", address="札幌市中央区", birth_year=1980,
                                      essay="小論文", status=status)


def call_closed(council, closed_days_ago):
    closes = timezone.localdate() - datetime.timedelta(days=closed_days_ago)
    return Call.objects.create(council=council, title="公募", seats=5, opens_on=closes - datetime.timedelta(days=30),
                               closes_on=closes, requirements="-", essay_theme="-")


def test_lecture_requests_are_anonymised_after_the_period_and_only_then(sapporo, theme):
    RetentionPolicy.objects.create(organisation=sapporo, days_after_close=90)
    old = lecture_request(theme, "reported", 120, 1)
    recent = lecture_request(theme, "declined", 30, 2)
    open_case = lecture_request(theme, "decided", None, 3)
    counts = retention.purge(now=NOW)
    assert counts["lectures.request"] == 1
    old.refresh_from_db()
    assert old.representative == "(消去済み)" and old.phone == "" and "example.jp" not in old.email
    assert old.venue_address == "" and old.questions == "" and old.erased_at is not None
    # What statistics and open data need stays.
    assert (old.status, old.actual_audience, old.theme_id) == ("reported", 18, theme.pk)
    for kept in (recent, open_case):
        kept.refresh_from_db()
        assert kept.representative == "佐藤 一郎" and kept.erased_at is None


def test_each_anonymised_record_has_an_audit_entry_by_the_system_with_what_and_why(sapporo, theme):
    RetentionPolicy.objects.create(organisation=sapporo, days_after_close=90)
    old = lecture_request(theme, "withdrawn", 100, 1)
    retention.purge(now=NOW)
    entry = AuditEntry.objects.get(object_pk=str(old.pk), content_type__model="request",
                                   action=AuditEntry.Action.UPDATE)
    assert entry.actor is None and entry.organisation_id == sapporo.pk
    text = str(entry.changes)
    assert "代表者名" in text and "電話番号" in text and "保存期間(案件終了後90日)" in text
    assert "佐藤 一郎" not in text and "011-211-2111" not in text  # the log does not keep the values
    assert retention.purge(now=NOW)["lectures.request"] == 0  # once only


def test_the_period_is_per_organisation(sapporo, hokkaido, theme):
    RetentionPolicy.objects.create(organisation=sapporo, days_after_close=400)
    lecture_request(theme, "reported", 200, 1)
    assert retention.purge(now=NOW)["lectures.request"] == 0
    RetentionPolicy.objects.filter(organisation=sapporo).update(days_after_close=100)
    assert retention.purge(now=NOW)["lectures.request"] == 1


def test_reservations_are_anonymised_after_the_meeting(sapporo, council):
    RetentionPolicy.objects.create(organisation=sapporo, days_after_close=30)
    old = reservation(council, 1, 60)
    upcoming = reservation(council, 2, -7)
    assert retention.purge(now=NOW)["councils.reservation"] == 1
    old.refresh_from_db()
    upcoming.refresh_from_db()
    assert old.name == "(消去済み)" and "example.jp" not in old.email and old.seats == 1
    assert upcoming.name == "傍聴 花子"
    assert AuditEntry.objects.filter(object_pk=str(old.pk), content_type__model="reservation", actor=None).exists()


def test_applicants_are_anonymised_only_after_the_selection_is_final(sapporo, council):
    RetentionPolicy.objects.create(organisation=sapporo, days_after_close=30)
    final = call_closed(council, 60)
    selected = application(final, "selected", "a@example.jp")
    not_selected = application(final, "not_selected", "b@example.jp")
    undecided_call = call_closed(council, 90)
    waiting = application(undecided_call, "received", "c@example.jp")
    decided_there = application(undecided_call, "not_selected", "d@example.jp")
    assert retention.purge(now=NOW)["councils.application"] == 2
    for erased in (selected, not_selected):
        erased.refresh_from_db()
        assert erased.essay == "" and erased.phone == "" and erased.birth_year is None and erased.erased_at
    for kept in (waiting, decided_there):
        kept.refresh_from_db()
        assert kept.essay == "小論文" and kept.erased_at is None
    assert selected.status == "selected"


def test_the_command_purges_and_reports_counts(sapporo, theme):
    RetentionPolicy.objects.create(organisation=sapporo, days_after_close=0)
    lecture_request(theme, "reported", 1, 1)
    from io import StringIO

    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "lectures.request: 1" in out.getvalue()
    assert Request.objects.get().erased_at is not None


def test_the_command_can_leave_the_work_to_the_task_worker(sapporo, theme):
    RetentionPolicy.objects.create(organisation=sapporo, days_after_close=0)
    lecture_request(theme, "reported", 1, 1)
    from io import StringIO

    call_command("purge_personal_data", "--enqueue", stdout=StringIO())
    # In the tests the task backend runs at once.
    assert Request.objects.get().erased_at is not None


# --- The setting screen --------------------------------------------------------------------------

def test_the_org_admin_sets_the_period(admin_client, sapporo):
    url = "/org/sapporo/manage/retention/"
    page = admin_client.get(url)
    assert page.status_code == 200 and "出前講座の申込" in page.content.decode() and "傍聴の予約" in page.content.decode()
    assert "manage/retention/" in admin_client.get("/org/sapporo/manage/").content.decode()
    assert admin_client.post(url, {"days_after_close": "１８０"}).status_code == 302
    assert RetentionPolicy.objects.get(organisation=sapporo).days_after_close == 180
    assert AuditEntry.objects.filter(content_type__model="retentionpolicy", organisation=sapporo).exists()


@pytest.mark.parametrize("value", ["-1", "3651", "9" * 25, "\x00", "一年"])
def test_an_impossible_period_is_refused(admin_client, sapporo, value):
    response = admin_client.post("/org/sapporo/manage/retention/", {"days_after_close": value})
    assert response.status_code == 400
    assert not RetentionPolicy.objects.exists()


def test_only_the_org_admin_sets_the_period(client, sapporo, sapporo_department):
    staff = UserFactory()
    grant(staff, "department_staff", sapporo, sapporo_department)
    client.force_login(staff)
    assert client.get("/org/sapporo/manage/retention/").status_code == 403
    assert client.post("/org/sapporo/manage/retention/", {"days_after_close": "0"}).status_code == 403
    other_admin = UserFactory()
    grant(other_admin, "org_admin", OrganisationFactory(slug="otaru"))
    client.force_login(other_admin)
    assert client.post("/org/sapporo/manage/retention/", {"days_after_close": "0"}).status_code == 403
    assert not RetentionPolicy.objects.exists()


#: Models holding personal data that is not a resident's closed case, and why the retention
#: period does not apply: the data lasts as long as the relationship it serves.
NOT_CASES = {
    "councils.Member": "a serving member's contacts; removed with the member",
    "collaboration.Partner": "the registered group's own contact, kept while it is registered",
    "collaboration.PartnerMember": "the link of an account to its group",
    "collaboration.ProfileSubmission": "a group's proposed change of that same contact",
    "proposals.PanelMember": "the link of a reviewer's account to a panel",
    "fund.Donor": "a donor's name in the fund's donation record, public only with consent",
}


def test_every_kind_of_personal_data_is_retained_by_the_one_mechanism_or_says_why_not():
    """A module that adds a model with PERSONAL_FIELDS registers it in its retention.py (so the
    organisation's period, the daily purge and the audit entry apply) or is listed above."""
    from django.apps import apps

    registered = {kind.model for kind in retention.registered()}
    declared = {model._meta.label for model in apps.get_models() if getattr(model, "PERSONAL_FIELDS", ())}
    assert declared - registered - set(NOT_CASES) == set()
    assert {"lectures.Request", "councils.Application", "councils.Reservation", "events.Registration",
            "publiccomment.Comment", "proposals.Proposal", "surveys.SurveyResponse"} <= registered
    assert set(NOT_CASES) <= declared - registered  # no stale excuse
