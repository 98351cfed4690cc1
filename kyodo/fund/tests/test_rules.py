"""The fund's rules: who keeps the data, and what a grant must satisfy (the category's cap, the
category of its own round, a field that the NPO Act had in that 年度, a partner of the same
organisation). A refused grant saves nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.collaboration.models import Partner
from kyodo.core.tests.factories import UserFactory, grant as grant_role
from kyodo.fund import actions
from kyodo.fund.models import FundRound, Grant, GrantCategory

pytestmark = pytest.mark.django_db


def new_grant(round_, category, **kwargs):
    values = {"group_name": "NPO法人 北の森づくり", "title": "市民参加の植樹祭", "field": "environment",
              "area": "石狩管内", "amount": 300_000}
    values.update(kwargs)
    return Grant(round=round_, category=category, **values)


def test_the_coordinator_records_a_grant_of_the_round(coordinator, round_2003, general):
    saved = actions.save_grant(coordinator, new_grant(round_2003, general))
    assert (saved.fiscal_year, saved.fund_id, saved.organisation_id) == (
        2003, round_2003.fund_id, round_2003.fund.organisation_id)


@pytest.mark.parametrize("role", ["department_staff", "reception_desk", "partner_member", "reviewer"])
def test_other_roles_do_not_keep_the_fund(role, hokkaido, hokkaido_department, round_2003, general):
    user = UserFactory()
    grant_role(user, role, hokkaido, hokkaido_department if role != "partner_member" and role != "reviewer" else None)
    with pytest.raises(PermissionDenied):
        actions.save_grant(user, new_grant(round_2003, general))
    assert not Grant.objects.exists()


def test_an_admin_of_another_organisation_does_not_keep_it(sapporo, round_2003, general):
    user = UserFactory()
    grant_role(user, "org_admin", sapporo)
    with pytest.raises(PermissionDenied):
        actions.save_grant(user, new_grant(round_2003, general))


def test_the_amount_may_not_exceed_the_categorys_cap(coordinator, round_2003, startup):
    with pytest.raises(ValidationError) as error:
        actions.save_grant(coordinator, new_grant(round_2003, startup, amount=200_001))
    assert "上限額 200,000円" in error.value.message_dict["amount"][0]
    assert not Grant.objects.exists()
    actions.save_grant(coordinator, new_grant(round_2003, startup, amount=200_000))


def test_the_category_must_be_of_the_grants_round(coordinator, fund, round_2003):
    other = FundRound.objects.create(fund=fund, fiscal_year=2004, number=1)
    elsewhere = GrantCategory.objects.create(round=other, name="一般助成", cap=500_000)
    with pytest.raises(ValidationError) as error:
        actions.save_grant(coordinator, new_grant(round_2003, elsewhere))
    assert "category" in error.value.message_dict


def test_a_field_must_be_in_force_in_the_grants_year(coordinator, fund, round_2003, general):
    # 観光 was added in 2012: a grant of 平成15年度 cannot be filed under it.
    with pytest.raises(ValidationError) as error:
        actions.save_grant(coordinator, new_grant(round_2003, general, field="tourism"))
    assert "平成15年度" in error.value.message_dict["field"][0]
    # 情報化社会 came in May 2003: in force for 平成15年度, not for 平成14年度.
    actions.save_grant(coordinator, new_grant(round_2003, general, field="information"))
    round_2002 = FundRound.objects.create(fund=fund, fiscal_year=2002, number=1)
    with pytest.raises(ValidationError):
        actions.save_grant(coordinator, new_grant(round_2002, None, field="information", title="別事業"))


def test_the_partner_must_be_of_the_same_organisation(coordinator, sapporo, round_2003, general):
    stranger = Partner.objects.create(organisation=sapporo, name="札幌の団体", partner_type="npo")
    with pytest.raises(ValidationError) as error:
        actions.save_grant(coordinator, new_grant(round_2003, general, partner=stranger))
    assert "partner" in error.value.message_dict


def test_a_rounds_closing_day_follows_its_opening_day(coordinator, round_2003):
    import datetime

    round_2003.closes_on = datetime.date(2003, 4, 1)
    with pytest.raises(ValidationError):
        actions.save_round(coordinator, round_2003)
