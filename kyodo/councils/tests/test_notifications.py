"""People are told (issue 14 §5) in 市民会議: applicants hear the selection result at the address
they gave; members hear of a new evaluation round and are reminded before and after its
deadline until they submit — by mail, members without an account too; the secretariat hears of
minutes waiting for approval. Mails carry 和暦 dates and a link."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import reminders
from kyodo.core.notify import Notification
from kyodo.core.tests.factories import UserFactory, grant
from kyodo.councils import actions
from kyodo.councils.models import DEFAULT_CRITERIA, Application, Council, Meeting

from .conftest import make_member

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def tell(django_capture_on_commit_callbacks, mailoutbox):
    """Run a step with its on-commit mails sent; returns the mails it sent."""
    def run(step, *args, **kwargs):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            step(*args, **kwargs)
        return mailoutbox[before:]
    return run


@pytest.fixture
def serving(sapporo, office, plan):
    """A council whose term is under way (the 第2期 of the demo)."""
    return Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議(第2期)", purpose="市役所改革の実施状況を評価する",
        secretariat=office, established_on=TODAY - datetime.timedelta(days=400),
        term_start=TODAY - datetime.timedelta(days=365), term_end=TODAY + datetime.timedelta(days=365),
        quota_public=10, quota_nominated=5, plan=plan)


@pytest.fixture
def members(serving):
    return {
        "account": make_member(serving, "会議 一郎", "ichiro@example.jp", contact="ichiro.home@example.jp"),
        "address": make_member(serving, "佐藤 花子", contact="hanako@example.jp"),
        "nothing": make_member(serving, "鈴木 次郎"),
    }


def open_round(secretariat, council, item, deadline=None):
    return actions.open_round(secretariat, council, title="令和7年度 実施状況の評価", fiscal_year=2025,
                              items=[item], criteria=[str(c) for c in DEFAULT_CRITERIA], deadline=deadline)


# --- Selection results ---------------------------------------------------------------------------

@pytest.fixture
def applications(serving):
    call = serving.calls.create(title="委員の公募", seats=2, opens_on=TODAY - datetime.timedelta(days=30),
                                closes_on=TODAY - datetime.timedelta(days=1), requirements="市内在住",
                                essay_theme="市役所改革")
    return [Application.objects.create(call=call, name=name, name_kana="かな", email=email,
                                       phone="011-211-2111", address="札幌市", essay="小論文")
            for name, email in (("応募 一", "one@example.jp"), ("応募 二", "two@example.jp"))]


def test_applicants_hear_the_selection_result_at_their_address(tell, applications, secretariat, serving):
    selected, declined = applications
    [mail] = tell(actions.select_applicant, secretariat, selected)
    assert mail.to == ["one@example.jp"] and "選出" in mail.subject
    assert "委員に選ばれました" in mail.body and "令和" in mail.body  # the term, in 和暦
    assert f"/org/sapporo/councils/{serving.pk}/" in mail.body
    [mail] = tell(actions.decline_applicant, secretariat, declined)
    assert mail.to == ["two@example.jp"] and "委員にお選びすることができませんでした" in mail.body
    assert not Notification.objects.exists()  # applicants have no account: mail only


# --- A new round, and its deadline -------------------------------------------------------------

def test_a_new_round_reaches_its_members_with_or_without_an_account(tell, serving, members, item, secretariat):
    mails = tell(open_round, secretariat, serving, item, deadline=TODAY + datetime.timedelta(days=14))
    by_address = {m.to[0]: m for m in mails}
    assert set(by_address) == {"ichiro@example.jp", "ichiro.home@example.jp", "hanako@example.jp"}
    online = by_address["ichiro@example.jp"]
    assert "委員の画面で評価票に入力" in online.body and "/workspace/evaluations/" in online.body
    assert "締切: 令和" in online.body
    paper = by_address["hanako@example.jp"]
    assert "書面で事務局(市政推進室)へ" in paper.body and "/workspace/" not in paper.body
    [line] = Notification.objects.all()  # the member with an account also sees it on their page
    assert line.recipient == members["account"].user
    assert secretariat.email not in by_address  # nobody is told of their own step


def test_members_who_have_not_submitted_are_reminded_before_and_after_the_deadline(
        tell, serving, members, item, secretariat, mailoutbox, django_capture_on_commit_callbacks):
    deadline = TODAY + datetime.timedelta(days=10)
    round_ = open_round(secretariat, serving, item, deadline=deadline)
    actions.save_ratings(members["account"].user, round_,
                         {(item.pk, c.pk): (4, "") for c in round_.criteria.all()}, submit=True)

    def send(day):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            sent = reminders.send_due(day)
        return sent, list(mailoutbox)

    sent, _mails = send(deadline - datetime.timedelta(days=4))
    assert sent["councils.sheets_due"] == 0
    sent, mails = send(deadline - datetime.timedelta(days=3))
    assert sent["councils.sheets_due"] == 1  # the member with an address; the submitted one is left alone
    assert [m.to for m in mails] == [["hanako@example.jp"]]
    assert "締切は令和" in mails[0].subject and "書面で事務局" in mails[0].body
    assert send(deadline - datetime.timedelta(days=2))[0]["councils.sheets_due"] == 0  # once
    assert send(deadline)[0]["councils.sheets_overdue"] == 0
    sent, mails = send(deadline + datetime.timedelta(days=1))
    assert sent["councils.sheets_overdue"] == 1 and "過ぎています" in mails[0].subject
    assert send(deadline + datetime.timedelta(days=2))[0]["councils.sheets_overdue"] == 0  # once


def test_a_closed_round_reminds_nobody(serving, members, item, secretariat):
    deadline = TODAY + datetime.timedelta(days=2)
    round_ = open_round(secretariat, serving, item, deadline=deadline)
    actions.close_round(secretariat, round_)
    sent = reminders.send_due(deadline + datetime.timedelta(days=1))
    assert sent["councils.sheets_due"] == sent["councils.sheets_overdue"] == 0


# --- Minutes awaiting approval -----------------------------------------------------------------------

def test_the_secretariat_hears_of_minutes_awaiting_approval(tell, sapporo, office, council, secretariat):
    colleague = UserFactory(email="kakari@sapporo.example.jp")
    grant(colleague, "department_staff", sapporo, office)
    meeting = Meeting.objects.create(council=council, number=1, venue="本庁舎", agenda="議題",
                                     starts_at=timezone.now() - datetime.timedelta(days=3))
    meeting.minutes = "議事の要旨"
    [mail] = tell(actions.save_meeting, secretariat, meeting)
    assert mail.to == ["kakari@sapporo.example.jp"] and "会議録の承認をお願いします" in mail.subject
    assert f"/workspace/meetings/{meeting.pk}/" in mail.body and "令和" in mail.body
    meeting.observers = 3
    assert tell(actions.save_meeting, secretariat, meeting) == []  # told once, not at every save
    actions.approve_minutes(secretariat, meeting)
    [mail] = tell(actions.correct_minutes, secretariat, meeting, minutes="訂正した要旨", reason="誤記")
    assert "訂正した会議録の承認" in mail.subject and "訂正中" in mail.body
