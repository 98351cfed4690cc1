"""The regional portal and each organisation's home page."""

import pytest
from django.urls import reverse

from .factories import DepartmentFactory, OrganisationFactory


def test_portal_lists_the_prefecture_and_its_municipalities(client, sapporo, hokkaido):
    OrganisationFactory(name="旭川市", slug="asahikawa", local_government_code="012041",
                        prefecture=hokkaido)
    response = client.get(reverse("core:portal"))
    html = response.content.decode()
    assert response.status_code == 200
    for name, url in (("北海道", "/org/hokkaido/"), ("札幌市", "/org/sapporo/"),
                      ("旭川市", "/org/asahikawa/")):
        assert name in html and f'href="{url}"' in html
    # Municipalities appear in the order of their organisation codes.
    assert html.index("札幌市") < html.index("旭川市")


def test_organisation_home_shows_code_and_department_tree(client, sapporo, sapporo_department):
    response = client.get(reverse("core:organisation", args=["sapporo"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>札幌市</h1>" in html
    assert "011002" in html
    assert html.index("総務局") < html.index("広報課")
    assert "depth-1" in html  # 広報課 is nested under 総務局


def test_unknown_organisation_is_404(client, db):
    assert client.get("/org/atlantis/").status_code == 404


def front_door_queries():
    """The front door (kyodo/portal/frontdoor.py) asks each module's open-calls and calendar
    provider (at most two queries each, whatever the data) and reads the newest entries of the
    search index (one); kyodo/portal/tests test it at two data sizes."""
    from kyodo.core import modules

    return 2 * (len(modules._registry["opportunities"]) + len(modules._registry["calendar"])) + 1


@pytest.mark.parametrize("count", [3, 30])
def test_portal_query_count_does_not_grow_with_organisations(
    client, hokkaido, count, django_assert_max_num_queries
):
    for _ in range(count):
        OrganisationFactory(prefecture=hokkaido)
    with django_assert_max_num_queries(3 + front_door_queries()):
        assert client.get(reverse("core:portal")).status_code == 200


@pytest.mark.parametrize("count", [5, 80])
def test_organisation_home_query_count_does_not_grow_with_departments(
    client, sapporo, count, django_assert_max_num_queries
):
    parent = None
    for i in range(count):
        parent = DepartmentFactory(organisation=sapporo, parent=parent if i % 3 else None)
    with django_assert_max_num_queries(4 + front_door_queries()):
        assert client.get(reverse("core:organisation", args=["sapporo"])).status_code == 200


def test_english_portal_is_under_en(client, sapporo):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Skip to main content" in html and "本文へ移動" not in html


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_fails(client, db, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_modules_registered_links_appear_on_the_organisation_home(client, sapporo, monkeypatch):
    from kyodo.core import modules, pagecache

    monkeypatch.setattr(modules, "_public", [])
    html = client.get("/org/sapporo/").content.decode()
    assert "公開している取組はまだありません" in html
    modules.register(modules.ModuleLink(title="監査ログ", summary="テスト", url_name="manage:audit"))
    # Modules register at start-up, before any page is cached; here the page already is.
    pagecache.invalidate()
    html = client.get("/org/sapporo/").content.decode()
    assert 'href="/org/sapporo/manage/audit/"' in html


def test_the_stylesheets_and_htmx_are_served(client, db):
    html = client.get("/").content.decode()
    for asset in ("/static/vendor/design-tokens/tokens.css", "/static/kyodo/css/site.css",
                  "/static/kyodo/css/print.css", "/static/vendor/htmx/htmx.min.js"):
        assert asset in html
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert b"".join(response.streaming_content if response.streaming else [response.content])
