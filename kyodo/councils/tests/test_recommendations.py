"""提言 and their tracking: the administration records its response and reflection status;
the public table filters by status and theme and runs a fixed number of queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kyodo.councils import actions
from kyodo.councils.models import Recommendation, RecommendationReport
from kyodo.plans.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(council):
    return RecommendationReport.objects.create(council=council, title="最終提言",
                                               submitted_on=datetime.date(2004, 9, 30))


@pytest.fixture
def recommendation(report, item, theme):
    recommendation = Recommendation.objects.create(report=report, number=1, theme=theme,
                                                   title="窓口を市民の目線で見直すこと")
    recommendation.items.set([item])
    return recommendation


def test_tracking_table_shows_response_and_status(client, recommendation, secretariat):
    actions.record_response(secretariat, recommendation, status="partly", response="夜間窓口を試行しています。")
    page = client.get("/org/sapporo/councils/recommendations/").content.decode()
    assert "窓口を市民の目線で見直すこと" in page and "夜間窓口を試行しています。" in page
    assert f'data-testid="recommendation-{recommendation.pk}-status">一部反映<' in page
    assert "出前講座の充実" in page  # the action item it concerns, linked


def test_not_reflected_needs_a_reason(client, recommendation, secretariat):
    with pytest.raises(ValidationError, match="理由を書いてください"):
        actions.record_response(secretariat, recommendation, status="not_reflected", response="")
    client.force_login(secretariat)
    page = client.post(f"/org/sapporo/councils/workspace/recommendations/{recommendation.pk}/",
                       {"status": "not_reflected", "response": "", "reason": ""}).content.decode()
    assert 'id="id_reason_error"' in page
    recommendation.refresh_from_db()
    assert recommendation.status == "considering"


def test_filters_by_status_and_theme(client, recommendation, report, plan):
    other_theme = Theme.objects.create(plan=plan, number=2, title="コミュニケーションの改革")
    Recommendation.objects.create(report=report, number=2, theme=other_theme, title="情報を公開すること",
                                  status="reflected")
    page = client.get("/org/sapporo/councils/recommendations/?status=reflected").content.decode()
    assert "情報を公開すること" in page and "窓口を市民の目線" not in page
    page = client.get(f"/org/sapporo/councils/recommendations/?theme={recommendation.theme_id}").content.decode()
    assert "窓口を市民の目線" in page and "情報を公開すること" not in page
    print_page = client.get("/org/sapporo/councils/recommendations/print/?status=reflected").content.decode()
    assert "情報を公開すること" in print_page and "site-header" not in print_page


def test_only_the_secretariat_records_responses(client, recommendation, member_a):
    client.force_login(member_a.user)
    response = client.post(f"/org/sapporo/councils/workspace/recommendations/{recommendation.pk}/",
                           {"status": "reflected", "response": "", "reason": ""})
    assert response.status_code == 403


def test_recommendation_shows_on_the_item_page(client, recommendation, item):
    page = client.get(f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/").content.decode()
    assert "この取組項目に関する提言" in page and "窓口を市民の目線で見直すこと" in page


@pytest.mark.parametrize("size", [5, 80])
def test_tracking_table_query_count_is_fixed(client, report, item, size, django_assert_max_num_queries):
    for n in range(size):
        recommendation = Recommendation.objects.create(report=report, number=n + 1, title=f"提言{n}")
        recommendation.items.set([item])
    # One of the 7 reads what other modules hold on the recommendations (a public comment on
    # one, core.modules.record_links), in one query whatever their number.
    with django_assert_max_num_queries(7):
        response = client.get("/org/sapporo/councils/recommendations/")
    assert response.content.decode().count("data-testid=\"recommendation-") == size
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/organisations/sapporo/councils/recommendations").json()["count"] == size
