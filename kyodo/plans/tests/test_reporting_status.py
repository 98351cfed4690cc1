"""The coordinator's checklist: for a period, which departments have not yet reported."""

import pytest
from django.core.exceptions import ValidationError

from kyodo.core.tests.factories import DepartmentFactory
from kyodo.plans import queries
from kyodo.plans.models import ActionItem

from .builders import make_report


@pytest.fixture
def departments(sapporo):
    return {name: DepartmentFactory(organisation=sapporo, name=name, sort_order=n)
            for n, name in enumerate(["広報課", "職員課", "財政課", "情報システム課"])}


def add_item(theme, code, *departments, status="in_progress"):
    item = ActionItem.objects.create(theme=theme, code=code, title=f"取組{code}", status=status)
    item.departments.set(departments)
    return item


def test_departments_that_have_not_reported(theme, departments, django_assert_num_queries):
    d = departments
    koho = add_item(theme, "1", d["広報課"])
    shokuin = add_item(theme, "2", d["職員課"])
    shared = add_item(theme, "3", d["財政課"], d["情報システム課"])
    late = add_item(theme, "4", d["財政課"])
    add_item(theme, "5", d["職員課"], status="done")  # finished: nothing more to report
    add_item(theme, "6", d["職員課"], status="cancelled")
    make_report(koho, 2006, status="published")
    make_report(shokuin, 2006, status="submitted")
    make_report(shared, 2006, status="approved")  # sent in by either department
    make_report(late, 2006, status="returned")  # sent back: still to come in
    make_report(late, 2005, status="published")  # another year does not count
    make_report(late, 2006, "h1", status="published")  # nor another period
    with django_assert_num_queries(3):
        missing = queries.departments_not_reported(theme.plan, 2006, "year")
        rows = [(r.department.name, [i.code for i in r.missing]) for r in missing]
    assert rows == [("財政課", ["4"])]


def test_a_draft_is_not_a_report(theme, departments):
    item = add_item(theme, "1", departments["広報課"])
    make_report(item, 2005, status="draft")
    [row] = queries.reporting_status(theme.plan, 2005, "year")
    assert (row.department.name, row.reported, row.missing, row.complete) == (
        "広報課", [], [item], False)


def test_everyone_reported(theme, departments):
    item = add_item(theme, "1", departments["広報課"])
    make_report(item, 2005, status="submitted")
    assert queries.departments_not_reported(theme.plan, 2005, "year") == []
    [row] = queries.reporting_status(theme.plan, 2005, "year")
    assert row.complete and row.reported == [item]


def test_a_period_outside_the_plan_is_refused(theme):
    with pytest.raises(ValidationError, match="この計画の期間"):
        queries.departments_not_reported(theme.plan, 2010, "year")
