"""People are told (issue 14 §5) in 協働: the departments asked by a campaign hear of it and are
reminded before and after its deadline until they answer; the coordinators hear of a partner's
profile change, and its member hears whether it was published or returned; both sides of an
evaluation are asked for their sheet, the side still out is told when the other submits and is
reminded around the sheets' deadline. A mail with 和暦 dates and a link, and a line on the
recipient's my page."""

import datetime

import pytest
from django.urls import reverse

from kyodo.collaboration import actions
from kyodo.collaboration.models import ProfileSubmission, Side
from kyodo.core import reminders
from kyodo.core.notify import Notification
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant

from .conftest import TODAY, full_ratings, sheet_of

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2005, 7, 31)


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
def remind(django_capture_on_commit_callbacks, mailoutbox):
    """Run the daily ``send_reminders`` for ``day``; returns (counts by source, mails)."""
    def run(day):
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            sent = reminders.send_due(day)
        return sent, list(mailoutbox)
    return run


def addressees(mails):
    return sorted(address for mail in mails for address in mail.to)


# --- The survey ----------------------------------------------------------------------------------

@pytest.fixture
def draft(hokkaido, coordinator, coordination_office, environment, welfare, env_staff, welfare_staff):
    environment.email = "kankyo-ka@hokkaido.example.jp"
    environment.save()
    return actions.create_campaign(coordinator, hokkaido, fiscal_year=2005, deadline=DEADLINE)


def test_opening_a_campaign_tells_each_department_asked_with_its_own_answer_page(
        tell, draft, coordinator, env_staff, welfare_staff, environment, hokkaido, client):
    mails = tell(actions.open_campaign, coordinator, draft, today=TODAY)
    # The coordinator's office is asked too, but its only staff member opened the campaign.
    assert addressees(mails) == ["fukushi@hokkaido.example.jp", "kankyo-ka@hokkaido.example.jp",
                                 "kankyo@hokkaido.example.jp"]
    mail = next(m for m in mails if m.to == ["kankyo@hokkaido.example.jp"])
    assert "回答のお願い" in mail.subject and "環境政策課 御中" in mail.body
    assert "回答期限は平成17年7月31日" in mail.body
    answer_page = reverse("collaboration:response", args=["hokkaido", draft.pk, environment.pk])
    assert answer_page in mail.body
    [line] = Notification.objects.filter(recipient=env_staff)
    assert line.url == answer_page
    assert not Notification.objects.filter(recipient=coordinator).exists()
    client.force_login(env_staff)
    response = client.get(reverse("core:mypage"))
    page = response.content.decode()
    assert response.status_code == 200, page[:500]
    assert line.subject in page
    assert client.get(reverse("core:notification", args=[line.pk]))["Location"] == answer_page


def test_a_department_that_has_not_answered_is_reminded_before_and_after_the_deadline(
        remind, campaign, welfare, welfare_staff, env_staff):
    actions.declare_none(welfare_staff, actions.response_for(campaign, welfare), today=TODAY)
    sent, _mails = remind(DEADLINE - datetime.timedelta(days=4))
    assert sent["collaboration.answers_due"] == 0
    sent, mails = remind(DEADLINE - datetime.timedelta(days=3))
    # 環境政策課 and 生活振興課 have not answered; 地域福祉課 answered 該当なし and hears nothing.
    assert sent["collaboration.answers_due"] == 2
    assert "fukushi@hokkaido.example.jp" not in addressees(mails)
    to_env = next(m for m in mails if m.to == ["kankyo@hokkaido.example.jp"])
    assert "回答期限は平成17年7月31日" in to_env.subject
    assert remind(DEADLINE - datetime.timedelta(days=1))[0]["collaboration.answers_due"] == 0  # once
    assert remind(DEADLINE)[0]["collaboration.answers_overdue"] == 0
    sent, mails = remind(DEADLINE + datetime.timedelta(days=1))
    assert sent["collaboration.answers_overdue"] == 2
    assert all("過ぎています" in m.subject for m in mails)
    assert Notification.objects.filter(recipient=env_staff, subject__contains="過ぎています").count() == 1


def test_a_reopened_campaign_reminds_again_for_its_new_deadline_and_a_closed_one_does_not(
        remind, campaign, coordinator):
    late = DEADLINE + datetime.timedelta(days=1)
    assert remind(late)[0]["collaboration.answers_overdue"] == 3  # none of the three has answered
    actions.reopen_campaign(coordinator, campaign, deadline=datetime.date(2005, 8, 20), today=late)
    assert remind(datetime.date(2005, 8, 18))[0]["collaboration.answers_due"] == 3
    actions.close_campaign(coordinator, campaign)
    sent, mails = remind(datetime.date(2005, 8, 21))
    assert sent["collaboration.answers_overdue"] == 0 and not mails


def test_the_coordinators_reminder_reaches_the_department_and_its_page(
        tell, campaign, coordinator, env_staff, environment, welfare_staff, welfare):
    mails = tell(actions.send_reminders, coordinator, campaign, department_ids=[environment.pk],
                 today=TODAY)
    assert addressees(mails) == ["kankyo@hokkaido.example.jp"]
    [line] = Notification.objects.filter(recipient=env_staff, subject__contains="回答期限は")
    assert line.url == reverse("collaboration:response", args=["hokkaido", campaign.pk, environment.pk])


# --- Partner profiles ----------------------------------------------------------------------------

def test_a_profile_change_goes_to_the_coordinators_and_its_outcome_back_to_the_member(
        tell, partner, partner_member, coordinator, hokkaido, env_staff):
    second = UserFactory(email="coordinator2@hokkaido.example.jp")
    grant(second, "coordinator", hokkaido, DepartmentFactory(organisation=hokkaido, name="協働推進室"))
    mails = tell(actions.submit_profile, partner_member, partner, {"description": "植樹と森林環境教育"})
    assert addressees(mails) == ["coordinator2@hokkaido.example.jp", "coordinator@hokkaido.example.jp"]
    submission = ProfileSubmission.objects.get()
    review = reverse("collaboration:submission", args=["hokkaido", submission.pk])
    assert "NPO法人 北の森づくり" in mails[0].subject and review in mails[0].body
    assert "平成" in mails[0].body or "令和" in mails[0].body  # the date of the request, in 和暦
    assert Notification.objects.filter(recipient=coordinator, url=review).exists()
    assert not Notification.objects.filter(recipient=env_staff).exists()

    [mail] = tell(actions.return_profile, coordinator, submission, "連絡先の記載がありません")
    assert mail.to == ["member@example.org"] and "差し戻されました" in mail.subject
    assert "理由: 連絡先の記載がありません" in mail.body

    actions.submit_profile(partner_member, partner, {"description": "植樹と森林環境教育"})
    [mail] = tell(actions.verify_profile, coordinator, ProfileSubmission.objects.get(status="pending"))
    assert mail.to == ["member@example.org"] and "公開しました" in mail.subject
    assert partner.get_absolute_url() in mail.body
    assert Notification.objects.filter(recipient=partner_member).count() == 2


# --- Evaluation ----------------------------------------------------------------------------------

def start(coordinator, project, partner, template, deadline=None):
    return actions.start_evaluation(coordinator, project, partner=partner, template=template,
                                    deadline=deadline, today=TODAY)


def test_both_sides_are_asked_for_their_sheet(tell, coordinator, project, partner, template,
                                              env_staff, partner_member, welfare_staff):
    mails = tell(start, coordinator, project, partner, template, deadline=datetime.date(2005, 9, 30))
    assert addressees(mails) == ["kankyo@hokkaido.example.jp", "member@example.org"]
    evaluation = project.evaluations.get()
    by_address = {m.to[0]: m for m in mails}
    staff_mail = by_address["kankyo@hokkaido.example.jp"]
    assert "行政(担当部署)の評価シート" in staff_mail.body and "提出期限: 平成17年9月30日" in staff_mail.body
    assert reverse("collaboration:sheet", args=["hokkaido", evaluation.pk, "administration"]) in staff_mail.body
    assert reverse("collaboration:sheet", args=["hokkaido", evaluation.pk, "partner"]) in \
        by_address["member@example.org"].body
    assert Notification.objects.filter(recipient=partner_member).count() == 1


def test_a_deadline_in_the_past_is_refused(coordinator, project, partner, template):
    with pytest.raises(Exception, match="提出期限は今日以降"):
        start(coordinator, project, partner, template, deadline=TODAY - datetime.timedelta(days=1))


def test_the_side_still_out_hears_when_the_other_submits_and_the_coordinator_when_both_are_in(
        tell, coordinator, project, partner, template, env_staff, partner_member):
    evaluation = start(coordinator, project, partner, template)
    mails = tell(actions.save_sheet, partner_member, sheet_of(evaluation, Side.PARTNER),
                 ratings=full_ratings(evaluation), submit=True)
    assert addressees(mails) == ["kankyo@hokkaido.example.jp"]
    assert "相手方が評価シートを提出しました" in mails[0].subject
    mails = tell(actions.save_sheet, env_staff, sheet_of(evaluation, Side.ADMINISTRATION),
                 ratings=full_ratings(evaluation), submit=True)
    assert addressees(mails) == ["coordinator@hokkaido.example.jp"]
    assert "そろいました" in mails[0].subject and evaluation.get_absolute_url() in mails[0].body


def test_the_side_that_has_not_submitted_is_reminded_around_the_sheets_deadline(
        remind, coordinator, project, partner, template, env_staff, partner_member):
    deadline = datetime.date(2005, 9, 30)
    evaluation = start(coordinator, project, partner, template, deadline=deadline)
    actions.save_sheet(env_staff, sheet_of(evaluation, Side.ADMINISTRATION),
                       ratings=full_ratings(evaluation), submit=True)
    assert remind(deadline - datetime.timedelta(days=4))[0]["collaboration.sheets_due"] == 0
    sent, mails = remind(deadline - datetime.timedelta(days=3))
    assert sent["collaboration.sheets_due"] == 1
    assert addressees(mails) == ["member@example.org"]
    assert "提出期限は平成17年9月30日" in mails[0].subject
    assert remind(deadline)[0]["collaboration.sheets_due"] == 0  # once
    sent, mails = remind(deadline + datetime.timedelta(days=1))
    assert sent["collaboration.sheets_overdue"] == 1 and addressees(mails) == ["member@example.org"]
    actions.save_sheet(partner_member, sheet_of(evaluation, Side.PARTNER),
                       ratings=full_ratings(evaluation), submit=True)
    assert remind(deadline + datetime.timedelta(days=2))[1] == []  # revealed: nothing is due


def test_the_evaluation_form_takes_the_deadline(client, coordinator, project, partner, template):
    client.force_login(coordinator)
    url = reverse("collaboration:evaluation_new", args=["hokkaido", project.pk])
    assert "評価シートの提出期限" in client.get(url).content.decode()
    client.post(url, {"partner": partner.pk, "stage": "after", "deadline": "令和99年1月1日"})
    assert not project.evaluations.exists()  # beyond the platform's years: refused on the form
    client.post(url, {"partner": partner.pk, "stage": "after", "deadline": "2099-09-30"})
    assert project.evaluations.get().deadline == datetime.date(2099, 9, 30)
