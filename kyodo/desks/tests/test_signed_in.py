"""The desks list for signed-in people: a shared fragment, so a warm render reads no desk, and
an edit shows at once to someone who saw the list before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_warm_list_runs_few_queries_and_an_edit_shows_at_once(client, settings, hokkaido, desk):
    settings.KYODO_PAGE_CACHE_SECONDS = 300
    client.force_login(UserFactory(email="jumin@example.jp"))
    url = reverse("desks:index", args=[hokkaido.slug])
    assert desk.name in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert desk.name in client.get(url).content.decode()
    assert len(warm.captured_queries) <= 5, [q["sql"] for q in warm.captured_queries]
    desk.place = "石狩振興局 3階"
    desk.save()
    assert "石狩振興局 3階" in client.get(url).content.decode()
