"""The results page and the list for signed-in people: shared fragments, so a warm render reads
none of the comments or calls, and a change to the city's answer shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.core.tests.factories import UserFactory

from .test_results_page import build_published, results_url

pytestmark = pytest.mark.django_db


def test_a_warm_results_page_runs_few_queries_and_a_change_shows_at_once(client, settings, sapporo, office):
    settings.KYODO_PAGE_CACHE_SECONDS = 300
    call = build_published(sapporo, office, 60, items=5)
    client.force_login(UserFactory(email="jumin@example.jp"))
    assert "提出意見 60件" in client.get(results_url(call)).content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "考え方4" in client.get(results_url(call)).content.decode()
    assert len(warm.captured_queries) <= 6, [q["sql"] for q in warm.captured_queries]
    item = call.opinion_items.get(number=5)
    item.response = "窓口で配布する資料にも掲載します。"
    item.save()
    assert "窓口で配布する資料にも掲載します。" in client.get(results_url(call)).content.decode()


def test_a_warm_list_of_calls_runs_few_queries(client, settings, sapporo, office, open_call):
    settings.KYODO_PAGE_CACHE_SECONDS = 300
    call = build_published(sapporo, office, 3, items=1)
    client.force_login(UserFactory(email="jumin@example.jp"))
    url = reverse("publiccomment:index", args=[sapporo.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as warm:
        html = client.get(url).content.decode()
    assert call.title in html and open_call.title in html
    assert len(warm.captured_queries) <= 5, [q["sql"] for q in warm.captured_queries]
