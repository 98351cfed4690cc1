"""The survey report as a PDF (issue 18 §7): linked from the report, tagged, its Japanese text
selectable, a published report only."""

import datetime

import pytest

from kyodo.collaboration import actions
from kyodo.collaboration.models import Evaluation, EvaluationTemplate
from kyodo.core.tests.pdfcheck import pdf_text

from .builders import bulk_projects

REPORT = "/org/hokkaido/collaboration/reports/2005/"


@pytest.fixture
def published(campaign, coordinator, project, environment, welfare):
    bulk_projects(campaign, [environment, welfare], 5)
    actions.close_campaign(coordinator, campaign)
    return actions.publish_campaign(coordinator, campaign)


def test_the_report_pdf_holds_its_figures_tables_and_evaluations(client, published, project):
    template = EvaluationTemplate.objects.create(organisation=project.organisation, name="様式",
                                                 scale=[[5, "a"], [1, "b"]])
    Evaluation.objects.create(project=project, template=template,
                              partner=project.partners.get().partner, status="published",
                              score="83.3",
                              published_at=datetime.datetime(2006, 8, 1, tzinfo=datetime.UTC))
    page = client.get(REPORT).content.decode()
    assert REPORT + "pdf/" in page and "PDFで印刷・保存" in page
    response = client.get(REPORT + "pdf/")
    assert ".pdf" in response["Content-Disposition"]
    text = pdf_text(response)
    for expected in ("平成17年度 協働取組実態調査", "協働事業数", "6事業", "協働の形態別", "委託",
                     "分野別", "協働の相手方の種別", "部署別", "環境政策課", "道民の森づくり事業",
                     "83.3"):
        assert expected in text, expected


def test_no_pdf_of_a_report_not_published(client, campaign, coordinator):
    assert client.get(REPORT + "pdf/").status_code == 404
    client.force_login(coordinator)
    assert client.get(REPORT + "pdf/").status_code == 404
