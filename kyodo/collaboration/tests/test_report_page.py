"""The published survey report: charts with tables, year-over-year, downloads, flat cost."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from openpyxl import load_workbook

from kyodo.collaboration import actions
from kyodo.collaboration.models import Project, SurveyCampaign

from .builders import bulk_projects
from .conftest import TODAY

URL = "/org/hokkaido/collaboration/reports/2005/"


def publish(coordinator, campaign):
    actions.close_campaign(coordinator, campaign)
    return actions.publish_campaign(coordinator, campaign)


@pytest.fixture
def published(campaign, coordinator, project, environment, welfare):
    bulk_projects(campaign, [environment, welfare], 5)
    return publish(coordinator, campaign)


def test_unpublished_report_is_not_found(client, campaign):
    assert client.get(URL).status_code == 404


def test_report_shows_every_dimension_with_chart_and_table(client, published):
    page = client.get(URL).content.decode()
    for heading in ("協働の形態別", "分野別", "協働の相手方の種別", "部署別"):
        assert heading in page
    assert 'class="chart"' in page and "<table" in page
    assert "6事業" in page  # 1 + 5 projects
    assert "download.csv" in page and "download.xlsx" in page and "download.json" in page


def test_year_over_year_change(client, published, coordinator, hokkaido, environment, welfare):
    earlier = actions.create_campaign(coordinator, hokkaido, fiscal_year=2004,
                                      deadline=datetime.date(2005, 7, 31))
    actions.open_campaign(coordinator, earlier, today=TODAY)
    bulk_projects(earlier, [environment], 9, prefix="旧")
    publish(coordinator, earlier)
    page = client.get(URL).content.decode()
    assert "前年度 9事業" in page
    assert "前年度" in page and "増減" in page


def test_csv_has_bom_and_no_personal_data(client, published):
    response = client.get(URL + "download.csv")
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["区分", "項目", "事業数"]
    assert ["協働の形態別", "委託"] == rows[2][:2]
    assert "mori@example.org" not in raw.decode("utf-8-sig")


def test_excel_and_json_downloads(client, published):
    book = load_workbook(io.BytesIO(client.get(URL + "download.xlsx").content))
    assert "事業一覧" in book.sheetnames
    titles = [row[2] for row in book["事業一覧"].iter_rows(min_row=2, values_only=True)]
    assert "道民の森づくり事業" in titles
    data = json.loads(client.get(URL + "download.json").content)
    assert data["totals"]["projects"] == 6
    assert {r["key"] for r in data["tables"]["by_partner_type"]} >= {"npo", "company"}
    assert "mori@example.org" not in json.dumps(data, ensure_ascii=False)


def test_evaluation_scores_appear_in_the_report(client, published, project):
    from kyodo.collaboration.models import Evaluation, EvaluationTemplate

    template = EvaluationTemplate.objects.create(organisation=project.organisation, name="様式",
                                                 scale=[[5, "a"], [1, "b"]])
    Evaluation.objects.create(project=project, template=template, partner=project.partners.get().partner,
                              status="published", score="83.3",
                              published_at=datetime.datetime(2006, 8, 1, tzinfo=datetime.UTC))
    assert "83.3" in client.get(URL).content.decode()


@pytest.mark.parametrize("count", [150, 15_000])
def test_report_page_query_count_is_flat(client, campaign, coordinator, environment, welfare,
                                         count, django_assert_max_num_queries):
    bulk_projects(campaign, [environment, welfare], count)
    publish(coordinator, campaign)
    assert SurveyCampaign.objects.get(pk=campaign.pk).report["totals"]["projects"] == count
    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200
    assert Project.objects.count() == count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_report_is_computed_quickly_from_statistics_that_say_the_tables_are_empty(
        campaign, environment, welfare):
    """After a bulk load, autovacuum may analyse the tables from another session that cannot
    see the load's uncommitted rows: the statistics then say their pages hold no rows. The
    report's plan must stay cheap anyway (nested loops over full scans took over 300 s)."""
    import time

    import psycopg

    from kyodo.collaboration import report
    from kyodo.collaboration.models import ProjectField, ProjectForm, ProjectPartner

    bulk_projects(campaign, [environment, welfare], 15_000, analyze=False)
    db = connection.settings_dict
    with psycopg.connect(host=db["HOST"], port=db["PORT"], user=db["USER"],
                         password=db["PASSWORD"], dbname=db["NAME"], autocommit=True) as other:
        for model in (Project, ProjectForm, ProjectField, ProjectPartner):
            other.execute(f"ANALYZE {model._meta.db_table}")
        assert other.execute("SELECT reltuples FROM pg_class WHERE relname = %s",
                             [Project._meta.db_table]).fetchone()[0] == 0
    start = time.monotonic()
    data = report.compute(campaign)
    assert time.monotonic() - start < 30
    assert data["totals"]["projects"] == 15_000
    assert {r["key"]: r["count"] for r in data["by_partner_type"]}["company"] == 5_000
    # The planner is left as the report found it, for the rest of the caller's transaction.
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_nestloop")
        assert cursor.fetchone()[0] == "on"


def test_the_reports_tables_stack_into_labelled_cards_on_a_phone(client, published, project):
    """Up to six columns (事業数, 予算額, 前年度, 増減 …) do not fit 390 px: each row becomes a card
    headed by its item, every figure labelled (issue 14 §8)."""
    from kyodo.collaboration.models import Evaluation, EvaluationTemplate

    template = EvaluationTemplate.objects.create(organisation=project.organisation, name="様式",
                                                 scale=[[5, "a"], [1, "b"]])
    Evaluation.objects.create(project=project, template=template, partner=project.partners.get().partner,
                              status="published", score="83.3",
                              published_at=datetime.datetime(2006, 8, 1, tzinfo=datetime.UTC))
    page = client.get(URL).content.decode()
    tables = page.split("<table")[1:]
    assert len(tables) >= 5 and all(t.startswith(' class="table table--stack"') for t in tables)
    for label in ("回答", "事業数", "予算額", "担当部署", "協働団体", "段階", "評価点(100点満点)"):
        assert f'data-label="{label}"' in page
