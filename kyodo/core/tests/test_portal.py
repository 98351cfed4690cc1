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


# --- Fast for signed-in people (issue 19): the portal summarises, the rest is shared ----------

def test_the_portal_shows_the_main_municipalities_and_links_the_directory_for_the_rest(
        client, hokkaido, settings):
    from kyodo.core.queries import PORTAL_FEATURED

    for i in range(PORTAL_FEATURED + 7):
        OrganisationFactory(prefecture=hokkaido, name=f"第{i:02d}町")
    html = client.get(reverse("core:portal")).content.decode()
    assert "第00町" in html and f"第{PORTAL_FEATURED - 1:02d}町" in html
    assert f"第{PORTAL_FEATURED:02d}町" not in html
    assert "ほか7団体を含め、すべての団体を見る" in html and 'href="/organisations/"' in html


def portal_cards(client):
    return client.get(reverse("core:portal")).content.decode().count('class="card__link"')


def test_the_portal_draws_as_many_organisations_at_any_size(client, hokkaido, settings):
    """Item 5 of issue 19: the rendered portal at scale l within 1.5x of s — its organisation
    list is bounded, so it renders the same rows at 12 organisations as at 210."""
    settings.KYODO_PAGE_CACHE_SECONDS = 0
    for _ in range(15):
        OrganisationFactory(prefecture=hokkaido)
    small = portal_cards(client)
    for _ in range(60):
        OrganisationFactory(prefecture=hokkaido)
    assert portal_cards(client) == small


def signed_in(client):
    from .factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    return user


@pytest.mark.parametrize("path", ["/", "/org/sapporo/", "/organisations/", "/open-now/", "/open-data/"])
def test_a_warm_signed_in_render_runs_only_the_per_person_queries(client, sapporo, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    signed_in(client)
    client.get(path)  # renders the shared part once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    # the session, the user and their roles; the organisation home also looks the
    # organisation up and asks whether the person follows it
    assert len(queries) <= (5 if path == "/org/sapporo/" else 3), [q["sql"] for q in queries]


def test_the_follow_button_is_each_persons_own_on_a_shared_organisation_home(client, sapporo):
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client

    from kyodo.portal.models import Follow

    follower = signed_in(client)
    Follow.objects.create(user=follower, content_type=ContentType.objects.get_for_model(sapporo),
                          object_id=sapporo.pk)
    assert "フォロー中(解除する)" in client.get("/org/sapporo/").content.decode()
    other = Client()
    signed_in(other)
    html = other.get("/org/sapporo/").content.decode()
    assert "フォローする" in html and "フォロー中(解除する)" not in html
    assert "ログインしてフォローする" in Client().get("/org/sapporo/").content.decode()
    assert "フォロー中(解除する)" in client.get("/org/sapporo/").content.decode()


def test_a_new_department_is_on_the_organisation_home_at_once_for_a_signed_in_visitor(
        client, sapporo):
    signed_in(client)
    assert "市民協働推進課" not in client.get("/org/sapporo/").content.decode()
    DepartmentFactory(organisation=sapporo, name="市民協働推進課")
    assert "市民協働推進課" in client.get("/org/sapporo/").content.decode()


def test_a_renamed_municipality_is_on_the_portal_at_once_for_a_signed_in_visitor(
        client, sapporo):
    signed_in(client)
    assert "札幌市" in client.get("/").content.decode()
    sapporo.name = "さっぽろ市"
    sapporo.save()
    assert "さっぽろ市" in client.get("/").content.decode()
