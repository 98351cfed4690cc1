"""The results page for signed-in people: its report is a shared fragment (the same for everyone,
the staff's word-analysis links kept apart), a warm render runs few queries, a change shows at
once; and its printable PDF (tagged, Japanese text selectable), only of published results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.core.tests.factories import UserFactory
from kyodo.core.tests.pdfcheck import pdf_text
from kyodo.surveys.models import Survey

from .conftest import fill

pytestmark = pytest.mark.django_db

WORDS = "単語の分析"


@pytest.fixture
def published(survey):
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    fill(survey, 50, seed=3)
    return survey


@pytest.fixture
def resident():
    return UserFactory(email="jumin@example.jp")


@pytest.fixture
def fragments_on(settings):
    settings.KYODO_PAGE_CACHE_SECONDS = 300


def url(survey, name="results"):
    return reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk])


def page(client, survey, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url(survey))
    assert response.status_code == 200
    return response.content.decode()


def test_staff_links_never_reach_residents_through_the_shared_report(client, published, coordinator,
                                                                     resident, fragments_on):
    assert WORDS in page(client, published, coordinator)
    assert WORDS not in page(client, published, resident)
    assert WORDS not in page(client, published)
    assert WORDS in page(client, published, coordinator)


def test_a_warm_render_for_a_signed_in_resident_runs_few_queries(client, published, resident, fragments_on):
    page(client, published, resident)
    with CaptureQueriesContext(connection) as warm:
        assert "問1" in client.get(url(published)).content.decode()
    assert len(warm.captured_queries) <= 6, [q["sql"] for q in warm.captured_queries]


def test_a_change_is_visible_at_once_to_someone_who_saw_the_page(client, published, resident, fragments_on):
    assert "50" in page(client, published, resident)
    published.results_summary = "窓口の満足度が上がりました。"
    published.save()
    assert "窓口の満足度が上がりました。" in page(client, published, resident)


def test_the_results_pdf_of_a_published_survey(client, published):
    assert url(published, "results_pdf") in page(client, published)
    response = client.get(url(published, "results_pdf"))
    assert ".pdf" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "市民満足度調査" in text and "市役所改革の取組全体に満足していますか" in text
    assert WORDS not in text


def test_no_pdf_before_publication_even_for_staff(client, survey, coordinator):
    client.force_login(coordinator)
    assert client.get(url(survey)).status_code == 200
    assert url(survey, "results_pdf") not in client.get(url(survey)).content.decode()
    assert client.get(url(survey, "results_pdf")).status_code == 404


def test_a_warm_crosstab_for_a_signed_in_resident_runs_few_queries(client, published, resident, fragments_on):
    client.force_login(resident)
    crosstab = url(published, "crosstab") + "?by=area"
    client.get(crosstab)
    with CaptureQueriesContext(connection) as warm:
        assert 'data-testid="crosstab"' in client.get(crosstab).content.decode()
    assert len(warm.captured_queries) <= 6, [q["sql"] for q in warm.captured_queries]
