"""The server errors issue 13 §4 saw, replayed one by one: each is now a Japanese refusal (a 400
or 404 page, a message next to the field, an API 422) or an ordinary answer — never a 500.

The hunt (test_hostile_input.py) finds such errors on every URL pattern; these are the reported
addresses themselves, cheap enough to run on every change."""

import pytest
from django.test import Client

from .factories import UserFactory, grant

#: (address, query) as reported; the slug is the test world's.
REPORTED = [
    ("/org/sapporo/lectures/statistics/", {"fiscal_year": "0"}),
    ("/org/sapporo/lectures/statistics/download.csv", {"fiscal_year": "0"}),
    ("/org/sapporo/lectures/statistics/download.xlsx", {"fiscal_year": "0"}),
    ("/org/sapporo/lectures/statistics/download.pdf", {"fiscal_year": "0"}),
    ("/org/sapporo/calendar/", {"month": "99999-1"}),
    ("/calendar/", {"month": "99999-1"}),
    ("/org/sapporo/events/", {"month": "99999-1"}),
    ("/org/sapporo/collaboration/reports/99999999999999999999/", {}),
    ("/org/sapporo/collaboration/import-template.xlsx", {"year": "1"}),
    ("/api/v1/organisations", {"page": "1608822505826999040"}),
    ("/api/v1/organisations", {"page": "0"}),
    ("/org/sapporo/councils/recommendations/", {"fiscal_year": "1200"}),
    ("/org/sapporo/plans/", {"year": "10000"}),
]


@pytest.fixture
def visitor(sapporo, sapporo_department):
    return Client(raise_request_exception=True)


@pytest.mark.parametrize("url, query", REPORTED, ids=[f"{u}?{q}" for u, q in REPORTED])
def test_a_reported_address_is_refused_not_a_server_error(visitor, url, query):
    response = visitor.get(url, query)
    assert response.status_code < 500
    if response.status_code in (400, 404) and not url.startswith("/api/"):
        page = response.content.decode()
        assert '<html lang="ja">' in page and 'class="site-header"' in page
    if url.startswith("/api/") and response.status_code >= 400:
        assert set(response.json()) >= {"code", "message", "detail"}


@pytest.mark.parametrize("url", ["/org/sapporo/lectures/manage/", "/org/sapporo/lectures/manage/calendar/"])
def test_staff_screens_read_months_and_years_the_same_way(sapporo, sapporo_department, url):
    staff = UserFactory()
    grant(staff, "reception_desk", sapporo, sapporo_department)
    client = Client(raise_request_exception=True)
    client.force_login(staff)
    assert client.get(url).status_code == 200
    for value in ("0", "1200", "10000", "99999-1", "9" * 25, "２０２６\x00"):
        query = {"month": value, "fiscal_year": value, "year": value, "page": value}
        assert client.get(url, query).status_code in (200, 400, 404), value
