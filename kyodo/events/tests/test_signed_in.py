"""The event list for signed-in people: the list is a shared fragment, so a warm render reads no
event; the staff's own trainings stay theirs whoever rendered the list first; a change to an
event shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.core.tests.factories import UserFactory

from .conftest import make_event

pytestmark = pytest.mark.django_db

TRAININGS = "職員向けの研修"


@pytest.fixture
def fragments_on(settings):
    settings.KYODO_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def training(hokkaido, organiser_department):
    return make_event(hokkaido, organiser_department, title="個人情報保護研修", audience="staff")


def page(client, hokkaido, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("events:index", args=[hokkaido.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_trainings_never_reach_residents_through_the_shared_list(client, hokkaido, seminar, training,
                                                                       organiser, fragments_on):
    resident = UserFactory(email="jumin@example.jp")
    assert TRAININGS in page(client, hokkaido, organiser)
    html = page(client, hokkaido, resident)
    assert seminar.title in html and TRAININGS not in html and training.title not in html
    assert TRAININGS not in page(client, hokkaido)
    assert TRAININGS in page(client, hokkaido, organiser)


def test_a_warm_list_runs_few_queries_and_a_change_shows_at_once(client, hokkaido, seminar, fragments_on):
    resident = UserFactory(email="jumin@example.jp")
    page(client, hokkaido, resident)
    with CaptureQueriesContext(connection) as warm:
        assert seminar.title in client.get(reverse("events:index", args=[hokkaido.slug])).content.decode()
    assert len(warm.captured_queries) <= 6, [q["sql"] for q in warm.captured_queries]
    seminar.venue = "札幌エルプラザ"
    seminar.save()
    assert "札幌エルプラザ" in page(client, hokkaido, resident)
