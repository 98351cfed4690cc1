"""「PDFで印刷・保存」 of the tracking table and of a published evaluation (issue 18 §7): each is a
tagged PDF whose Japanese title can be extracted; only public data (no unpublished round)."""

import datetime

import pytest

from kyodo.core.tests.pdfcheck import pdf_text
from kyodo.councils import actions
from kyodo.councils.models import Recommendation, RecommendationReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendation(council, item, theme):
    report = RecommendationReport.objects.create(council=council, title="最終提言",
                                                 submitted_on=datetime.date(2004, 9, 30))
    recommendation = Recommendation.objects.create(report=report, number=1, theme=theme,
                                                   title="窓口を市民の目線で見直すこと")
    recommendation.items.set([item])
    return recommendation


def test_the_tracking_table_pdf(client, recommendation):
    page = client.get("/org/sapporo/councils/recommendations/").content.decode()
    assert "/org/sapporo/councils/recommendations/pdf/" in page and "PDFで印刷・保存" in page
    response = client.get("/org/sapporo/councils/recommendations/pdf/")
    assert "inline" in response["Content-Disposition"]
    text = pdf_text(response)
    assert "提言の反映状況" in text and "窓口を市民の目線で見直すこと" in text


def test_the_tracking_table_pdf_keeps_the_filters(client, recommendation):
    text = pdf_text(client.get("/org/sapporo/councils/recommendations/pdf/?status=reflected"))
    assert "窓口を市民の目線で見直すこと" not in text


def test_a_published_evaluation_pdf_and_none_before_publication(client, council, item, secretariat):
    round_ = actions.open_round(secretariat, council, title="平成17年度 実施状況の評価", fiscal_year=2005,
                                items=[item], criteria=["計画の進捗状況"])
    url = f"/org/sapporo/councils/evaluations/{round_.pk}/pdf/"
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    assert client.get(url).status_code == 404  # staff see the round, but a PDF is public data only
    client.logout()
    actions.close_round(secretariat, round_)
    actions.publish_round(secretariat, round_)
    page = client.get(f"/org/sapporo/councils/evaluations/{round_.pk}/").content.decode()
    assert url in page
    text = pdf_text(client.get(url))
    assert "平成17年度 実施状況の評価" in text and item.title in text
