"""People are told (issue 14 §5): a submitted report reaches the plan's coordinators; a
return (with its reason), an approval and a publication reach the staff who wrote it — by
mail and by a line on their my page, only once the step is taken."""

import pytest
from django.core import mail
from django.urls import reverse

from kyodo.core.notify import Notification
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.plans import actions


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Take a step and run what waits for the commit (the mails)."""
    def take(step, actor, report, **kwargs):
        mail.outbox.clear()
        Notification.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True):
            step(actor, report, **kwargs)
        return mail.outbox
    return take


def test_a_submitted_report_reaches_the_coordinators_and_only_them(told, report, staff, coordinator,
                                                                   other_staff):
    outbox = told(actions.submit_report, staff, report)
    assert [m.to for m in outbox] == [[coordinator.email]]
    [message] = outbox
    assert message.subject == "【改革プラン】進捗報告が提出されました: 1-1 出前講座の充実 平成17年度（2005年度）"
    assert "市役所改革プラン" in message.body and "承認または差戻し" in message.body
    link = "http://127.0.0.1:8000" + reverse("plans:report", args=["sapporo", report.pk])
    assert link in message.body
    [line] = Notification.objects.all()
    assert line.recipient == coordinator and line.url == reverse("plans:report", args=["sapporo", report.pk])


def test_the_plans_coordinating_office_is_told_rather_than_every_coordinator(told, plan, report, staff,
                                                                             coordinator, sapporo):
    office = DepartmentFactory(organisation=sapporo, name="改革推進課")
    in_charge = UserFactory(email="kaikaku@sapporo.example.jp")
    grant(in_charge, "coordinator", sapporo, office)
    plan.coordinating_department = office
    plan.save()
    report.item.plan.refresh_from_db()
    outbox = told(actions.submit_report, staff, report)
    assert [m.to for m in outbox] == [[in_charge.email]]


def test_a_return_tells_the_author_why(told, report, staff, coordinator):
    actions.submit_report(staff, report)
    outbox = told(actions.return_report, coordinator, report, comment="実績値の単位を確認してください。")
    assert [m.to for m in outbox] == [[staff.email]]
    assert "差し戻されました" in outbox[0].subject
    assert "差戻しの理由: 実績値の単位を確認してください。" in outbox[0].body
    [line] = Notification.objects.all()
    assert line.recipient == staff and "実績値の単位を確認してください。" in line.body


def test_approval_and_publication_tell_the_author_with_the_public_link(told, report, staff, coordinator):
    actions.submit_report(staff, report)
    outbox = told(actions.approve_report, coordinator, report)
    assert [m.to for m in outbox] == [[staff.email]] and "承認されました" in outbox[0].subject
    outbox = told(actions.publish_report, coordinator, report)
    assert [m.to for m in outbox] == [[staff.email]] and "公表されました" in outbox[0].subject
    public = reverse("plans:item", args=["sapporo", report.item.plan_id, report.item_id])
    assert Notification.objects.get(recipient=staff).url == public
    assert "平成" in outbox[0].body or "令和" in outbox[0].body  # the date in 和暦


def test_without_an_author_the_departments_staff_are_told(told, item, report, staff, coordinator):
    actions.submit_report(staff, report)
    report.created_by = None
    report.save()
    report.transitions.update(actor=None)
    outbox = told(actions.approve_report, coordinator, report)
    assert [m.to for m in outbox] == [[staff.email]]


def test_a_refused_step_tells_nobody(told, report, staff, coordinator):
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError):
        told(actions.approve_report, coordinator, report)  # still a draft
    assert mail.outbox == [] and not Notification.objects.exists()
