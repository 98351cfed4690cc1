"""The public desk pages: the list with the area filter, a desk's page, the statistics and
their downloads, the API, and the link from the partner directory."""

import datetime

import pytest
from django.urls import reverse

from kyodo.desks.models import Consultation

from .conftest import make_desk

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_desks(hokkaido, ishikari_department, desk):
    from kyodo.core.tests.factories import DepartmentFactory

    shiribeshi = DepartmentFactory(organisation=hokkaido, name="後志支庁地域政策部")
    other = make_desk(hokkaido, shiribeshi, name="後志支庁市民活動インフォメーション", area_name="後志支庁管内",
                      municipalities="小樽市\nニセコ町\n倶知安町", sort_order=2)
    return desk, other


def test_the_list_finds_the_desk_for_a_municipality(client, hokkaido, two_desks):
    ishikari, shiribeshi = two_desks
    url = reverse("desks:index", args=[hokkaido.slug])
    page = client.get(url).content.decode()
    assert ishikari.name in page and shiribeshi.name in page
    assert "月〜金 8:45〜17:30(祝日を除く)" in page
    page = client.get(url, {"municipality": "ニセコ町"}).content.decode()
    assert shiribeshi.name in page and ishikari.name not in page
    assert client.get(url, {"municipality": "どこか"}).status_code == 200  # not a choice: the whole list


def test_a_desks_page_shows_place_hours_contact_services_and_area(client, hokkaido, desk):
    page = client.get(reverse("desks:desk", args=[hokkaido.slug, desk.pk])).content.decode()
    for text in ("石狩支庁 地域政策課内", "札幌市中央区北3条西7丁目", "011-231-4111", "NPO法人の設立相談",
                 "札幌市、江別市、千歳市、当別町", "地域政策部"):
        assert text in page


def test_an_unpublished_desk_is_a_404(client, hokkaido, desk):
    desk.is_public = False
    desk.save()
    assert client.get(reverse("desks:desk", args=[hokkaido.slug, desk.pk])).status_code == 404
    assert desk.name not in client.get(reverse("desks:index", args=[hokkaido.slug])).content.decode()


def test_yearly_statistics_per_desk_and_topic(client, hokkaido, two_desks):
    ishikari, shiribeshi = two_desks
    Consultation.objects.create(desk=ishikari, date=datetime.date(2026, 4, 1), topic="funding", count=3)
    Consultation.objects.create(desk=ishikari, date=datetime.date(2027, 3, 31), topic="funding", count=2,
                                channel="phone")
    Consultation.objects.create(desk=shiribeshi, date=datetime.date(2026, 6, 1), topic="other", count=4)
    Consultation.objects.create(desk=ishikari, date=datetime.date(2026, 3, 31), topic="funding", count=50)
    response = client.get(reverse("desks:statistics", args=[hokkaido.slug]), {"fiscal_year": "令和8年度"})
    stats = response.context["stats"]
    assert stats["total"] == 9
    rows = {row["desk"].name: row for row in stats["rows"]}
    assert rows[ishikari.name]["total"] == 5 and rows[shiribeshi.name]["total"] == 4
    assert dict((t.value, n) for t, n in rows[ishikari.name]["cells"])["funding"] == 5
    assert dict((c.value, n) for c, n in stats["channels"]) == {"visit": 7, "phone": 2, "email": 0, "fax": 0,
                                                                 "outreach": 0}
    assert 'data-testid="stat-total">9<' in response.content.decode()


def test_statistics_download_as_csv(client, hokkaido, desk):
    Consultation.objects.create(desk=desk, date=datetime.date(2026, 5, 1), topic="volunteering", count=3)
    response = client.get(reverse("desks:statistics_download", args=[hokkaido.slug, "csv"]), {"fiscal_year": "2026"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff年度,窓口,担当地域,NPO法人の設立・運営,ボランティア活動")
    assert "2026,石狩支庁市民活動インフォメーション,石狩支庁管内,0,3," in text
    assert "合計" in text.splitlines()[-1]


def test_statistics_refuse_a_hostile_year(client, hokkaido):
    url = reverse("desks:statistics", args=[hokkaido.slug])
    for year in ("99999", "平成100", "x\x00"):
        assert client.get(url, {"fiscal_year": year}).status_code == 400
    assert client.get(reverse("desks:statistics_download", args=[hokkaido.slug, "exe"])).status_code == 404


def test_the_desks_open_data(client, hokkaido, desk):
    response = client.get(reverse("desks:download_as", args=[hokkaido.slug, "json"]))
    import json

    data = json.loads(b"".join(response.streaming_content))
    assert data["rows"][0]["name"] == desk.name
    assert data["rows"][0]["hours"] == "月〜金 08:45-17:30(祝日を除く)"


def test_the_api(client, hokkaido, desk):
    Consultation.objects.create(desk=desk, date=datetime.date(2026, 5, 1), topic="volunteering", count=3)
    listing = client.get(f"/api/v1/organisations/{hokkaido.slug}/desks").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert item["municipalities"] == ["札幌市", "江別市", "千歳市", "当別町"]
    assert item["hours"][0]["weekdays"] == [0, 1, 2, 3, 4] and item["hours"][0]["opens"] == "08:45:00"
    assert client.get(f"/api/v1/desks/{desk.pk}").json()["name"] == desk.name
    stats = client.get(f"/api/v1/organisations/{hokkaido.slug}/desks/statistics", {"year": 2026}).json()
    assert stats["total"] == 3 and stats["desks"][0]["counts"][1] == {
        "topic": "volunteering", "label": "ボランティア活動", "count": 3}
    assert client.get(f"/api/v1/organisations/{hokkaido.slug}/desks/statistics", {"year": 99999}).status_code == 422
    assert client.get("/api/v1/desks/99999999999999999999").status_code == 422


def test_the_site_wide_declarations(hokkaido, desk):
    from kyodo.core import modules

    documents = list(next(s for s in modules.search_sources() if s.name == "desks.desk").documents(None))
    assert [d.title for d in documents] == [desk.name] and "当別町" in documents[0].body
    datasets = {d.name: d for d in modules.datasets()}
    assert datasets["desks.desks"].rows([hokkaido.pk]) == {hokkaido.pk: 1}
    Consultation.objects.create(desk=desk, date=datetime.date(2026, 5, 1), topic="other")
    assert datasets["desks.consultations"].rows([hokkaido.pk]) == {hokkaido.pk: 1}
    targets = dict((name, path) for name, _title, path in modules.bench_targets())
    assert targets["desks_list"] == f"/org/{hokkaido.slug}/desks/"
    assert targets["calendar_month"] == "/calendar/"
