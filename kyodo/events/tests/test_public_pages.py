"""The public pages: the list with its filters (constant queries at two sizes), the event page,
registration without an account (and its refusals next to the fields), the status page and
cancellation, the report, the open data in the current イベント一覧 layout and the API — none of
them showing a registrant's personal data."""

import csv
import datetime
import io
import json

import pytest
from django.core import mail
from django.utils import timezone

from kyodo.core.db import analyze_if_bulk
from kyodo.events import actions
from kyodo.events.models import Event, EventReport, Registration, Session

from .conftest import make_event, person, soon

pytestmark = pytest.mark.django_db


def bulk_events(organisation, department, count, offset=0):
    starts = soon(10)
    events = Event.objects.bulk_create([Event(
        organisation=organisation, department=department, title=f"交流会{n}", kind="exchange", audience="public",
        status="published", summary="要旨", venue="会場", area="石狩" if n % 2 else "上川", fee=0 if n % 3 else 500,
        starts_at=starts + datetime.timedelta(hours=n), ends_at=starts + datetime.timedelta(hours=n + 2))
        for n in range(offset, offset + count)])
    Session.objects.bulk_create([Session(event=e, starts_at=e.starts_at, ends_at=e.ends_at, capacity=10)
                                 for e in events for _ in range(2)])
    analyze_if_bulk(count, Event, Session)


@pytest.mark.parametrize("query", ["", "?kind=exchange&fee=free&area=石狩"])
def test_list_runs_constant_queries_at_two_sizes(client, hokkaido, organiser_department, django_assert_max_num_queries,
                                                 query):
    bulk_events(hokkaido, organiser_department, 100)
    with django_assert_max_num_queries(12) as small:
        assert client.get("/org/hokkaido/events/" + query).status_code == 200
    bulk_events(hokkaido, organiser_department, 2000, offset=100)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get("/org/hokkaido/events/" + query)
    assert page.status_code == 200 and "交流会" in page.content.decode()


def test_filters_kind_month_fee_area_organisation(client, hokkaido, sapporo, organiser_department):
    from kyodo.core.tests.factories import DepartmentFactory

    make_event(hokkaido, organiser_department, title="道のセミナー", fee=1000, area="石狩")
    city = DepartmentFactory(organisation=sapporo, name="市民活動促進課")
    make_event(sapporo, city, title="札幌の交流会", kind="exchange", area="札幌市")
    text = client.get("/org/hokkaido/events/").content.decode()
    assert "道のセミナー" in text and "札幌の交流会" in text  # the prefecture's list covers its municipalities
    assert "札幌の交流会" not in client.get("/org/hokkaido/events/?organisation=hokkaido").content.decode()
    assert "道のセミナー" not in client.get("/org/hokkaido/events/?fee=free").content.decode()
    assert "札幌の交流会" not in client.get("/org/hokkaido/events/?area=石狩").content.decode()
    month = timezone.localtime(soon()).strftime("%Y-%m")
    assert "道のセミナー" in client.get(f"/org/hokkaido/events/?month={month}").content.decode()
    assert "道のセミナー" not in client.get("/org/hokkaido/events/?month=2001-01").content.decode()
    assert client.get("/org/hokkaido/events/?month=2026-13").status_code == 400
    assert client.get("/org/hokkaido/events/?kind=%00").status_code == 400
    assert "道のセミナー" not in client.get("/org/sapporo/events/").content.decode()


def test_visitor_registers_without_an_account_then_checks_and_cancels(client, seminar, session):
    page = client.get(f"/org/hokkaido/events/{seminar.pk}/register/")
    token = page.context["form"].initial["form_token"]
    data = {"form_token": token, "session": session.pk, "name": "道民 花子", "email": "hanako@example.jp",
            "phone": "０１１－２３１－４１１１", "consent": "on"}
    response = client.post(f"/org/hokkaido/events/{seminar.pk}/register/", data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.phone == "011-231-4111"  # full-width digits are converted, not refused
    done = client.get(response["Location"]).content.decode()
    assert registration.receipt_number in done
    status = client.post("/org/hokkaido/events/status/", {"receipt": registration.receipt_number,
                                                          "email": "hanako@example.jp"})
    assert "参加予定" in status.content.decode()
    client.post("/org/hokkaido/events/status/", {"receipt": registration.receipt_number,
                                                 "email": "hanako@example.jp", "cancel": "1"})
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client, seminar, session):
    data = {"form_token": "x" * 20, "session": session.pk, "name": "道民 花子", "email": "not-an-address",
            "phone": "abc", "consent": ""}
    response = client.post(f"/org/hokkaido/events/{seminar.pk}/register/", data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "email" in form.errors and "phone" in form.errors and "consent" in form.errors
    assert not Registration.objects.exists()


def test_an_address_typed_in_full_width_is_folded_not_refused(client, seminar, session):
    page = client.get(f"/org/hokkaido/events/{seminar.pk}/register/")
    data = {"form_token": page.context["form"].initial["form_token"], "session": session.pk, "name": "道民 花子",
            "email": "ｈａｎａｋｏ１２３＠ｅｘａｍｐｌｅ．ｊｐ", "phone": "０９０ー１２３４ー５６７８", "consent": "on"}
    assert client.post(f"/org/hokkaido/events/{seminar.pk}/register/", data).status_code == 302
    registration = Registration.objects.get()
    assert registration.email == "hanako123@example.jp" and registration.phone == "090-1234-5678"
    status = client.post("/org/hokkaido/events/status/", {"receipt": registration.receipt_number.replace("-", "－"),
                                                          "email": "ＨＡＮＡＫＯ１２３＠example.jp"})
    assert status.status_code == 200 and "参加予定" in status.content.decode()
    refused = client.post(f"/org/hokkaido/events/{seminar.pk}/register/",
                          dict(data, form_token="z" * 20, email="はなこ＠れい"))
    assert refused.status_code == 400 and "有効なメールアドレス" in str(refused.context["form"].errors["email"])


def test_full_session_offers_the_waitlist_on_the_form(client, hokkaido, organiser_department):
    event = make_event(hokkaido, organiser_department, capacity=1)
    session = event.sessions.get()
    actions.register(event, session, person(1))
    data = {"form_token": "y" * 20, "session": session.pk, "name": "道民 次郎", "email": "jiro@example.jp",
            "consent": "on"}
    refused = client.post(f"/org/hokkaido/events/{event.pk}/register/", data)
    assert refused.status_code == 400 and "キャンセル待ちに登録できます" in refused.content.decode()
    joined = client.post(f"/org/hokkaido/events/{event.pk}/register/", dict(data, waitlist="on"))
    assert joined.status_code == 302
    assert Registration.objects.get(email="jiro@example.jp").status == Registration.Status.WAITLISTED


def test_staff_only_event_is_not_for_visitors(client, hokkaido, organiser_department, other_staff):
    training = make_event(hokkaido, organiser_department, title="新任職員研修", audience="staff")
    response = client.get(f"/org/hokkaido/events/{training.pk}/")
    assert response.status_code == 403 and "職員限定" in response.content.decode()
    assert "新任職員研修" not in client.get("/org/hokkaido/events/").content.decode()
    client.force_login(other_staff)
    assert client.get(f"/org/hokkaido/events/{training.pk}/").status_code == 200
    page = client.get(f"/org/hokkaido/events/{training.pk}/register/")
    data = {"form_token": page.context["form"].initial["form_token"], "session": training.sessions.get().pk,
            "consent": "on"}
    assert client.post(f"/org/hokkaido/events/{training.pk}/register/", data).status_code == 302
    assert Registration.objects.get().user == other_staff
    record = client.get("/org/hokkaido/events/training/mine/").content.decode()
    assert "新任職員研修" in record and "申込済" in record


def test_no_personal_data_in_public_pages_open_data_or_api(client, seminar, session):
    actions.register(seminar, session, person(1, name="秘密 太郎", email="secret@example.jp", phone="090-1111-2222"))
    EventReport.objects.create(event=seminar, participants=40, summary="盛況でした。", published_at=timezone.now())
    texts = [client.get(f"/org/hokkaido/events/{seminar.pk}/").content.decode(),
             client.get("/org/hokkaido/events/").content.decode(),
             json.dumps(client.get(f"/api/v1/events/{seminar.pk}").json(), ensure_ascii=False),
             json.dumps(client.get("/api/v1/organisations/hokkaido/events").json(), ensure_ascii=False)]
    for fmt in ("csv", "json"):
        texts.append(b"".join(client.get(f"/org/hokkaido/events/open-data/events.{fmt}").streaming_content)
                     .decode("utf-8-sig"))
    assert "盛況でした" in texts[0] and "協働推進セミナー" in texts[2]
    assert "第1回" in texts[0]  # a session without a label is numbered, not a bare 「1」
    for text in texts:
        assert "秘密" not in text and "secret@" not in text and "090-1111" not in text


def test_open_data_is_the_current_event_list_layout_with_future_events(client, seminar, session):
    raw = b"".join(client.get("/org/hokkaido/events/open-data/events.csv").streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:5] == ["全国地方公共団体コード", "ID", "地方公共団体名", "イベント名", "イベント名_カナ"]
    assert rows[0]["イベント名"] == "協働推進セミナー" and rows[0]["定員"] == "3"
    assert rows[0]["開始日"] == timezone.localtime(session.starts_at).date().isoformat()  # a future event
    assert rows[0]["所在地_連結表記"] == "札幌市中央区北2条西7丁目" and rows[0]["地方公共団体名"] == "北海道"
    document = json.loads(b"".join(client.get("/org/hokkaido/events/open-data/events.json").streaming_content))
    assert document["rows"][0]["ID"] == f"{seminar.pk}-{session.pk}"
    assert client.get("/org/hokkaido/events/open-data/events.xlsx").status_code == 200
    assert client.get("/org/hokkaido/events/open-data/events.exe").status_code == 404


def test_api_lists_public_events_and_sessions(client, hokkaido, seminar, session, organiser_department):
    make_event(hokkaido, organiser_department, title="職員研修", audience="staff")
    draft = make_event(hokkaido, organiser_department, title="下書き")
    Event.objects.filter(pk=draft.pk).update(status="draft")
    listed = client.get("/api/v1/organisations/hokkaido/events").json()
    assert [e["title"] for e in listed["items"]] == ["協働推進セミナー"]
    assert listed["items"][0]["sessions"][0]["seats_left"] == 3
    assert client.get(f"/api/v1/events/{draft.pk}").status_code == 404
    assert client.get("/api/v1/organisations/hokkaido/events?kind=seminar&when=all").json()["count"] == 1
    assert client.get("/api/v1/organisations/hokkaido/events?kind=exchange").json()["count"] == 0
    for bad in ("kind=party", "when=future", "kind=%00"):
        refused = client.get(f"/api/v1/organisations/hokkaido/events?{bad}")
        assert refused.status_code == 422 and bad.split("=")[0] in str(refused.json()["detail"])


def test_feedback_questionnaire(client, seminar, session, organiser, django_capture_on_commit_callbacks):
    registration, _ = actions.register(seminar, session, person(1))
    actions.check_in(organiser, registration)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_questionnaire(organiser, seminar) == 1
    registration.refresh_from_db()
    assert registration.feedback_token in mail.outbox[-1].body
    url = f"/org/hokkaido/events/feedback/{registration.feedback_token}/"
    response = client.post(url, {"satisfaction": 5, "usefulness": 4, "join_again": "on", "comment": "良かった"})
    assert "ご回答ありがとうございました" in response.content.decode()
    assert client.post(url, {"satisfaction": 1, "usefulness": 1}).status_code == 200
    assert seminar.feedback.count() == 1


def test_a_cancelled_event_stays_visible_marked_cancelled(client, seminar, organiser):
    actions.cancel_event(organiser, seminar, "講師の急病のため")
    page = client.get(f"/org/hokkaido/events/{seminar.pk}/").content.decode()
    assert "中止になりました" in page and "申し込む" not in page
    assert "中止" in client.get("/org/hokkaido/events/").content.decode()


def test_a_signed_in_citizen_registration_is_linked_to_the_account(client, seminar, session):
    from kyodo.core.tests.factories import UserFactory

    citizen = UserFactory(email="kumiko@example.jp", display_name="道民 久美子")
    client.force_login(citizen)
    page = client.get(f"/org/hokkaido/events/{seminar.pk}/register/")
    assert page.context["form"].initial["email"] == "kumiko@example.jp"
    data = {"form_token": page.context["form"].initial["form_token"], "session": session.pk,
            "name": "道民 久美子", "email": "kumiko@example.jp", "consent": "on"}
    assert client.post(f"/org/hokkaido/events/{seminar.pk}/register/", data).status_code == 302
    assert Registration.objects.get().user == citizen
