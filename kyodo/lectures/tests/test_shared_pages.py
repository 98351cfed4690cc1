"""The catalogue and the statistics for signed-in people (issue 19): rendered once, shared
with everyone (core/fragments.py), a change shows at once, and a signed-in visit after the
first does only the queries of its own part. The API lists read only the page asked for."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.core.tests.factories import UserFactory
from kyodo.lectures import actions

from .test_public_pages import make_held

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    return UserFactory(email="jumin@example.jp")


def page_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def warm_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_a_renamed_theme_shows_at_once_in_the_catalogue(client, theme, office_staff, resident):
    client.force_login(resident)
    assert "市役所改革" in page_of(client, "/org/sapporo/lectures/")
    theme.title = "市役所改革のこれから"
    actions.save_theme(office_staff, theme)
    client.force_login(resident)
    assert "市役所改革のこれから" in page_of(client, "/org/sapporo/lectures/")
    # The filters are kept apart: a category with no theme shows none.
    assert "市役所改革のこれから" not in page_of(client, "/org/sapporo/lectures/?category=environment")
    assert warm_queries(client, "/org/sapporo/lectures/") <= 5


def test_a_held_lecture_shows_at_once_in_the_statistics(client, theme, resident):
    client.force_login(resident)
    path = "/org/sapporo/lectures/statistics/?fiscal_year=2026"
    make_held(theme, 1, audience=30)
    assert 'data-testid="stat-held">1<' in page_of(client, path)
    make_held(theme, 1, audience=12)
    page = page_of(client, path)
    assert 'data-testid="stat-held">2<' in page and 'data-testid="stat-audience">42<' in page
    assert warm_queries(client, path) <= 5


def test_an_api_list_reads_only_the_page_asked_for(client, theme):
    make_held(theme, 3)
    with CaptureQueriesContext(connection) as captured:
        held = client.get("/api/v1/organisations/sapporo/lectures/held", {"page_size": 2}).json()
    assert held["count"] == 3 and len(held["items"]) == 2 and held["next"].endswith("page_size=2&page=2")
    assert "LIMIT 2" in captured.captured_queries[-1]["sql"]
    themes = client.get("/api/v1/organisations/sapporo/lectures/themes").json()
    assert themes["items"][0]["category_label"] == "市政・行財政" and themes["items"][0]["times_held"] == 3
