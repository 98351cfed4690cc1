"""The open-data catalogue (issue 18 §5): every module's public datasets in one list with row
counts, licence, update date and formats; DCAT JSON-LD for CKAN."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core.tests.factories import OrganisationFactory, UserFactory
from kyodo.lectures.models import Request
from kyodo.portal.models import OpenDataLicence

from .conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(theme):
    requests = [make_request(theme, f"p{i}@example.jp", status="reported") for i in range(3)]
    Request.objects.filter(pk__in=[r.pk for r in requests]).update(starts_at=timezone.now())
    return requests


def test_the_organisations_catalogue_lists_every_dataset_with_rows_and_licence(client, held):
    html = client.get("/org/sapporo/open-data/").content.decode()
    for title in ("改革プランの進捗", "市民会議の提言と反映状況", "出前講座の年度別統計",
                  "イベント一覧(実施した出前講座)", "市民活動団体の名簿", "協働事業の一覧",
                  "協働取組実態調査の結果"):
        assert title in html, title
    assert "CC BY 4.0" in html and "自治体標準オープンデータセット イベント一覧" in html
    events = html[html.index("イベント一覧(実施した出前講座)"):]
    assert "<dd>3</dd>" in events[:1500]
    assert 'href="/org/sapporo/lectures/open-data/events.csv"' in html
    assert "@example.jp" not in html


def test_the_regional_catalogue_lists_only_datasets_with_data(client, held, hokkaido):
    OrganisationFactory(name="旭川市", slug="asahikawa", prefecture=hokkaido)
    html = client.get("/open-data/").content.decode()
    assert "出前講座の年度別統計" in html and "札幌市" in html and "旭川市" not in html


def test_the_dcat_catalogue_is_structurally_valid(client, held):
    response = client.get("/open-data/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = response.json()
    assert document["@type"] == "dcat:Catalog"
    assert document["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert document["@context"]["dct"] == "http://purl.org/dc/terms/"
    datasets = document["dcat:dataset"]
    assert datasets and len({d["@id"] for d in datasets}) == len(datasets)
    names = {d["dct:identifier"] for d in datasets}
    assert {"011002-lectures.events", "011002-lectures.statistics"} <= names
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:title"] and dataset["dct:description"]
        assert dataset["dct:publisher"]["foaf:name"] == "札幌市"
        assert dataset["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
        assert dataset["dcat:landingPage"]["@id"].startswith("http")
        assert dataset["dcat:distribution"]
        for distribution in dataset["dcat:distribution"]:
            assert distribution["@type"] == "dcat:Distribution"
            assert distribution["dcat:downloadURL"]["@id"].startswith("http")
            assert distribution["dcat:mediaType"]["@id"].startswith(
                "https://www.iana.org/assignments/media-types/")
            assert distribution["dct:license"]["@id"].startswith("https://")
    events = next(d for d in datasets if d["dct:identifier"] == "011002-lectures.events")
    [csv] = events["dcat:distribution"]
    assert csv["dcat:downloadURL"]["@id"].endswith("/org/sapporo/lectures/open-data/events.csv")
    assert csv["dcat:mediaType"]["@id"].endswith("text/csv")
    assert csv["dct:modified"]["@type"] == "xsd:dateTime"
    datetime.datetime.fromisoformat(csv["dct:modified"]["@value"])
    organisation = client.get("/org/sapporo/open-data/catalog.jsonld").json()
    assert organisation["dct:publisher"]["foaf:name"] == "札幌市"


def test_an_organisation_sets_its_licence(client, held, sapporo, sapporo_admin):
    client.force_login(UserFactory())
    assert client.get("/org/sapporo/open-data/manage/licence/").status_code == 403
    client.force_login(sapporo_admin)
    response = client.post("/org/sapporo/open-data/manage/licence/", {
        "name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/",
        "attribution": ""})
    assert response.status_code == 302
    assert OpenDataLicence.objects.get(organisation=sapporo).name == "CC0 1.0"
    client.logout()
    assert "CC0 1.0" in client.get("/org/sapporo/open-data/").content.decode()
    dataset = client.get("/open-data/catalog.jsonld").json()["dcat:dataset"][0]
    assert dataset["dct:license"]["@id"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    client.force_login(sapporo_admin)
    bad = client.post("/org/sapporo/open-data/manage/licence/", {"name": "", "url": "not a url"})
    assert bad.status_code == 400


@pytest.mark.parametrize("path", ["/open-data/", "/org/sapporo/open-data/",
                                  "/open-data/catalog.jsonld"])
def test_the_catalogue_runs_the_same_queries_at_two_sizes(client, theme, hokkaido, path, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.KYODO_PAGE_CACHE_SECONDS = 0
    counts = []
    for size in (2, 30):
        for i in range(size):
            make_request(theme, f"q{size}-{i}@example.jp", status="reported")
            OrganisationFactory(prefecture=hokkaido)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
