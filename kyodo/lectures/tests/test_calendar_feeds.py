"""Calendar feeds: a department's public feed carries only what the public pages show; a staff
member's feed is a secret address (stored hashed) with the full details of the lectures they may
see, and reissuing it revokes the old one. Pages with an applicant's data are not stored."""

import pytest

from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.lectures import actions
from kyodo.lectures.models import CalendarFeed

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(sapporo, theme, request_data, reception, office, office_staff):
    lecture_request = actions.submit_request(sapporo, theme, request_data)[0]
    actions.receive(reception, lecture_request)
    actions.route(reception, lecture_request, office)
    actions.decide(office_staff, lecture_request, starts_at=next_weekday_at(30), lecturer="推進 誠")
    return lecture_request


PRIVATE = ("北一条町内会", "北一条会館", "札幌市中央区北1条西5丁目", "推進 誠")


def unfold(body):
    """iCalendar folds long lines; read it as one text."""
    return body.decode().replace("\r\n ", "")


def test_the_public_feed_shows_what_the_public_pages_show(client, decided):
    body = unfold(client.get(f"/org/sapporo/lectures/calendar/{decided.department_id}.ics").content)
    assert "BEGIN:VEVENT" in body and "市役所改革" in body and "LOCATION:北海道札幌市" in body
    for private in (*PRIVATE, decided.receipt_number):
        assert private not in body


def issue(client, user):
    client.force_login(user)
    response = client.post("/org/sapporo/lectures/manage/calendar/feed/")
    assert response.status_code == 200
    return response.context["feed_url"]


def test_a_staff_feed_is_secret_full_and_revocable(client, decided, office_staff):
    url = issue(client, office_staff)
    feed = CalendarFeed.objects.get(user=office_staff)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert feed.token_hash != token and token not in feed.token_hash  # only a hash is kept
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    body = unfold(response.content)
    for private in (*PRIVATE, decided.receipt_number):
        assert private in body
    client.force_login(office_staff)
    assert 'data-testid="feed-issued"' in client.get("/org/sapporo/lectures/manage/calendar/").content.decode()
    new_url = issue(client, office_staff)
    client.logout()
    assert client.get(url).status_code == 404  # reissuing revokes the old address
    assert client.get(new_url).status_code == 200


def test_a_staff_feed_lists_only_what_its_holder_may_see(client, sapporo, decided):
    other = UserFactory()
    grant(other, "department_staff", sapporo, DepartmentFactory(organisation=sapporo, name="財政課"))
    url = issue(client, other)
    body = unfold(client.get(url).content)
    assert "BEGIN:VCALENDAR" in body and "BEGIN:VEVENT" not in body and "北一条町内会" not in body


def test_a_staff_feed_stops_when_its_holder_loses_the_role(client, decided, office_staff):
    url = issue(client, office_staff)
    office_staff.role_assignments.all().delete()
    assert client.get(url).status_code == 404


def test_an_unknown_feed_address_is_a_404(client, decided):
    assert client.get("/org/sapporo/lectures/calendar/feed/guess.ics").status_code == 404


def test_a_feed_address_of_another_organisation_is_a_404(client, decided, office_staff, hokkaido):
    url = issue(client, office_staff)
    assert client.get(url.replace("/org/sapporo/", "/org/hokkaido/")).status_code == 404


def test_only_staff_issue_feeds(client, sapporo):
    client.force_login(UserFactory())
    assert client.post("/org/sapporo/lectures/manage/calendar/feed/").status_code == 403
    assert not CalendarFeed.objects.exists()


def test_pages_with_an_applicants_data_are_not_stored(client, sapporo, theme, request_data):
    lecture_request = actions.submit_request(sapporo, theme, request_data, form_token="tok-1")[0]
    done = client.get("/org/sapporo/lectures/requests/done/", {"t": "tok-1"})
    status = client.post("/org/sapporo/lectures/status/", {"receipt": lecture_request.receipt_number,
                                                           "email": "sato@example.jp"})
    for response in (done, status):
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
