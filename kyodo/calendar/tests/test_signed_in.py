"""The month for signed-in people: the entries are a shared fragment, so a warm render reads
none of them, and a new meeting shows at once to someone who saw the month before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.core.tests.factories import UserFactory

from .conftest import at, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(client):
    client.force_login(UserFactory(email="jumin@example.jp"))


@pytest.mark.parametrize("name, args", [("calendar:month", ["sapporo"]), ("calendar_regional:month", [])])
def test_a_warm_month_runs_few_queries_and_a_new_meeting_shows_at_once(client, settings, sapporo, council,
                                                                       resident, name, args):
    settings.KYODO_PAGE_CACHE_SECONDS = 300
    url = reverse(name, args=args) + "?month=2026-12"
    meeting(council, 1, at(2026, 12, 3, 14))
    assert "市役所改革市民会議" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        page = client.get(url).content.decode()
    assert "市役所改革市民会議" in page and "12/3" in page
    assert len(warm.captured_queries) <= 5, [q["sql"] for q in warm.captured_queries]
    meeting(council, 2, at(2026, 12, 17, 10), venue="区民センター")
    assert "区民センター" in client.get(url).content.decode()
