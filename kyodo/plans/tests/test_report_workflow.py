"""進捗報告's workflow: the department submits, the coordinator returns or approves and
publishes; every step is recorded; illegal steps are refused in Japanese."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.plans import actions, workflow
from kyodo.plans.models import ProgressReport, ReportTransition

from .builders import make_report

S = ProgressReport.Status

ALLOWED = {
    ("submit", S.DRAFT): S.SUBMITTED,
    ("submit", S.RETURNED): S.SUBMITTED,
    ("return", S.SUBMITTED): S.RETURNED,
    ("return", S.APPROVED): S.RETURNED,
    ("approve", S.SUBMITTED): S.APPROVED,
    ("publish", S.APPROVED): S.PUBLISHED,
}
EVERY_STEP = [(step, state) for step in workflow.TRANSITIONS for state in S.values]


def test_the_table_is_the_one_the_tests_expect():
    table = {(name, source): t.target for name, t in workflow.TRANSITIONS.items()
             for source in t.sources}
    assert table == ALLOWED


@pytest.mark.parametrize("step, state", [key for key in EVERY_STEP if key in ALLOWED])
def test_allowed_steps_move_the_report_and_are_recorded(step, state, item, coordinator):
    report = make_report(item, status=state)
    workflow.apply(coordinator, report, step, comment="確認しました。")
    report.refresh_from_db()
    assert report.status == ALLOWED[(step, state)]
    record = report.transitions.get()
    assert (record.from_status, record.to_status) == (state, ALLOWED[(step, state)])
    assert record.actor == coordinator
    assert record.at is not None and record.comment == "確認しました。"


@pytest.mark.parametrize("step, state", [key for key in EVERY_STEP if key not in ALLOWED])
def test_illegal_steps_are_refused_and_change_nothing(step, state, item, coordinator):
    report = make_report(item, status=state)
    with pytest.raises(ValidationError) as refused:
        workflow.apply(coordinator, report, step, comment="理由")
    assert refused.value.messages == [str(workflow.TRANSITIONS[step].refusal)]
    report.refresh_from_db()
    assert report.status == state
    assert not ReportTransition.objects.exists()


def test_publishing_an_unapproved_report_says_why(item, coordinator):
    report = make_report(item, status=S.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        actions.publish_report(coordinator, report)
    assert refused.value.messages == [
        "承認されていない進捗報告は公表できません。主管課の承認を先に受けてください。"
    ]


def test_a_return_needs_a_comment(item, coordinator):
    report = make_report(item, status=S.SUBMITTED)
    with pytest.raises(ValidationError) as refused:
        actions.return_report(coordinator, report, "  ")
    assert refused.value.messages == ["差戻しの理由をコメントに入力してください。"]
    assert ProgressReport.objects.get().status == S.SUBMITTED


def test_unknown_steps_are_refused(report, coordinator):
    with pytest.raises(ValidationError, match="不明な手続です"):
        workflow.apply(coordinator, report, "archive")


def test_a_stale_copy_cannot_take_a_step_twice(report, staff, coordinator):
    stale = ProgressReport.objects.get(pk=report.pk)
    actions.submit_report(staff, report)
    actions.approve_report(coordinator, report)
    with pytest.raises(ValidationError):
        actions.approve_report(coordinator, stale)  # the state is re-read under a lock
    assert report.transitions.count() == 2


def test_the_whole_story_with_who_and_when(report, staff, coordinator):
    actions.submit_report(staff, report)
    actions.return_report(coordinator, report, "実績値の算定方法を書いてください。")
    actions.update_report(staff, report, narrative="算定方法: 4月〜3月の開催回数の合計")
    actions.submit_report(staff, report)
    actions.approve_report(coordinator, report)
    actions.publish_report(coordinator, report)
    steps = [(t.from_status, t.to_status, t.actor, t.comment) for t in report.transitions.all()]
    assert steps == [
        (S.DRAFT, S.SUBMITTED, staff, ""),
        (S.SUBMITTED, S.RETURNED, coordinator, "実績値の算定方法を書いてください。"),
        (S.RETURNED, S.SUBMITTED, staff, ""),
        (S.SUBMITTED, S.APPROVED, coordinator, ""),
        (S.APPROVED, S.PUBLISHED, coordinator, ""),
    ]
    report.refresh_from_db()
    assert report.published_at == report.transitions.last().at
    assert [t.label for t in workflow.available(report)] == []


def test_publishing_the_latest_report_sets_the_items_status_and_progress(item, staff, coordinator):
    later = make_report(item, 2006, status=S.APPROVED, item_status="done", progress=100)
    actions.publish_report(coordinator, later)
    item.refresh_from_db()
    assert (item.status, item.progress) == ("done", 100)
    # An older report published afterwards does not take the item back.
    older = make_report(item, 2005, status=S.APPROVED, item_status="in_progress", progress=40)
    actions.publish_report(coordinator, older)
    item.refresh_from_db()
    assert (item.status, item.progress) == ("done", 100)


# --- Who may take which step -----------------------------------------------------------------------

def test_only_the_items_department_submits(report, other_staff, coordinator):
    for outsider in (other_staff, coordinator):
        with pytest.raises(PermissionDenied) as refused:
            actions.submit_report(outsider, report)
        assert str(refused.value) == (
            "この取組項目の担当課の職員ではないため、進捗報告を作成・提出できません。"
        )
    assert ProgressReport.objects.get().status == S.DRAFT


@pytest.mark.parametrize("step", ["approve", "return", "publish"])
def test_the_department_cannot_review_its_own_report(item, staff, step):
    report = make_report(item, status=S.SUBMITTED if step != "publish" else S.APPROVED)
    with pytest.raises(PermissionDenied) as refused:
        actions.take_step(staff, report, step, comment="自分で承認")
    assert str(refused.value) == "進捗報告の承認・差戻し・公表は主管課が行います。"


def test_a_coordinator_of_another_organisation_cannot_approve(item, hokkaido):
    from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant

    elsewhere = UserFactory()
    grant(elsewhere, "coordinator", hokkaido, DepartmentFactory(organisation=hokkaido))
    report = make_report(item, status=S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        actions.approve_report(elsewhere, report)


def test_the_audit_log_names_the_actor(report, staff):
    from kyodo.core.models import AuditEntry

    actions.submit_report(staff, report)
    entry = AuditEntry.objects.get_for_object(report).latest()
    assert entry.actor == staff
    assert entry.organisation_id == report.item.plan.organisation_id
    assert entry.changes_dict["status"] == ["draft", "submitted"]
