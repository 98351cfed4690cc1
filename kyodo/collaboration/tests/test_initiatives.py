"""The initiatives timeline and the regional directory of municipal initiatives."""

import datetime

import pytest

from kyodo.collaboration.models import Initiative


@pytest.fixture
def items(hokkaido, sapporo):
    Initiative.objects.create(organisation=hokkaido, fiscal_year=2000, category="basis",
                              kind="ordinance", title="北海道市民活動促進条例")
    Initiative.objects.create(organisation=hokkaido, fiscal_year=2000, category="evaluation",
                              kind="system", title="年度別協働取組実態調査", continuing=True)
    Initiative.objects.create(organisation=sapporo, fiscal_year=2005, category="basis",
                              kind="meeting", title="札幌市市民活動促進条例検討協議会",
                              date=datetime.date(2005, 6, 1))


def test_timeline_by_year_with_continuing_marked(client, items):
    page = client.get("/org/hokkaido/collaboration/initiatives/").content.decode()
    assert "平成12年度" in page and "北海道市民活動促進条例" in page
    assert "(継続中)</span>年度別協働取組実態調査" in page


def test_regional_directory_lists_municipalities_and_filters_by_kind(client, items):
    page = client.get("/collaboration/").content.decode()
    assert "札幌市市民活動促進条例検討協議会" in page
    assert "北海道市民活動促進条例" not in page  # the prefecture has its own timeline
    assert "札幌市市民活動促進条例検討協議会" not in client.get(
        "/collaboration/", {"kind": "ordinance"}).content.decode()
