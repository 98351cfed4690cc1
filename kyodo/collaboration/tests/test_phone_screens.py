"""Phone screens (issue 14 §8): the wide tables stack into labelled rows on a 390 px phone with
the key column kept as the row's heading, and the project list's department filter is the
department tree with its search rather than a flat list of look-alike names."""

import datetime
import re

import pytest

from kyodo.core.tests.factories import DepartmentFactory

from .builders import bulk_projects

pytestmark = pytest.mark.django_db(transaction=False)

PUBLISHED = datetime.datetime(2006, 7, 1, tzinfo=datetime.UTC)
MANAGE = "/org/hokkaido/collaboration/manage/"


def stacked_cells(page):
    """The table's class, and each body row's heading and data labels."""
    table = re.search(r'<table class="([^"]*)">', page).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>", 1)[1], re.S)
    return table, [(bool(re.search(r'<th scope="row">', row)),
                    re.findall(r'<td data-label="([^"]+)"', row)) for row in rows]


def test_campaign_progress_table_stacks_with_labels(client, coordinator, campaign):
    client.force_login(coordinator)
    table, rows = stacked_cells(client.get(f"{MANAGE}campaigns/{campaign.pk}/").content.decode())
    assert "table--stack" in table.split()
    assert rows and all(heading and labels[:3] == ["状態", "登録事業数", "回答日"]
                        for heading, labels in rows)


def test_staff_partner_table_stacks_with_labels(client, coordinator, partner):
    client.force_login(coordinator)
    table, rows = stacked_cells(client.get(MANAGE + "partners/").content.decode())
    assert "table--stack" in table.split()
    assert rows == [(True, ["団体の種別", "活動分野", "確認状況", "メンバー"])]


def test_project_table_stacks_and_the_department_filter_is_the_tree(client, hokkaido, campaign,
                                                                     environment, welfare):
    bureau = DepartmentFactory(organisation=hokkaido, name="環境生活部", kind="bureau")
    environment.parent = bureau
    environment.save()
    bulk_projects(campaign, [environment], 2, published_at=PUBLISHED)
    page = client.get("/org/hokkaido/collaboration/projects/").content.decode()
    table, rows = stacked_cells(page)
    assert "table--stack" in table.split()
    assert rows and all(heading and "担当部署" in labels for heading, labels in rows)
    # The filter names the department by its path under its 部局, and offers only departments
    # with projects.
    assert '<optgroup label="環境生活部">' in page
    assert "環境生活部 › 環境政策課" in page
    assert "地域福祉課" not in page.split("<table", 1)[0]


def test_picking_a_department_filters_the_projects(client, campaign, environment, welfare):
    bulk_projects(campaign, [environment, welfare], 4, published_at=PUBLISHED)
    page = client.get("/org/hokkaido/collaboration/projects/",
                      {"department": str(welfare.pk)}).content.decode()
    body = page.split("<tbody>", 1)[1]
    assert "地域福祉課" in body and "環境政策課" not in body
