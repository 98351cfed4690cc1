"""The demo: 北海道's 道民チャレンジ21世紀ファンド with grants of 平成13〜17年度 (at least 80) in every
field in force each year, some to partners of the directory, and the donations of each year.
Loading it twice changes nothing."""

import pytest

from kyodo.collaboration.vocabularies import field_list_for_fiscal_year
from kyodo.fund.models import DonationYear, Donor, Fund, Grant

pytestmark = pytest.mark.django_db


def test_the_demo_fund(db):
    from kyodo.collaboration import demo as collaboration_demo
    from kyodo.core.demo import loader
    from kyodo.fund import demo

    world = loader.load()
    collaboration_demo.load_partners(world["organisations"]["北海道"],
                                     __import__("kyodo.core.models", fromlist=["User"]).User.objects.get(
                                         email=demo.COORDINATOR))
    demo.load(world)
    demo.load(world)  # idempotent
    fund = Fund.objects.get(name="道民チャレンジ21世紀ファンド", organisation__slug="hokkaido")
    grants = Grant.objects.filter(fund=fund)
    assert grants.count() >= 80
    years = sorted(set(grants.values_list("fiscal_year", flat=True)))
    assert years == [2001, 2002, 2003, 2004, 2005]
    for year in years:
        in_force = {k.value if hasattr(k, "value") else k for k in field_list_for_fiscal_year(year).keys}
        assert set(grants.filter(fiscal_year=year).values_list("field", flat=True)) == in_force
    assert grants.filter(partner__isnull=False).count() >= 5
    assert all(g.amount <= g.category.cap for g in grants.select_related("category"))
    assert DonationYear.objects.filter(fund=fund).count() == 5
    assert Donor.objects.filter(name_public=False).exists() and Donor.objects.filter(name_public=True).exists()
