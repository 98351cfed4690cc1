"""What events declare to the site-wide pages (calendar, いま参加できること, search, open-data
catalogue, my page, benchmark), each with a fixed number of queries and public data only; and
the deletion of registrants' personal data after the retention period."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import modules, retention
from kyodo.core.tests.factories import UserFactory
from kyodo.events import actions, providers
from kyodo.events.models import EventReport, Registration, Session

from .conftest import make_event, person

pytestmark = pytest.mark.django_db


def test_calendar_has_public_sessions_only(hokkaido, organiser_department, seminar, session, django_assert_num_queries):
    make_event(hokkaido, organiser_department, title="職員研修", audience="staff")
    start, end = timezone.now(), timezone.now() + datetime.timedelta(days=60)
    with django_assert_num_queries(1):
        entries = providers.calendar_entries(start, end, [hokkaido.pk])
    assert [e.title for e in entries] == ["協働推進セミナー"]
    assert entries[0].uid == f"events.session:{session.pk}" and entries[0].place == "かでる2・7"
    assert any(e.uid == entries[0].uid for e in modules.calendar_entries(start, end, [hokkaido.pk]))


def test_opportunities_seats_left_or_waitlist(hokkaido, organiser_department, django_assert_num_queries):
    free = make_event(hokkaido, organiser_department, title="空きあり", capacity=5)
    full = make_event(hokkaido, organiser_department, title="満席", capacity=1)
    actions.register(full, full.sessions.get(), person(1))
    make_event(hokkaido, organiser_department, title="締切済", registration_closes=timezone.now())
    with django_assert_num_queries(1):
        found = {o.title: o.summary for o in providers.open_events([hokkaido.pk], timezone.now())}
    assert set(found) == {"空きあり", "満席"}
    assert "残り席あり" in found["空きあり"] and "キャンセル待ち" in found["満席"]
    assert free.pk


def test_search_documents_published_events_and_reports(hokkaido, organiser_department, seminar):
    make_event(hokkaido, organiser_department, title="職員研修", audience="staff")
    EventReport.objects.create(event=seminar, participants=12, summary="協働の事例を共有", published_at=timezone.now())
    documents = list(providers.event_documents(None))
    assert [d.title for d in documents] == ["協働推進セミナー"]
    assert "協働の事例を共有" in documents[0].body and documents[0].kind == "開催報告"


def test_dataset_and_bench_targets(hokkaido, seminar, session):
    dataset = next(d for d in modules.datasets() if d.name == "events.events")
    assert dataset.rows([hokkaido.pk]) == {hokkaido.pk: 1}
    assert "イベント一覧" in dataset.layout
    names = [name for name, _title, _path in providers.bench_targets()]
    assert names == ["events.index", "events.api"]


def test_my_items_are_the_users_own(hokkaido, seminar, session, django_assert_max_num_queries):
    from allauth.account.models import EmailAddress

    user = UserFactory(email="mine@example.jp")
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True})
    actions.register(seminar, session, person(1, email="mine@example.jp"))
    actions.register(seminar, session, person(2, email="someone@example.jp"))
    with django_assert_max_num_queries(2):
        items = providers.my_registrations(user)
    assert len(items) == 1 and "協働推進セミナー" in items[0].title and items[0].status == "参加予定"


def test_personal_data_erased_after_the_retention_period(hokkaido, seminar, session):
    registration, _ = actions.register(seminar, session, person(1, name="消える 人", phone="011-111-1111"))
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - datetime.timedelta(days=400),
                                                 ends_at=timezone.now() - datetime.timedelta(days=400))
    retention.RetentionPolicy.objects.create(organisation=hokkaido, days_after_close=365)
    declared = next(r for r in retention.registered() if r.key == "events.registration")
    due = declared.due(hokkaido, timezone.now() - datetime.timedelta(days=365))
    assert list(due) == [registration]
    from django.core.management import call_command

    call_command("purge_personal_data")
    registration.refresh_from_db()
    assert registration.name == retention.ERASED and registration.phone == "" and registration.erased_at
    assert registration.email.endswith("@invalid.example") and registration.seats == 1
    assert Registration.objects.filter(pk=registration.pk, status="confirmed").exists()


def test_erasure_unlinks_a_residents_account_but_keeps_a_staff_training_record(
        hokkaido, organiser_department, seminar, session, other_staff):
    from django.core.management import call_command

    resident = UserFactory(email="resident@example.jp")
    public, _ = actions.register(seminar, session, person(1, email=resident.email), user=resident)
    training = make_event(hokkaido, organiser_department, title="新任職員研修", audience="staff")
    trained, _ = actions.register(training, training.sessions.get(), person(2, email=other_staff.email),
                                  user=other_staff)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Session.objects.update(starts_at=long_ago, ends_at=long_ago)
    retention.RetentionPolicy.objects.create(organisation=hokkaido, days_after_close=365)
    call_command("purge_personal_data")
    public.refresh_from_db()
    trained.refresh_from_db()
    assert public.erased_at and public.user is None
    assert trained.erased_at and trained.user == other_staff and trained.department_id is not None
    assert not providers.my_registrations(resident)


def test_the_demo_events(transactional_db):
    """Issue 16 §8: 北海道's 交流会 and セミナー with past reports, an upcoming seminar with a full
    session and a waitlist, a 新任職員研修 with records, a Sapporo event — loaded twice safely."""
    from kyodo.core.demo import loader
    from kyodo.core.models import User
    from kyodo.events import demo, queries
    from kyodo.events.models import Event

    world = loader.load()
    demo.load(world)
    demo.load(world)  # safe to run again
    hokkaido = Event.objects.filter(organisation__slug="hokkaido")
    reported = set(hokkaido.filter(report__published_at__isnull=False).values_list("title", flat=True))
    assert {"市民活動地域交流会(石狩会場)", "市民活動地域交流会(上川会場)", "協働推進セミナー"} <= reported
    assert hokkaido.filter(title="協働推進セミナー", report__isnull=False).count() == 2  # H15 and H16
    upcoming = hokkaido.get(title__startswith="協働推進セミナー ―")
    full = upcoming.sessions.get(label="札幌会場")
    assert full.is_full and full.registrations.filter(status=Registration.Status.WAITLISTED).count() == 3
    assert upcoming.sessions.filter(label__startswith="オンライン", seats_taken__lt=100).exists()
    training = hokkaido.get(title="新任職員研修(協働の基礎)")
    assert training.is_staff_only
    staff = User.objects.get(email="staff@hokkaido.example.jp")
    assert [r.event.title for r in queries.training_record(staff) if r.attended] == ["新任職員研修(協働の基礎)"]
    assert Event.objects.filter(organisation__slug="sapporo", fee=500).exists()


def test_coming_up_reads_only_the_first_entries_in_order(hokkaido, organiser_department,
                                                         django_assert_num_queries):
    """The front page's 「これからの予定」 asks for the first few entries: each provider reads at
    most that many, the earliest, so a busy region's month is never built whole."""
    now = timezone.now()
    for days in (9, 3, 7, 1, 5):
        make_event(hokkaido, organiser_department, title=f"{days}日後の交流会",
                   starts=now + datetime.timedelta(days=days))
    make_event(hokkaido, organiser_department, title="職員研修", audience="staff",
               starts=now + datetime.timedelta(hours=1))
    end = now + datetime.timedelta(days=30)
    with django_assert_num_queries(1):
        first = providers.calendar_entries(now, end, None, limit=2)
    assert [e.title for e in first] == ["1日後の交流会", "3日後の交流会"]
    assert [e.title for e in modules.calendar_entries(now, end, [hokkaido.pk], limit=3)] == [
        "1日後の交流会", "3日後の交流会", "5日後の交流会"]
    assert len(modules.calendar_entries(now, end, [hokkaido.pk])) == 5
