"""Who may open the council workspace and the secretariat's screens, for every role; and the
object-level checks of every write: posting another department's, council's, plan's or
organisation's id is refused and nothing changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.councils import actions
from kyodo.councils.models import (
    Application, Call, Council, EvaluationRound, ItemVerdict, Meeting, Member, Recommendation,
    RecommendationReport,
)
from kyodo.plans.models import ActionItem, Plan, Theme

from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role, workspace, secretariat_screen", [
    (None, 302, 302),
    ("registered", 403, 403),
    ("council_member_unlinked", 403, 403),  # the role alone, without a member record
    ("member", 200, 403),
    ("department_staff_elsewhere", 200, 403),
    ("secretariat_staff", 200, 200),
    ("coordinator", 200, 200),
    ("org_admin", 200, 200),
    ("partner_member", 403, 403),
    ("reviewer", 403, 403),
    ("platform_admin", 200, 200),
])
def test_workspace_and_secretariat_screens(client, council, office, sapporo, member_a, role,
                                           workspace, secretariat_screen):
    call = Call.objects.create(council=council, title="公募", seats=1, opens_on="2003-09-01",
                               closes_on="2003-09-30", requirements="市内在住", essay_theme="改革")
    if role == "member":
        client.force_login(member_a.user)
    elif role is not None:
        user = UserFactory()
        grants = {
            "council_member_unlinked": ("council_member", None),
            "department_staff_elsewhere": ("department_staff", DepartmentFactory(organisation=sapporo, name="財政課")),
            "secretariat_staff": ("department_staff", office),
            "coordinator": ("coordinator", DepartmentFactory(organisation=sapporo, name="企画課")),
            "org_admin": ("org_admin", None),
            "partner_member": ("partner_member", None),
            "reviewer": ("reviewer", None),
            "platform_admin": ("platform_admin", None),
        }
        if role in grants:
            name, department = grants[role]
            grant(user, name, None if name == "platform_admin" else sapporo, department)
        client.force_login(user)
    assert client.get("/org/sapporo/councils/workspace/").status_code == workspace
    assert client.get(f"/org/sapporo/councils/workspace/calls/{call.pk}/applications/").status_code == secretariat_screen


# --- Object-level checks: a write is checked as the record is and as it will be -----------------

BASE = "/org/sapporo/councils/workspace/"


@pytest.fixture
def staff_client(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def coordinator(sapporo):
    user = UserFactory(email="kikaku@sapporo.example.jp")
    grant(user, "coordinator", sapporo, DepartmentFactory(organisation=sapporo, name="企画課"))
    return user


@pytest.fixture
def other_council(council, sapporo):
    """Another 札幌市 council, run by another department."""
    return Council.objects.create(
        organisation=sapporo, name="子ども議会", purpose="子どもの声を聞く",
        secretariat=DepartmentFactory(organisation=sapporo, name="子ども未来課"),
        established_on=D(2003, 4, 1), term_start=D(2003, 4, 1), term_end=D(2005, 3, 31))


@pytest.fixture
def hokkaido_plan(hokkaido):
    plan = Plan.objects.create(organisation=hokkaido, title="道の行財政改革", start_fiscal_year=2005,
                               end_fiscal_year=2006)
    theme = Theme.objects.create(plan=plan, number=1, title="道の重点項目")
    ActionItem.objects.create(theme=theme, code="1-1", title="道の取組")
    return plan


def council_form(council, **overrides):
    return {"name": council.name, "purpose": council.purpose, "secretariat": council.secretariat_id,
            "established_on": council.established_on, "term_start": council.term_start,
            "term_end": council.term_end, "themes": "", "method": "", "quota_public": "10",
            "quota_nominated": "5", "quota_expert": "0", "plan": council.plan_id or "", **overrides}


def test_secretariat_cannot_hand_its_council_to_another_department(staff_client, council, secretariat, sapporo):
    other = DepartmentFactory(organisation=sapporo, name="財政課")
    page = staff_client.get(f"{BASE}council/{council.pk}/edit/").content.decode()
    assert "市政推進室" in page and "財政課" not in page  # only the actor's own departments offered
    response = staff_client.post(f"{BASE}council/{council.pk}/edit/", council_form(council, secretariat=other.pk))
    assert 'id="id_secretariat_error"' in response.content.decode()
    council.refresh_from_db()
    assert council.secretariat.name == "市政推進室"
    council.secretariat = other  # the action refuses it too, whoever calls it
    with pytest.raises(PermissionDenied):
        actions.save_record(secretariat, council, council)
    assert Council.objects.get(pk=council.pk).secretariat.name == "市政推進室"


def test_coordinator_may_move_the_secretariat_within_the_organisation(client, council, coordinator, sapporo):
    other = DepartmentFactory(organisation=sapporo, name="財政課")
    client.force_login(coordinator)
    assert client.post(f"{BASE}council/{council.pk}/edit/",
                       council_form(council, secretariat=other.pk)).status_code == 302
    council.refresh_from_db()
    assert council.secretariat == other


def test_a_council_cannot_take_a_department_or_plan_of_another_organisation(
        client, council, coordinator, hokkaido_department, hokkaido_plan):
    client.force_login(coordinator)
    for field, value in (("secretariat", hokkaido_department.pk), ("plan", hokkaido_plan.pk)):
        response = client.post(f"{BASE}council/{council.pk}/edit/", council_form(council, **{field: value}))
        assert f'id="id_{field}_error"' in response.content.decode()
    council.refresh_from_db()
    assert council.secretariat.name == "市政推進室" and council.plan.organisation.slug == "sapporo"
    council.plan = hokkaido_plan
    with pytest.raises(ValidationError, match="同じ団体の計画"):
        actions.save_record(coordinator, council, council)


def test_a_record_cannot_be_moved_to_another_council(staff_client, council, other_council, secretariat, member_a):
    # The form carries no council: a posted one is ignored and the member stays where it is.
    staff_client.post(f"{BASE}member/{member_a.pk}/edit/", {
        "name": member_a.name, "category": "public", "position": "member", "term_start": "2003-11-01",
        "term_end": "2005-10-31", "affiliation": "", "email": "", "phone": "", "sort_order": "0",
        "account": "", "council": other_council.pk})
    assert Member.objects.get(pk=member_a.pk).council == council
    member_a.council = other_council
    with pytest.raises(PermissionDenied, match="別の会議"):
        actions.save_record(secretariat, member_a, council)
    assert Member.objects.get(pk=member_a.pk).council == council


def test_secretariat_cannot_add_records_to_a_council_it_does_not_run(staff_client, other_council, hokkaido,
                                                                      hokkaido_department):
    assert staff_client.get(f"{BASE}{other_council.pk}/meeting/new/").status_code == 403
    elsewhere = Council.objects.create(
        organisation=hokkaido, name="道民会議", purpose="道", secretariat=hokkaido_department,
        established_on=D(2003, 4, 1), term_start=D(2003, 4, 1), term_end=D(2005, 3, 31))
    assert staff_client.get(f"{BASE}{elsewhere.pk}/meeting/new/").status_code == 404
    assert not Meeting.objects.exists()


def test_a_recommendation_points_only_at_its_councils_report_and_plan(
        staff_client, council, other_council, secretariat, item, hokkaido_plan):
    report = RecommendationReport.objects.create(council=council, title="提言書", submitted_on=D(2004, 9, 30))
    foreign_report = RecommendationReport.objects.create(council=other_council, title="子ども提言",
                                                         submitted_on=D(2004, 9, 30))
    foreign_theme = hokkaido_plan.themes.get()
    foreign_item = ActionItem.objects.get(theme=foreign_theme)
    url = f"{BASE}{council.pk}/recommendation/new/"
    base = {"report": report.pk, "number": "1", "theme": "", "title": "提言", "body": "", "items": [item.pk]}
    for field, value in (("report", foreign_report.pk), ("theme", foreign_theme.pk), ("items", [foreign_item.pk])):
        response = staff_client.post(url, {**base, field: value})
        assert f'id="id_{field}_error"' in response.content.decode()
    assert not Recommendation.objects.exists()
    recommendation = Recommendation(report=report, number=1, title="提言", theme=foreign_theme)
    with pytest.raises(ValidationError, match="重点項目"):
        actions.save_record(secretariat, recommendation, council)
    recommendation.theme = None
    with pytest.raises(ValidationError, match="取組項目"):
        actions.save_record(secretariat, recommendation, council, m2m={"items": [foreign_item]})
    recommendation.report = foreign_report
    with pytest.raises(PermissionDenied):
        actions.save_record(secretariat, recommendation, council)
    assert not Recommendation.objects.exists()


def test_attendance_lists_only_the_councils_own_members(staff_client, council, other_council, secretariat, member_a):
    meeting = Meeting.objects.create(council=council, number=1, starts_at="2004-01-20T18:00+09:00",
                                     venue="本庁舎", agenda="議題")
    stranger = Member.objects.create(council=other_council, name="他会議 委員", category="public",
                                     term_start=D(2003, 4, 1), term_end=D(2005, 3, 31))
    response = staff_client.post(f"{BASE}meetings/{meeting.pk}/", {
        "step": "record", "observers": "1", "attendees": [member_a.pk, stranger.pk],
        "minutes_kind": "summary", "minutes": ""})
    assert 'id="id_attendees_error"' in response.content.decode()
    assert not meeting.attendees.exists()
    with pytest.raises(ValidationError, match="この会議の委員"):
        actions.save_meeting(secretariat, meeting, attendees=[stranger])
    assert not meeting.attendees.exists()


def test_an_evaluation_takes_only_items_of_the_councils_plan(staff_client, council, secretariat, item, hokkaido_plan):
    foreign_item = ActionItem.objects.get(theme__plan=hokkaido_plan)
    response = staff_client.post(f"{BASE}{council.pk}/evaluations/new/", {
        "title": "評価", "fiscal_year": "2004", "items": [item.pk, foreign_item.pk], "criteria": "進捗",
        "scale_labels": "十分、不十分"})
    assert 'id="id_items_error"' in response.content.decode()
    council.plan = None  # a council without a plan still stays inside its organisation
    with pytest.raises(ValidationError, match="計画の取組項目"):
        actions.open_round(secretariat, council, title="評価", fiscal_year=2004, items=[foreign_item],
                           criteria=["進捗"])
    assert not EvaluationRound.objects.exists()


def test_a_verdict_is_recorded_only_for_an_item_of_the_round(staff_client, council, secretariat, item, theme):
    round_ = actions.open_round(secretariat, council, title="評価", fiscal_year=2004, items=[item],
                                criteria=["進捗"])
    actions.close_round(secretariat, round_)
    other_item = ActionItem.objects.create(theme=theme, code="1-9", title="対象外")
    response = staff_client.post(f"{BASE}evaluations/{round_.pk}/manage/", {
        "step": "verdict", "item": other_item.pk, "evaluation": "評価", "response": ""})
    assert response.status_code == 404
    assert not ItemVerdict.objects.exists()


def test_an_application_is_selected_only_through_its_own_call(staff_client, council, other_council, open_call):
    foreign_call = Call.objects.create(council=other_council, title="子ども委員", seats=1, opens_on=D(2003, 1, 1),
                                       closes_on=D(2003, 2, 1), requirements="市内", essay_theme="夢")
    foreign = Application.objects.create(call=foreign_call, name="他 応募", name_kana="た", email="x@example.jp",
                                         phone="011-211-2111", address="札幌市", essay="作文")
    response = staff_client.post(f"{BASE}calls/{open_call.pk}/applications/",
                                 {"step": "select", "application": foreign.pk})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Application.Status.RECEIVED and not Member.objects.filter(name="他 応募").exists()
