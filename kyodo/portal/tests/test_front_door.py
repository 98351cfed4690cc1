"""The portal as the front door (issue 18 §2): what is open now across the region with its
deadline, what is new, what is coming; each organisation's home the same for itself."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import modules
from kyodo.core.tests.factories import OrganisationFactory
from kyodo.councils.models import Call
from kyodo.lectures.models import Theme

from .conftest import make_call

pytestmark = pytest.mark.django_db


def test_the_portal_shows_what_is_open_now_with_deadlines_and_hides_what_closed(
        client, open_call, closed_call, theme):
    html = client.get("/").content.decode()
    assert "いま参加できること" in html
    assert "委員の公募(第2期)" in html and "委員の公募(第1期)" not in html
    assert f'href="/org/sapporo/councils/calls/{open_call.pk}/"' in html
    assert "まで" in html  # the call's deadline
    assert "札幌市の出前講座(1講座)" in html and 'href="/org/sapporo/lectures/"' in html
    open_now = client.get("/open-now/").content.decode()
    assert "委員の公募(第2期)" in open_now and "委員の公募(第1期)" not in open_now


def test_an_opportunity_a_provider_still_returns_after_it_closed_is_hidden(client, sapporo,
                                                                          monkeypatch):
    now = timezone.now()
    registry = {**modules._registry, "opportunities": [lambda ids, at: [
        modules.Opportunity(organisation_id=sapporo.pk, kind="意見公募", title="締切を過ぎた意見公募",
                            url="/x/", closes=now - datetime.timedelta(minutes=1)),
        modules.Opportunity(organisation_id=sapporo.pk, kind="意見公募", title="受付中の意見公募",
                            url="/y/", closes=now + datetime.timedelta(days=2)),
    ]]}
    monkeypatch.setattr(modules, "_registry", registry)
    html = client.get("/").content.decode()
    assert "受付中の意見公募" in html and "締切を過ぎた意見公募" not in html


def test_an_organisation_home_shows_only_its_own(client, sapporo, hokkaido, open_call, theme):
    other = OrganisationFactory(name="旭川市", slug="asahikawa", prefecture=hokkaido)
    Theme.objects.create(organisation=other, fiscal_year=2026, number=1, title="旭川の講座",
                         summary="x", department=theme.department, category="city")
    html = client.get("/org/sapporo/").content.decode()
    assert "委員の公募(第2期)" in html and "札幌市の出前講座" in html
    assert "旭川市の出前講座" not in html
    html = client.get("/org/asahikawa/").content.decode()
    assert "旭川市の出前講座" in html and "委員の公募(第2期)" not in html


def test_a_new_call_is_on_the_cached_portal_at_once(client, council):
    client.get("/")
    assert client.get("/").get("X-Kyodo-Cache") == "hit"
    make_call(council, "追加の公募", -1, 5)
    response = client.get("/")
    assert response.get("X-Kyodo-Cache") != "hit" and "追加の公募" in response.content.decode()


def test_news_comes_from_the_search_index_newest_first(client, sapporo):
    from kyodo.search.models import Entry

    now = timezone.now()
    for i, title in enumerate(["古いお知らせ", "新しい提言"]):
        Entry.objects.create(key=f"test:{i}", source="test", object_id=i, organisation=sapporo,
                             module="councils", kind="提言", title=title, url=f"/n/{i}/",
                             published_at=now - datetime.timedelta(days=10 - i))
    Entry.objects.create(key="test:draft", source="test", object_id=9, organisation=sapporo,
                         module="plans", kind="計画", title="公開日時のない行", url="/n/9/")
    # A council whose 設置日 is still to come is not news yet (the feeds leave it out too).
    Entry.objects.create(key="test:future", source="test", object_id=8, organisation=sapporo,
                         module="councils", kind="市民会議", title="来年設置の会議", url="/n/8/",
                         published_at=now + datetime.timedelta(days=60))
    html = client.get("/").content.decode()
    news = html[html.index('id="news-title"'):]
    assert news.index("新しい提言") < news.index("古いお知らせ")
    assert "公開日時のない行" not in html
    assert "来年設置の会議" not in news


def test_the_portal_links_the_regional_directory_and_open_data(client, sapporo):
    html = client.get("/").content.decode()
    assert 'href="/collaboration/"' in html and 'href="/open-data/"' in html


def _bulk(council, theme, size):
    today = timezone.localdate()
    Call.objects.bulk_create([Call(
        council=council, title=f"公募{i}", seats=1, opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=i % 40 + 1), requirements="x", essay_theme="x",
    ) for i in range(size)])
    Theme.objects.bulk_create([Theme(
        organisation=theme.organisation, fiscal_year=2026, number=size * 100 + i, title=f"講座{i}",
        summary="x", department=theme.department, category="city") for i in range(size)])


@pytest.mark.parametrize("path", ["/", "/org/sapporo/", "/open-now/"])
def test_front_door_pages_run_the_same_queries_at_two_sizes(client, council, theme, path,
                                                            settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.KYODO_PAGE_CACHE_SECONDS = 0
    counts = []
    for size in (3, 60):
        _bulk(council, theme, size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
