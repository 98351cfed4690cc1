"""Registration rules: capacity per session, the waitlist and its automatic promotion (with
its mail), group seats, opening and closing dates, duplicates, staff-only events, a capacity
lowered below the seats taken, sessions ending before they start."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kyodo.events import actions
from kyodo.events.models import Registration, Session

from .conftest import make_event, person, soon

pytestmark = pytest.mark.django_db


def seats(session):
    session.refresh_from_db()
    return session.seats_taken


def test_registration_gets_a_receipt_number_and_a_mail(seminar, session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration, created = actions.register(seminar, session, person(1), form_token="a")
    assert created and registration.status == Registration.Status.CONFIRMED
    assert registration.receipt_number.endswith("-E0001")
    assert seats(session) == 1
    assert len(mail.outbox) == 1 and registration.receipt_number in mail.outbox[0].body
    again, created = actions.register(seminar, session, person(1), form_token="a")  # the same form twice
    assert not created and again.pk == registration.pk and seats(session) == 1


def test_full_session_offers_the_waitlist_then_promotes_on_cancellation(
        seminar, session, django_capture_on_commit_callbacks):
    for n in range(1, 4):
        actions.register(seminar, session, person(n))
    with pytest.raises(ValidationError) as refused:
        actions.register(seminar, session, person(4))
    assert "キャンセル待ち" in str(refused.value.message_dict["waitlist"])
    waiting, _ = actions.register(seminar, session, person(4, waitlist=True))
    second, _ = actions.register(seminar, session, person(5, waitlist=True))
    assert waiting.status == Registration.Status.WAITLISTED and actions.waitlist_position(second) == 2
    first = Registration.objects.get(email="p1@example.jp")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = actions.cancel(first)
    assert [p.pk for p in promoted] == [waiting.pk]
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED and waiting.promoted_at
    assert seats(session) == 3
    subjects = [m.subject for m in mail.outbox]
    assert any("参加が決まりました" in s for s in subjects) and any(m.to == ["p4@example.jp"] for m in mail.outbox)
    assert actions.waitlist_position(Registration.objects.get(pk=second.pk)) == 1


def test_group_registration_counts_several_seats(hokkaido, organiser_department):
    event = make_event(hokkaido, organiser_department, capacity=5, max_seats=4)
    session = event.sessions.get()
    actions.register(event, session, person(1, seats=4))
    assert seats(session) == 4
    with pytest.raises(ValidationError) as refused:
        actions.register(event, session, person(2, seats=2))
    assert "満席" in str(refused.value)
    with pytest.raises(ValidationError) as too_many:
        actions.register(event, session, person(3, seats=5))
    assert "4人まで" in str(too_many.value.message_dict["seats"])
    actions.register(event, session, person(4, seats=1))
    assert seats(session) == 5


def test_a_group_that_does_not_fit_keeps_its_place(hokkaido, organiser_department):
    event = make_event(hokkaido, organiser_department, capacity=3, max_seats=3)
    session = event.sessions.get()
    actions.register(event, session, person(1, seats=2))
    one, _ = actions.register(event, session, person(2))
    actions.register(event, session, person(3, seats=3, waitlist=True))
    single, _ = actions.register(event, session, person(4, waitlist=True))
    _c, promoted = actions.cancel(one)
    assert promoted == []  # the group of 3 does not fit in 1; the single behind it does not jump ahead
    assert Registration.objects.get(pk=single.pk).status == Registration.Status.WAITLISTED


def test_opening_and_closing_dates(hokkaido, organiser_department):
    later = make_event(hokkaido, organiser_department, registration_opens=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="まだ始まっていません"):
        actions.register(later, later.sessions.get(), person(1))
    closed = make_event(hokkaido, organiser_department, title="締切済",
                        registration_closes=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="締め切りました"):
        actions.register(closed, closed.sessions.get(), person(1))
    assert not Registration.objects.exists()


def test_duplicate_registration_refused_whatever_the_case(seminar, session):
    actions.register(seminar, session, person(1))
    with pytest.raises(ValidationError) as refused:
        actions.register(seminar, session, person(1, email="P1@Example.JP"))
    assert "すでに申し込まれています" in str(refused.value.message_dict["email"])
    assert seats(session) == 1


def test_consent_is_required(seminar, session):
    with pytest.raises(ValidationError) as refused:
        actions.register(seminar, session, person(1, consent=False))
    assert "consent" in refused.value.message_dict


def test_staff_only_event_refuses_visitors_and_takes_staff(hokkaido, organiser_department, other_staff):
    training = make_event(hokkaido, organiser_department, title="新任職員研修", audience="staff")
    with pytest.raises(ValidationError, match="職員だけ"):
        actions.register(training, training.sessions.get(), person(1))
    registration, _ = actions.register(training, training.sessions.get(),
                                       person(1, name="環境 花子", email=other_staff.email), user=other_staff)
    assert registration.user == other_staff and registration.department.name == "環境政策課"


def test_capacity_cannot_drop_below_seats_taken(seminar, session, organiser):
    actions.register(seminar, session, person(1))
    actions.register(seminar, session, person(2))
    session.capacity = 1
    with pytest.raises(ValidationError) as refused:
        actions.save_session(organiser, session)
    assert "2人" in str(refused.value.message_dict["capacity"])
    session.refresh_from_db()
    assert session.capacity == 3


def test_raising_capacity_promotes_the_waitlist(seminar, session, organiser):
    for n in range(1, 4):
        actions.register(seminar, session, person(n))
    waiting, _ = actions.register(seminar, session, person(4, waitlist=True))
    session.capacity = 4
    _s, promoted = actions.save_session(organiser, session)
    assert [p.pk for p in promoted] == [waiting.pk] and seats(session) == 4


def test_session_ending_before_it_starts_is_refused(seminar, organiser):
    starts = soon(20)
    session = Session(event=seminar, starts_at=starts, ends_at=starts - datetime.timedelta(hours=1), capacity=10)
    with pytest.raises(ValidationError) as refused:
        actions.save_session(organiser, session)
    assert "終了日時は開始日時より後" in str(refused.value.message_dict["ends_at"])
    assert seminar.sessions.count() == 1


def test_status_lookup_needs_receipt_and_email(seminar, session, hokkaido):
    registration, _ = actions.register(seminar, session, person(1))
    assert actions.find_own_registration(hokkaido, registration.receipt_number, "p1@example.jp") == registration
    assert actions.find_own_registration(hokkaido, registration.receipt_number.lower(), "P1@example.jp") == registration
    assert actions.find_own_registration(hokkaido, registration.receipt_number, "other@example.jp") is None
    assert actions.find_own_registration(hokkaido, "R99-E9999999", "p1@example.jp") is None


def test_check_in_walk_ins_and_attendance(seminar, session, organiser):
    from kyodo.events import queries

    registration, _ = actions.register(seminar, session, person(1))
    actions.check_in_by_receipt(organiser, session, registration.receipt_number)
    actions.record_walk_ins(organiser, session, 2)
    _per_session, total = queries.attendance(seminar)
    assert total == 3
    with pytest.raises(ValidationError):
        actions.cancel(Registration.objects.get(pk=registration.pk))  # checked in: no longer cancellable
    with pytest.raises(ValidationError):
        actions.check_in_by_receipt(organiser, session, "R8-E9999")


def test_day_before_reminder_and_cancelled_event_mails(hokkaido, organiser_department, organiser,
                                                        django_capture_on_commit_callbacks):
    from kyodo.core import reminders
    from kyodo.events import notices

    tomorrow = timezone.localtime(timezone.now()).replace(hour=14, minute=0, second=0, microsecond=0) + \
        datetime.timedelta(days=1)
    event = make_event(hokkaido, organiser_department, starts=tomorrow)
    registration, _ = actions.register(event, event.sessions.get(), person(1))
    due = list(notices.day_before(timezone.localdate()))
    assert [r.recipients for r in due] == [["p1@example.jp"]] and registration.receipt_number in due[0].body
    assert "events.day_before" in reminders.sources()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_event(organiser, event, "荒天のため")
    assert mail.outbox[0].to == ["p1@example.jp"] and "荒天のため" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        actions.register(event, event.sessions.get(), person(2))
