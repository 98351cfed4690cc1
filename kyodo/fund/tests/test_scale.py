"""Scale data of the fund (``generate_scale``): a fund per municipality, a round per year, grants
within their category's cap and in a field in force that year; purge removes them all."""

from types import SimpleNamespace

import pytest

from kyodo.collaboration.vocabularies import field_list_for_fiscal_year
from kyodo.core.models import Organisation
from kyodo.core.scale import SCALES, Context
from kyodo.fund import scale
from kyodo.fund.models import DonationYear, Fund, FundRound, Grant

pytestmark = pytest.mark.django_db


def test_scale_s_generates_valid_grants_and_purges_them(hokkaido):
    ctx = Context(scale=SCALES["s"], seed=7)
    ctx.organisations = [SimpleNamespace(pk=hokkaido.pk, name=hokkaido.name)]
    scale.generate(ctx)
    ctx.flush()
    assert Fund.objects.count() == 1 and FundRound.objects.count() == len(ctx.years)
    assert DonationYear.objects.count() == len(ctx.years)
    assert Grant.objects.count() == SCALES["s"].per_org_year(SCALES["s"].rows // 10) * len(ctx.years)
    for grant in Grant.objects.select_related("category"):
        assert grant.amount <= grant.category.cap
        keys = {k.value if hasattr(k, "value") else k for k in field_list_for_fiscal_year(grant.fiscal_year).keys}
        assert grant.field in keys
    scale.purge(Organisation.objects.filter(pk=hokkaido.pk))
    assert not Grant.objects.exists() and not Fund.objects.exists()
