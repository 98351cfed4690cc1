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


# --- Object-level checks: an object as it is and as it will be ---------------------------------
#
# Every form that carries a plan, theme, department or indicator id: posting one that belongs to
# another plan or organisation is refused, and nothing changes.

MANAGE = "/org/sapporo/plans/manage/"


@pytest.fixture
def other_plan(sapporo):
    """A second plan of the same organisation, run by the same coordinator."""
    from kyodo.plans.models import Theme

    plan = Plan.objects.create(organisation=sapporo, title="サービスアップ行動計画",
                               start_fiscal_year=2005, end_fiscal_year=2008,
                               status=Plan.Status.ADOPTED)
    Theme.objects.create(plan=plan, number=1, title="窓口サービス")
    return plan


def item_data(item, **overrides):
    data = {"theme": item.theme_id, "code": item.code, "title": item.title, "description": "",
            "departments": [d.pk for d in item.departments.all()], "sort_order": "0"}
    data.update(overrides)
    return data


def unchanged(item):
    from kyodo.plans.models import ActionItem

    stored = ActionItem.objects.get(pk=item.pk)
    return (stored.plan_id, stored.theme_id, sorted(d.pk for d in stored.departments.all()),
            stored.title) == (item.plan_id, item.theme_id,
                              sorted(d.pk for d in item.departments.all()), item.title)


def test_an_item_cannot_be_carried_into_another_plan_by_editing_the_url(client, coordinator, item,
                                                                         other_plan):
    client.force_login(coordinator)
    foreign_theme = other_plan.themes.get()
    response = client.post(f"{MANAGE}{other_plan.pk}/items/{item.pk}/",
                           item_data(item, theme=foreign_theme.pk, title="移された"))
    assert response.status_code == 404
    assert unchanged(item) and not other_plan.items.exists()


def test_an_items_theme_must_be_of_its_own_plan(client, coordinator, item, other_plan):
    # A 素案: an adopted plan's item keeps its theme on this screen (changed by a 見直し).
    item.plan.status = "draft"
    item.plan.save()
    client.force_login(coordinator)
    response = client.post(f"{MANAGE}{item.plan_id}/items/{item.pk}/",
                           item_data(item, theme=other_plan.themes.get().pk, title="移された"))
    assert response.status_code == 200 and 'id="id_theme_error"' in response.content.decode()
    assert unchanged(item)


def test_an_items_departments_must_be_of_its_organisation(client, coordinator, item,
                                                          hokkaido_department):
    # A 素案: an adopted plan's 担当課 are fixed on this screen (changed by a 見直し).
    item.plan.status = "draft"
    item.plan.save()
    client.force_login(coordinator)
    response = client.post(f"{MANAGE}{item.plan_id}/items/{item.pk}/",
                           item_data(item, departments=[hokkaido_department.pk], title="移された"))
    assert response.status_code == 200 and 'id="id_departments_error"' in response.content.decode()
    assert unchanged(item)
    # …and the form offers none of another organisation's departments.
    page = client.get(f"{MANAGE}{item.plan_id}/items/{item.pk}/").content.decode()
    assert "生活振興課" not in page


def test_a_plans_coordinating_department_must_be_of_its_organisation(client, coordinator, plan,
                                                                     hokkaido_department):
    client.force_login(coordinator)
    response = client.post(f"{MANAGE}{plan.pk}/edit/", {
        "title": "市役所改革プラン", "summary": "", "start_fiscal_year": "2005",
        "end_fiscal_year": "2006", "status": "adopted", "adopted_on": "2004-12-01",
        "coordinating_department": hokkaido_department.pk, "reporting_period": "year",
        "sort_order": "0"})
    assert response.status_code == 200
    assert 'id="id_coordinating_department_error"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.coordinating_department_id is None


def test_a_theme_or_indicator_under_another_parents_url_is_not_found(client, coordinator, item,
                                                                     indicator, other_plan):
    from kyodo.plans.models import ActionItem

    client.force_login(coordinator)
    other_item = ActionItem.objects.create(theme=other_plan.themes.get(), code="9-9", title="別")
    response = client.post(f"{MANAGE}{other_plan.pk}/themes/{item.theme_id}/",
                           {"number": "5", "title": "移された", "description": ""})
    assert response.status_code == 404
    response = client.post(f"{MANAGE}items/{other_item.pk}/indicators/{indicator.pk}/",
                           {"name": "移された", "unit": "回", "sort_order": "0"})
    assert response.status_code == 404
    item.theme.refresh_from_db()
    indicator.refresh_from_db()
    assert (item.theme.plan_id, item.theme.number, indicator.item_id, indicator.name) == (
        item.plan_id, 1, item.pk, "出前講座の開催回数")


@pytest.mark.parametrize("role", ["coordinator", "org_admin"])
def test_a_role_in_another_organisation_writes_nothing_here(client, role, item, hokkaido):
    client.force_login(person(role, hokkaido))
    response = client.post(f"{MANAGE}{item.plan_id}/items/{item.pk}/", item_data(item, title="乗っ取り"))
    assert response.status_code == 403
    assert unchanged(item)


def test_a_department_reports_only_on_its_own_items(client, item, other_staff):
    client.force_login(other_staff)
    response = client.post(f"{MANAGE}items/{item.pk}/", {"fiscal_year": "2005", "period": "year"})
    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_a_report_records_actuals_only_for_its_own_items_indicators(client, staff, item, indicator,
                                                                    other_plan):
    from kyodo.plans.models import ActionItem, Indicator, IndicatorActual

    foreign_item = ActionItem.objects.create(theme=other_plan.themes.get(), code="9-9", title="別")
    foreign_item.departments.set(item.departments.all())
    foreign = Indicator.objects.create(item=foreign_item, name="別の指標", unit="件")
    report = make_report(item)
    client.force_login(staff)
    client.post(f"{MANAGE}reports/{report.pk}/", {
        "item_status": "in_progress", "progress": "50", "narrative": "", "problems": "",
        "next_steps": "", f"actual_{indicator.pk}": "280", f"actual_{foreign.pk}": "999"})
    assert list(IndicatorActual.objects.values_list("indicator_id", "value")) == [(indicator.pk, 280)]


# The same checks hold for every caller of the actions (imports, the demo, scripts): an edit that
# names another parent is refused even for a platform admin, who may edit both parents.

def test_actions_refuse_to_move_an_object_to_another_parent(item, indicator, other_plan, hokkaido):
    from django.core.exceptions import PermissionDenied

    from kyodo.plans import actions
    from kyodo.plans.models import ActionItem, Indicator, Theme

    admin = person("platform_admin", hokkaido)
    other_item = ActionItem.objects.create(theme=other_plan.themes.get(), code="9-9", title="別")
    moves = [
        (Theme.objects.get(pk=item.theme_id), "plan", other_plan, actions.save_theme,
         "重点項目を別の計画に移すことはできません。"),
        (ActionItem.objects.get(pk=item.pk), "theme", other_plan.themes.get(), actions.save_item,
         "取組項目を別の計画に移すことはできません。計画ごとに作成してください。"),
        (Indicator.objects.get(pk=indicator.pk), "item", other_item, actions.save_indicator,
         "成果指標を別の取組項目に移すことはできません。"),
        (Plan.objects.get(pk=item.plan_id), "organisation", hokkaido, actions.save_plan,
         "計画を別の団体に移すことはできません。"),
    ]
    for obj, field, new_parent, save, refusal in moves:
        setattr(obj, field, new_parent)
        if field == "theme":
            obj.plan = new_parent.plan
        with pytest.raises(PermissionDenied) as refused:
            save(admin, obj)
        assert str(refused.value) == refusal
    assert unchanged(item)
    indicator.refresh_from_db()
    assert indicator.item_id == item.pk and Plan.objects.get(pk=item.plan_id).organisation != hokkaido


def test_update_report_refuses_a_report_carried_to_another_item(item, staff, other_plan):
    from django.core.exceptions import PermissionDenied

    from kyodo.plans import actions
    from kyodo.plans.models import ActionItem

    report = make_report(item)
    other_item = ActionItem.objects.create(theme=other_plan.themes.get(), code="9-9", title="別")
    other_item.departments.set(item.departments.all())
    report.item = other_item
    with pytest.raises(PermissionDenied, match="進捗報告を別の取組項目に移すことはできません"):
        actions.update_report(staff, report, narrative="移された")
    assert ProgressReport.objects.get(pk=report.pk).item_id == item.pk
