"""The coordinator keeps the initiatives timeline (協働の取組の経過)."""

import pytest

from kyodo.collaboration.models import Initiative
from kyodo.core.models import AuditEntry

BASE = "/org/hokkaido/collaboration/manage/initiatives/"


def entry(**changes):
    data = {"fiscal_year": "2000", "date": "2001-04-01", "category": "basis",
            "kind": "ordinance", "title": "北海道市民活動促進条例", "department_name": "生活振興課",
            "continuing": "on", "sort_order": "0"}
    data.update(changes)
    return data


@pytest.fixture
def ordinance(hokkaido):
    return Initiative.objects.create(organisation=hokkaido, fiscal_year=2000, category="basis",
                                     kind="ordinance", title="北海道市民活動促進条例",
                                     continuing=True)


def test_the_coordinator_adds_an_entry_which_appears_on_the_timeline(client, coordinator):
    client.force_login(coordinator)
    response = client.post(BASE + "new/", entry())
    assert response.status_code == 302 and response["Location"] == BASE
    item = Initiative.objects.get()
    assert item.continuing and item.organisation.slug == "hokkaido"
    assert AuditEntry.objects.get_for_object(item).get().actor == coordinator
    page = client.get("/org/hokkaido/collaboration/initiatives/").content.decode()
    assert "(継続中)</span>北海道市民活動促進条例" in page


def test_the_coordinator_edits_the_continuing_flag(client, coordinator, ordinance):
    client.force_login(coordinator)
    page = client.get(BASE).content.decode()
    assert "北海道市民活動促進条例" in page and "継続中" in page
    client.post(f"{BASE}{ordinance.pk}/edit/", entry(continuing="", title="北海道市民活動促進条例(改正)"))
    ordinance.refresh_from_db()
    assert not ordinance.continuing and ordinance.title == "北海道市民活動促進条例(改正)"


def test_the_coordinator_deletes_an_entry(client, coordinator, ordinance):
    client.force_login(coordinator)
    assert client.get(f"{BASE}{ordinance.pk}/delete/").status_code == 405
    response = client.post(f"{BASE}{ordinance.pk}/delete/", follow=True)
    assert not Initiative.objects.exists()
    assert "取組「北海道市民活動促進条例」を削除しました" in response.content.decode()


@pytest.mark.parametrize("changes, field, message", [
    ({"title": ""}, "title", "このフィールドは必須です"),
    ({"fiscal_year": "1800"}, "fiscal_year", "1989"),
    ({"category": "other"}, "category", "正しく選択してください"),
    ({"url": "ftp//x"}, "url", "https:// から始まるURL"),
    ({"date": "いつか"}, "date", "日付"),
])
def test_bad_input_is_explained_next_to_the_field(client, coordinator, changes, field, message):
    client.force_login(coordinator)
    body = client.post(BASE + "new/", entry(**changes)).content.decode()
    assert f'id="id_{field}_error"' in body and message in body
    assert not Initiative.objects.exists()


def test_the_same_title_in_the_same_year_is_refused(client, coordinator, ordinance):
    client.force_login(coordinator)
    body = client.post(BASE + "new/", entry()).content.decode()
    assert 'id="id_title_error"' in body and "同じ年度に同じ取組がすでにあります" in body
    assert Initiative.objects.count() == 1


def test_another_organisations_entry_is_not_reachable(client, coordinator, sapporo):
    item = Initiative.objects.create(organisation=sapporo, fiscal_year=2005, category="basis",
                                     kind="meeting", title="札幌市の会議")
    client.force_login(coordinator)
    assert client.get(f"{BASE}{item.pk}/edit/").status_code == 404
    assert client.post(f"{BASE}{item.pk}/delete/").status_code == 404


@pytest.mark.parametrize("count", [3, 40])
def test_the_list_costs_the_same_at_any_size(client, coordinator, hokkaido, count,
                                            django_assert_max_num_queries):
    Initiative.objects.bulk_create([
        Initiative(organisation=hokkaido, fiscal_year=2000 + i % 10, category="staff",
                   kind="training", title=f"研修{i}") for i in range(count)])
    client.force_login(coordinator)
    with django_assert_max_num_queries(7):
        assert client.get(BASE).status_code == 200
