"""The public grant database: filters (year, field, area, amount range, keyword), totals of what
they select, hostile query values (a message, never a 500), downloads of the filtered grants, and
a fixed number of queries from 100 to 5,000 grants."""

import json

import pytest

from kyodo.fund.models import FundRound, GrantCategory

from .conftest import make_grants

pytestmark = pytest.mark.django_db
URL = "/org/hokkaido/fund/grants/"


@pytest.fixture
def grants(fund, round_2003, general):
    round_2004 = FundRound.objects.create(fund=fund, fiscal_year=2004, number=1)
    cat_2004 = GrantCategory.objects.create(round=round_2004, name="一般助成", cap=500_000)
    make_grants(round_2003, general, 3, field="environment", area="石狩管内", amount=100_000)
    make_grants(round_2003, general, 2, field="children", area="十勝管内", amount=400_000, start=10)
    make_grants(round_2004, cat_2004, 4, field="environment", area="十勝管内", amount=250_000, start=20)


def count_and_total(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200
    page = response.content.decode()
    count = page.split('data-testid="grant-count">')[1].split("件")[0]
    total = page.split('data-testid="grant-total">')[1].split("<")[0]
    return int(count), total


def test_no_filter_counts_and_totals_everything(client, grants):
    assert count_and_total(client) == (9, "2,100,000円")


@pytest.mark.parametrize(("query", "expected"), [
    ("?year=2003", (5, "1,100,000円")),
    ("?field=environment", (7, "1,300,000円")),
    ("?area=十勝管内", (6, "1,800,000円")),
    ("?amount_min=200000&amount_max=300000", (4, "1,000,000円")),
    ("?amount_min=２０００００", (6, "1,800,000円")),  # full-width digits are what phones type
    ("?year=2004&field=environment&area=十勝管内", (4, "1,000,000円")),
    ("?q=団体1", (3, "900,000円")),  # 団体1, 団体10, 団体11
    ("?q=団体1 事業11", (1, "400,000円")),  # every word must match
])
def test_filters_select_and_total(client, grants, query, expected):
    assert count_and_total(client, query) == expected


@pytest.mark.parametrize("query", [
    "?year=99999999999999999999", "?year=平成", "?year=-1", "?field=nonsense", "?area=%00",
    "?amount_min=-5", "?amount_min=1e9999", "?amount_max=99999999999999999999999",
    "?amount_min=300000&amount_max=100000", "?q=" + "あ" * 500, "?fund=999999999999999999999",
    "?page=0", "?page=abc",
])
def test_hostile_query_values_never_fail(client, grants, query):
    response = client.get(URL + query)
    assert response.status_code in (200, 400)
    if response.status_code == 200 and "page=" not in query and "fund=" not in query:  # one fund: no fund filter
        assert "field__errors" in response.content.decode()


def test_an_inverted_amount_range_is_explained_next_to_the_field(client, grants):
    page = client.get(URL + "?amount_min=300000&amount_max=100000").content.decode()
    assert "上限は下限以上の金額にしてください。" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_downloads_follow_the_filters(client, grants, fmt):
    response = client.get(f"/org/hokkaido/fund/grants/download.{fmt}?year=2004")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("ID,ファンド,年度")
        assert len(text.strip().splitlines()) == 1 + 4
    elif fmt == "json":
        assert len(json.loads(body)["rows"]) == 4
    else:
        assert body[:2] == b"PK"


def test_an_unknown_download_format_is_a_404(client, grants):
    assert client.get("/org/hokkaido/fund/grants/download.exe").status_code == 404


def test_a_grant_page_shows_its_report(client, fund, round_2003, general, coordinator):
    from kyodo.fund import actions
    from kyodo.fund.models import Grant

    grant = actions.save_grant(coordinator, Grant(
        round=round_2003, category=general, group_name="釧路湿原保全ボランティア", title="湿原の清掃",
        field="environment", area="釧路管内", amount=300_000, report="延べ120人が参加しました。"))
    page = client.get(f"/org/hokkaido/fund/grants/{grant.pk}/").content.decode()
    assert "湿原の清掃" in page and "延べ120人が参加しました。" in page and "300,000円" in page


@pytest.mark.parametrize("size", [100, 5000])
def test_the_grant_database_runs_a_fixed_number_of_queries(client, fund, round_2003, general, size,
                                                           django_assert_max_num_queries):
    make_grants(round_2003, general, size)
    with django_assert_max_num_queries(10):
        response = client.get(URL + "?field=environment&page=2")
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("size", [100, 5000])
def test_the_fund_page_runs_a_fixed_number_of_queries(client, fund, round_2003, general, size,
                                                      django_assert_max_num_queries):
    make_grants(round_2003, general, size)
    with django_assert_max_num_queries(8):
        assert client.get(f"/org/hokkaido/fund/{fund.pk}/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/org/hokkaido/fund/").status_code == 200


def test_the_grant_database_reads_in_english(client, grants):
    page = client.get("/en/org/hokkaido/fund/grants/?year=2003").content.decode()
    assert "Grant database" in page and "5 grants" in page and "Total granted" in page
