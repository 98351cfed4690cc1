"""The organisers' screens and who may use them: every role against editing an event, seeing
the 受付名簿 (registrants' personal data) and the training report; check-in by receipt number
and on the list, walk-ins, the report published on the event's page, the staff training share
per department."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.core.tests.pickers import assert_offers_only_the_actors_departments
from kyodo.events import actions, queries
from kyodo.events.models import Event, EventReport, Registration, Session

from .conftest import make_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(hokkaido, organiser, coordinator, other_staff):
    """One account per role (TOTP set up where the role needs it)."""
    accounts = {"organiser": organiser, "coordinator": coordinator, "other_staff": other_staff,
                "visitor": None, "citizen": UserFactory(email="citizen@example.jp")}
    for role in ("org_admin", "reception_desk", "council_member", "partner_member", "reviewer", "platform_admin"):
        user = UserFactory(email=f"{role}@example.jp")
        if role in ("reception_desk",):
            grant(user, role, hokkaido, DepartmentFactory(organisation=hokkaido, name="広報広聴課"))
        elif role == "platform_admin":
            grant(user, role)
        else:
            grant(user, role, hokkaido)
        accounts[role] = user
    return accounts


EDIT = {"organiser", "coordinator", "org_admin", "platform_admin"}
PEOPLE = {"organiser", "coordinator", "platform_admin"}
STAFF_SCREENS = {"organiser", "coordinator", "other_staff", "org_admin", "reception_desk", "platform_admin"}
TRAINING = {"coordinator", "org_admin", "platform_admin"}


def test_permissions_for_every_role(client, people, seminar, session):
    registration, _ = actions.register(seminar, session, person(1, name="秘密 太郎"))
    for name, user in people.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        manage = client.get("/org/hokkaido/events/manage/")
        edit = client.get(f"/org/hokkaido/events/manage/{seminar.pk}/edit/")
        roster = client.get(f"/org/hokkaido/events/manage/roster/{session.pk}/")
        training = client.get("/org/hokkaido/events/manage/training/")
        expected = lambda allowed: 200 if name in allowed else (302 if user is None else 403)  # noqa: E731
        assert manage.status_code == expected(STAFF_SCREENS), name
        assert edit.status_code == expected(EDIT), name
        assert roster.status_code == expected(PEOPLE), name
        assert training.status_code == expected(TRAINING), name
        if roster.status_code == 200:
            assert "秘密 太郎" in roster.content.decode()
        assert "秘密 太郎" not in client.get(f"/org/hokkaido/events/{seminar.pk}/").content.decode()


def test_staff_create_only_for_their_own_department(client, organiser, organiser_department, hokkaido_department):
    client.force_login(organiser)
    data = {"title": "協働の集い", "kind": "exchange", "audience": "public", "summary": "交流します。",
            "venue": "かでる2・7", "fee": "0", "max_seats_per_registration": "1"}
    refused = client.post("/org/hokkaido/events/manage/new/", dict(data, department=hokkaido_department.pk))
    assert refused.status_code == 400 and not Event.objects.exists()
    created = client.post("/org/hokkaido/events/manage/new/", dict(data, department=organiser_department.pk))
    assert created.status_code == 302
    event = Event.objects.get()
    assert event.status == Event.Status.DRAFT
    assert client.get(f"/org/hokkaido/events/{event.pk}/").status_code == 200  # its organiser sees the draft
    client.logout()
    assert client.get(f"/org/hokkaido/events/{event.pk}/").status_code == 404


def test_sessions_screen_refuses_end_before_start_and_lower_capacity(client, organiser, seminar, session):
    actions.register(seminar, session, person(1))
    actions.register(seminar, session, person(2))
    client.force_login(organiser)
    start = timezone.localtime(session.starts_at)
    bad = client.post(f"/org/hokkaido/events/manage/{seminar.pk}/sessions/{session.pk}/", {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "capacity": "1"})
    assert bad.status_code == 400
    errors = bad.context["form"].errors
    assert "終了日時は開始日時より後" in str(errors)
    ok_times = {"starts_at": start.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")}
    lowered = client.post(f"/org/hokkaido/events/manage/{seminar.pk}/sessions/{session.pk}/",
                          dict(ok_times, capacity="1"))
    assert lowered.status_code == 400 and "2人" in str(lowered.context["form"].errors)
    session.refresh_from_db()
    assert session.capacity == 3


def test_check_in_on_the_list_and_by_receipt_then_publish_the_report(client, organiser, seminar, session):
    first, _ = actions.register(seminar, session, person(1))
    second, _ = actions.register(seminar, session, person(2))
    client.force_login(organiser)
    url = f"/org/hokkaido/events/manage/roster/{session.pk}/"
    client.post(url, {"action": "receipt", "receipt": first.receipt_number})
    client.post(url, {"action": "check_in", "registration": second.pk})
    client.post(url, {"action": "walk_ins", "walk_ins": "３"})
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 2
    assert client.post(url, {"action": "receipt", "receipt": "R8-E9999"}).status_code == 400
    page = client.get(url + "?print=1").content.decode()
    assert "受付済 2" in page and "当日参加 3" in page
    report_url = f"/org/hokkaido/events/manage/{seminar.pk}/report/"
    assert client.get(report_url).context["form"].initial["participants"] == 5
    early = client.post(report_url, {"action": "report", "participants": "5", "summary": "前もって", "publish": "on"})
    assert early.status_code == 400 and "開催前" in early.content.decode()  # not before the event
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=3),
                                                 ends_at=timezone.now() - datetime.timedelta(hours=1))
    client.post(report_url, {"action": "report", "participants": "5", "summary": "活発な意見交換がありました。",
                             "captions": "意見を交わす参加者\n講演する講師", "publish": "on"})
    public = client.get(f"/org/hokkaido/events/{seminar.pk}/").content.decode()
    assert "活発な意見交換" in public and "意見を交わす参加者" in public and "5人" in public


def test_training_share_per_department(hokkaido, organiser_department, organiser, other_staff, coordinator):
    last_month = timezone.now() - datetime.timedelta(days=30)
    training = make_event(hokkaido, organiser_department, title="新任職員研修", audience="staff",
                          starts=timezone.now() + datetime.timedelta(days=2))
    session = training.sessions.get()
    registration, _ = actions.register(training, session, person(1, email=other_staff.email), user=other_staff)
    actions.register(training, session, person(2, email=organiser.email), user=organiser)
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=last_month)
    session.starts_at = last_month
    session.ends_at = last_month + datetime.timedelta(hours=2)
    session.save()
    from kyodo.core.japanese import fiscal_year

    rows, total = queries.trained_share(hokkaido, fiscal_year(timezone.localtime(last_month).date()))
    by_name = {row["department"].name: (row["staff"], row["trained"]) for row in rows}
    assert by_name["環境政策課"] == (1, 1) and by_name["協働推進課"] == (1, 0)  # registered, not attended
    assert total == {"staff": 3, "trained": 1, "share": 33.3}
    records = list(queries.training_record(other_staff))
    assert [r.event.title for r in records] == ["新任職員研修"] and records[0].attended


def test_files_are_checked_then_listed_on_the_public_page(client, organiser, seminar, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(organiser)
    url = f"/org/hokkaido/events/manage/{seminar.pk}/"
    fake = SimpleUploadedFile("chirashi.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    refused = client.post(url, {"action": "file", "title": "チラシ", "file": fake})
    assert refused.status_code == 400 and "PDF" in str(refused.context["file_form"].errors)
    pdf = SimpleUploadedFile("chirashi.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    assert client.post(url, {"action": "file", "title": "チラシ", "file": pdf}).status_code == 302
    client.logout()
    assert "チラシ" in client.get(f"/org/hokkaido/events/{seminar.pk}/").content.decode()


def held(session):
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=3),
                                                 ends_at=timezone.now() - datetime.timedelta(hours=1))


def test_a_published_report_is_corrected_with_a_reason_and_the_page_shows_it(client, organiser, seminar, session):
    from kyodo.core.corrections import Correction

    held(session)
    client.force_login(organiser)
    url = f"/org/hokkaido/events/manage/{seminar.pk}/report/"
    client.post(url, {"action": "report", "participants": "40", "summary": "40人が参加しました。",
                      "captions": "話し合う参加者", "publish": "on"})
    form = client.get(url).context["form"]
    assert "publish" not in form.fields and "reason" in form.fields  # public now: a change is a correction
    refused = client.post(url, {"action": "report", "participants": "38", "summary": "38人が参加しました。",
                                "captions": "話し合う参加者"})
    assert refused.status_code == 400 and "訂正の理由" in str(refused.context["form"].errors["reason"])
    report = EventReport.objects.get(event=seminar)
    assert report.participants == 40 and not Correction.objects.exists()  # nothing half-saved
    unchanged = client.post(url, {"action": "report", "participants": "40", "summary": "40人が参加しました。",
                                  "captions": "話し合う参加者"})
    assert unchanged.status_code == 302 and not Correction.objects.exists()  # no change, no reason asked
    client.post(url, {"action": "report", "participants": "38", "summary": "38人が参加しました。",
                      "captions": "話し合う参加者たち", "reason": "受付名簿の数え直しによる"})
    report.refresh_from_db()
    assert report.participants == 38
    correction = Correction.objects.get()
    assert correction.actor == organiser and correction.before["参加者数"] == "40"
    assert correction.before["写真の説明"] == "話し合う参加者" and correction.after["写真の説明"] == "話し合う参加者たち"
    client.post(url, {"action": "report", "participants": "38", "summary": "38人が参加しました。",
                      "captions": "話し合う参加者たち\n講演する講師", "reason": "写真の説明を追加"})
    assert Correction.objects.count() == 2  # a caption alone is corrected with its reason too
    client.logout()
    public = client.get(f"/org/hokkaido/events/{seminar.pk}/").content.decode()
    assert "38人" in public and "受付名簿の数え直しによる" in public and "訂正前の内容を見る" in public
    assert "<del>40</del>" in public


def test_the_questionnaire_screen_sends_once_and_shows_averages_to_organisers_only(
        client, organiser, other_staff, seminar, session, django_capture_on_commit_callbacks):
    from django.core import mail

    first, _ = actions.register(seminar, session, person(1))
    second, _ = actions.register(seminar, session, person(2))
    actions.register(seminar, session, person(3))  # registered, did not come: not asked
    for registration in (first, second):
        actions.check_in(organiser, registration)
    url = f"/org/hokkaido/events/manage/{seminar.pk}/questionnaire/"
    client.force_login(other_staff)
    assert client.get(url).status_code == 403
    client.force_login(organiser)
    assert "まだ送っていない2人に送る" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["p1@example.jp", "p2@example.jp"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)  # pressed twice: nobody is mailed again
    assert len(mail.outbox) == 2
    for registration, answers in ((first, {"satisfaction": 5, "usefulness": 4, "join_again": "on",
                                           "comment": "事例が参考になった"}),
                                  (second, {"satisfaction": 4, "usefulness": 3})):
        registration.refresh_from_db()
        client.post(f"/org/hokkaido/events/feedback/{registration.feedback_token}/", answers)
    page = client.get(url)
    text = page.content.decode()
    assert page.context["summary"]["answers"] == 2
    assert "4.5" in text and "3.5" in text and "事例が参考になった" in text
    assert "まだ送っていない0人に送る" in text


@pytest.mark.parametrize("path", ["registered/?t={token}", "status/", "feedback/{feedback}/"])
def test_registrants_pages_are_never_stored(client, organiser, seminar, session, path):
    registration, _ = actions.register(seminar, session, person(1), form_token="t" * 20)
    actions.check_in(organiser, registration)
    actions.send_questionnaire(organiser, seminar)
    registration.refresh_from_db()
    response = client.get("/org/hokkaido/events/" + path.format(token="t" * 20, feedback=registration.feedback_token))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_the_event_form_picks_its_department_from_the_tree_and_keeps_the_rules(
        client, organiser, organiser_department, coordinator):
    """主催課 is the department tree with full paths and a search box (issue 14 §8): the
    coordinator tells 総務局 › 総務課 from 財政局 › 総務課; a department's staff are offered only
    their own department and posting another is still refused."""
    assert_offers_only_the_actors_departments(
        client, "/org/hokkaido/events/manage/new/", anyone=coordinator, restricted=organiser,
        own=organiser_department, data={"title": "協働の集い", "kind": "exchange", "audience": "public",
                                        "summary": "交流します。", "venue": "かでる2・7", "fee": "0",
                                        "max_seats_per_registration": "1"})
    assert not Event.objects.exists()
