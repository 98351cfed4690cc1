"""Fixtures of the fund tests: 北海道 with its coordinator, a fund with a round of 平成15年度
(two categories), a partner of the directory, and a helper that makes many grants at once."""

import datetime

import pytest
from django.utils import timezone

from kyodo.collaboration.models import Partner
from kyodo.core.db import analyze_if_bulk
from kyodo.core.tests import conftest as core_fixtures
from kyodo.core.tests.factories import UserFactory, grant as grant_role
from kyodo.fund.models import Fund, FundRound, Grant, GrantCategory

hokkaido = core_fixtures.hokkaido
hokkaido_department = core_fixtures.hokkaido_department
sapporo = core_fixtures.sapporo


@pytest.fixture
def coordinator(hokkaido, hokkaido_department):
    user = UserFactory(email="coordinator@hokkaido.example.jp")
    grant_role(user, "coordinator", hokkaido, hokkaido_department)
    return user


@pytest.fixture
def fund(hokkaido):
    return Fund.objects.create(organisation=hokkaido, name="道民チャレンジ21世紀ファンド",
                               purpose="市民活動を助成します。", rules="営利目的は対象外。")


@pytest.fixture
def round_2003(fund):
    return FundRound.objects.create(fund=fund, fiscal_year=2003, number=1,
                                    opens_on=datetime.date(2003, 5, 1), closes_on=datetime.date(2003, 6, 15))


@pytest.fixture
def general(round_2003):
    return GrantCategory.objects.create(round=round_2003, name="一般助成", cap=500_000)


@pytest.fixture
def startup(round_2003):
    return GrantCategory.objects.create(round=round_2003, name="スタートアップ助成", cap=200_000)


@pytest.fixture
def partner(hokkaido):
    return Partner.objects.create(organisation=hokkaido, name="NPO法人 北の森づくり", partner_type="npo",
                                  area="石狩管内", verified_at=timezone.now())


def make_grants(round_, category, n, *, field="environment", area="石狩管内", amount=100_000, start=0):
    """``n`` grants in one bulk insert."""
    fund = round_.fund
    Grant.objects.bulk_create([
        Grant(organisation_id=fund.organisation_id, fund=fund, round=round_, category=category,
              fiscal_year=round_.fiscal_year, group_name=f"団体{start + i}", title=f"事業{start + i}",
              field=field, area=area, amount=amount)
        for i in range(n)
    ], batch_size=1000)
    analyze_if_bulk(n, Grant)
