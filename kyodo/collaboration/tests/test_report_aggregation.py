"""The survey report's tallies: by form, field, partner type and department."""

import pytest

from kyodo.collaboration import actions, report
from kyodo.collaboration.models import Project

from .conftest import TODAY


def register(actor, campaign, department, title, *, forms, fields, partners, budget):
    return actions.save_project(actor, Project(
        organisation=campaign.organisation, campaign=campaign, department=department,
        fiscal_year=campaign.fiscal_year, title=title, budget=budget),
        forms=forms, fields=fields, partners=partners, today=TODAY)


@pytest.fixture
def answered(campaign, environment, welfare, env_staff, welfare_staff, coordinator):
    npo = {"name": "NPO法人 A", "partner_type": "npo"}
    npo2 = {"name": "NPO法人 B", "partner_type": "npo"}
    town = {"name": "B町内会", "partner_type": "neighbourhood"}
    register(env_staff, campaign, environment, "森の学校", forms=["commission", "co_hosting"],
             fields=["environment", "children"], partners=[npo, npo2], budget=1_000_000)
    register(env_staff, campaign, environment, "川の清掃", forms=["co_hosting"],
             fields=["environment"], partners=[town], budget=200_000)
    actions.submit_response(env_staff, actions.response_for(campaign, environment), today=TODAY)
    actions.declare_none(welfare_staff, actions.response_for(campaign, welfare), today=TODAY)
    return report.compute(campaign)


def by_key(rows):
    return {r["key"]: (r["count"], r["budget"]) for r in rows}


def test_totals_and_department_completion(answered):
    assert answered["totals"] == {"projects": 2, "budget": 1_200_000, "departments": 3,
                                  "answered": 2, "none": 1}


def test_a_project_counts_once_under_each_of_its_forms(answered):
    forms = by_key(answered["by_form"])
    assert forms["commission"] == (1, 1_000_000)
    assert forms["co_hosting"] == (2, 1_200_000)
    assert forms["subsidy"] == (0, 0)
    assert [r["key"] for r in answered["by_form"]][0] == "commission"  # the form order


def test_fields_follow_the_years_list(answered):
    fields = by_key(answered["by_field"])
    assert len(fields) == 17 and "tourism" not in fields
    assert fields["environment"] == (2, 1_200_000) and fields["children"] == (1, 1_000_000)


def test_two_partners_of_one_type_count_the_project_once(answered):
    types = by_key(answered["by_partner_type"])
    assert types["npo"] == (1, 1_000_000)
    assert types["neighbourhood"] == (1, 200_000)


def test_departments_with_their_answer(answered):
    rows = {r["name"]: r for r in answered["by_department"]}
    assert rows["環境政策課"]["count"] == 2 and rows["環境政策課"]["status"] == "submitted"
    assert rows["地域福祉課"]["status"] == "none"


def test_table_shows_change_from_the_previous_year(answered):
    previous = {"by_form": [{"key": "co_hosting", "count": 5, "budget": 0}]}
    rows = {r["key"]: r for r in report.table(answered, "by_form", previous)}
    assert rows["co_hosting"]["change"] == -3
    assert rows["commission"]["change"] is None
    assert rows["co_hosting"]["percent"] == 100 and rows["commission"]["percent"] == 50
