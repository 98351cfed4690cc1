"""The council page, the evaluation results and the recommendation tracking for signed-in
people (issue 19): what is the same for everyone is rendered once and shared
(core/fragments.py), the secretariat's links never reach anyone else, a change shows at once,
and a signed-in visit after the first does only the queries of its own part."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.core.tests.factories import UserFactory
from kyodo.councils import actions
from kyodo.councils.models import Recommendation, RecommendationReport

from .conftest import make_member

pytestmark = pytest.mark.django_db

EDIT_LINK = "/councils/workspace/member/"
WORKSPACE_LINK = "事務局の画面へ"


@pytest.fixture
def resident():
    return UserFactory(email="jumin@example.jp")


@pytest.fixture
def council_page(council):
    make_member(council, "会議 一郎")
    return f"/org/sapporo/councils/{council.pk}/"


@pytest.fixture
def published(council, item, secretariat):
    round_ = actions.open_round(secretariat, council, title="平成17年度 実施状況の評価", fiscal_year=2005,
                                items=[item], criteria=["計画の進捗状況"])
    actions.close_round(secretariat, round_)
    actions.publish_round(secretariat, round_)
    return round_


@pytest.fixture
def recommendation(council, item, theme):
    report = RecommendationReport.objects.create(council=council, title="最終提言",
                                                 submitted_on=datetime.date(2004, 9, 30))
    recommendation = Recommendation.objects.create(report=report, number=1, theme=theme,
                                                   title="窓口を市民の目線で見直すこと")
    recommendation.items.set([item])
    return recommendation


def page_of(client, user, path):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def warm_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_secretariats_links_stay_with_the_secretariat(client, council_page, secretariat, resident):
    staff_page = page_of(client, secretariat, council_page)
    assert EDIT_LINK in staff_page and WORKSPACE_LINK in staff_page
    for visitor in (resident, None):
        page = page_of(client, visitor, council_page)
        assert "会議 一郎" in page
        assert EDIT_LINK not in page and WORKSPACE_LINK not in page


def test_the_secretariat_keeps_its_links_after_a_resident_saw_the_page(client, council_page, secretariat,
                                                                       resident):
    assert EDIT_LINK not in page_of(client, resident, council_page)
    staff_page = page_of(client, secretariat, council_page)
    assert EDIT_LINK in staff_page and WORKSPACE_LINK in staff_page


def test_a_new_member_shows_at_once_on_the_council_page(client, council, council_page, resident):
    assert "田中 美咲" not in page_of(client, resident, council_page)
    make_member(council, "田中 美咲")
    assert "田中 美咲" in page_of(client, resident, council_page)


def test_a_signed_in_visit_to_the_council_page_reads_little_once_shared(client, council_page, resident):
    client.force_login(resident)
    assert warm_queries(client, council_page) <= 7


def test_a_verdict_shows_at_once_on_the_evaluation(client, published, item, secretariat, resident):
    path = f"/org/sapporo/councils/evaluations/{published.pk}/"
    assert "窓口の待ち時間が短くなった" not in page_of(client, resident, path)
    actions.save_verdict(secretariat, published, item, evaluation="窓口の待ち時間が短くなった",
                         response="引き続き取り組みます", correction_reason="総合評価の追記")
    page = page_of(client, resident, path)
    assert "窓口の待ち時間が短くなった" in page and "引き続き取り組みます" in page
    assert warm_queries(client, path) <= 6
    # The print view and the PDF read the same results.
    assert "窓口の待ち時間が短くなった" in page_of(client, resident, path + "print/")


def test_an_unpublished_round_stays_with_the_secretariat(client, council, item, secretariat, resident):
    round_ = actions.open_round(secretariat, council, title="平成18年度 実施状況の評価", fiscal_year=2006,
                                items=[item], criteria=["計画の進捗状況"])
    path = f"/org/sapporo/councils/evaluations/{round_.pk}/"
    assert "平成18年度 実施状況の評価" in page_of(client, secretariat, path)
    client.force_login(resident)
    assert client.get(path).status_code == 404


def test_a_response_shows_at_once_on_the_tracking_table(client, recommendation, secretariat, resident):
    path = "/org/sapporo/councils/recommendations/"
    assert "夜間窓口を試行しています。" not in page_of(client, resident, path)
    actions.record_response(secretariat, recommendation, status="partly", response="夜間窓口を試行しています。")
    page = page_of(client, resident, path)
    assert "夜間窓口を試行しています。" in page
    assert f'data-testid="recommendation-{recommendation.pk}-status">一部反映<' in page
    assert warm_queries(client, path) <= 5
    # The filters are kept apart: a status with no recommendation shows none.
    assert "窓口を市民の目線" not in page_of(client, resident, path + "?status=reflected")
