"""The permission matrix of 改革プラン: every role × every plans action.

Each role is held in 札幌市 — the department roles in the item's own department (広報課) —
and a second person holds the same role in 北海道, so every test also proves that a role in
one organisation gives nothing over another's plan.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from kyodo.core.models import Role
from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.plans.models import Plan, ProgressReport

from .builders import make_report

ROLES = ["visitor", "citizen", *Role.values]
EVERYONE = set(ROLES)
ORG_STAFF = {"department_staff", "reception_desk", "coordinator", "org_admin", "platform_admin"}
RUNS_PLANS = {"coordinator", "org_admin", "platform_admin"}
ITEM_DEPARTMENT = {"department_staff", "reception_desk", "coordinator"}

# (permission, object) → roles allowed in the plan's own organisation
MATRIX = {
    ("plans.view_plan", "plan"): EVERYONE,
    ("plans.view_plan", "draft_plan"): ORG_STAFF,
    ("plans.manage_plan", "plan"): RUNS_PLANS,
    ("plans.manage_plan", "organisation"): RUNS_PLANS,
    ("plans.set_targets", "indicator"): RUNS_PLANS,
    ("plans.revise_item", "item"): RUNS_PLANS,
    ("plans.review_report", "report"): RUNS_PLANS,
    ("plans.view_reporting_status", "plan"): RUNS_PLANS,
    ("plans.report_on_item", "item"): ITEM_DEPARTMENT,
    ("plans.report_on_item", "report"): ITEM_DEPARTMENT,
    ("plans.view_report", "report"): ITEM_DEPARTMENT | RUNS_PLANS,
    ("plans.view_report", "published_report"): EVERYONE,
}
PUBLIC = {key for key, roles in MATRIX.items() if roles == EVERYONE}


def person(role, organisation, department=None):
    if role == "visitor":
        return AnonymousUser()
    user = UserFactory()
    if role == "citizen":
        return user
    if role == Role.PLATFORM_ADMIN:
        grant(user, role)
    elif role in ITEM_DEPARTMENT:
        grant(user, role, organisation, department or DepartmentFactory(organisation=organisation))
    else:
        grant(user, role, organisation)
    return user


@pytest.fixture
def objects(plan, item, indicator, sapporo):
    draft_plan = Plan.objects.create(organisation=sapporo, title="次期改革プラン(素案)",
                                     start_fiscal_year=2007, end_fiscal_year=2010)
    return {
        "organisation": sapporo, "plan": plan, "draft_plan": draft_plan, "item": item,
        "indicator": indicator, "report": make_report(item, status=ProgressReport.Status.APPROVED),
        "published_report": make_report(item, 2006, status=ProgressReport.Status.PUBLISHED),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission, target", sorted(MATRIX))
def test_plans_actions(role, permission, target, objects, sapporo, hokkaido, sapporo_department):
    obj = objects[target]
    here = person(role, sapporo, sapporo_department)
    elsewhere = person(role, hokkaido)
    assert here.has_perm(permission, obj) is (role in MATRIX[(permission, target)])
    public = (permission, target) in PUBLIC
    platform = role == "platform_admin" and permission != "plans.report_on_item"
    assert elsewhere.has_perm(permission, obj) is (public or platform)


@pytest.mark.parametrize("role", sorted(ITEM_DEPARTMENT))
def test_staff_of_another_department_do_not_report_on_the_item(role, objects, sapporo):
    other = person(role, sapporo, DepartmentFactory(organisation=sapporo, name="財政課"))
    assert not other.has_perm("plans.report_on_item", objects["item"])
    assert other.has_perm("plans.view_report", objects["report"]) is (role == "coordinator")
    # …but, as staff of the organisation, they see its draft plans.
    assert other.has_perm("plans.view_plan", objects["draft_plan"])


def test_an_item_with_two_departments_is_reported_on_by_either(objects, sapporo):
    second = DepartmentFactory(organisation=sapporo, name="情報システム課")
    objects["item"].departments.add(second)
    assert person("department_staff", sapporo, second).has_perm("plans.report_on_item",
                                                                 objects["item"])


def test_item_rules_read_prefetched_departments_without_queries(objects, sapporo,
                                                                 sapporo_department,
                                                                 django_assert_num_queries):
    from kyodo.plans import queries

    user = person("department_staff", sapporo, sapporo_department)
    user.has_perm("plans.report_on_item", objects["item"])  # loads the user's roles once
    plan = queries.plan_dashboard(objects["plan"].pk)
    items = [item for theme in plan.themes.all() for item in theme.items.all()]
    with django_assert_num_queries(0):
        assert all(user.has_perm("plans.report_on_item", item) for item in items)
        assert all(user.has_perm("plans.revise_item", item) is False for item in items)
