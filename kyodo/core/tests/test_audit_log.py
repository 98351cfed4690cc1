"""Every staff write is recorded with who, when, what, before and after; organisation admins
read their organisation's log and filter it."""

import pytest
from django.urls import reverse

from kyodo.core import actions
from kyodo.core.models import AuditEntry, Department

from .factories import DepartmentFactory, UserFactory


@pytest.fixture
def admin(sapporo_admin):
    return sapporo_admin


def test_a_staff_edit_through_the_site_records_actor_before_and_after(client, admin, sapporo):
    department = DepartmentFactory(organisation=sapporo, name="広報課", phone="011-211-2036")
    client.force_login(admin)
    client.post(reverse("manage:department_edit", args=["sapporo", department.pk]), {
        "name": "広報課", "kind": "division", "sort_order": 0, "phone": "011-211-2000",
    })
    entry = AuditEntry.objects.get_for_object(department).latest()
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == admin
    assert entry.organisation == sapporo
    assert entry.changes_dict["phone"] == ["011-211-2036", "011-211-2000"]
    assert entry.timestamp is not None


def test_actions_outside_a_request_record_the_actor_too(sapporo, admin):
    department = actions.save_department(admin, Department(organisation=sapporo, name="新設課",
                                                           kind="division"))
    entry = AuditEntry.objects.get_for_object(department).get(action=AuditEntry.Action.CREATE)
    assert entry.actor == admin and entry.organisation == sapporo


def test_deletions_keep_the_values_before(sapporo, admin):
    department = DepartmentFactory(organisation=sapporo, name="廃止課")
    actions.delete_department(admin, department)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DELETE)
    assert entry.changes_dict["name"][0] == "廃止課"
    assert entry.actor == admin


def test_admin_sees_only_their_organisations_entries(client, admin, sapporo, hokkaido):
    actions.save_department(admin, Department(organisation=sapporo, name="札幌の課", kind="division"))
    actions.save_department(None, Department(organisation=hokkaido, name="道の課", kind="division"))
    client.force_login(admin)
    html = client.get(reverse("manage:audit", args=["sapporo"])).content.decode()
    assert "札幌の課" in html
    assert "道の課" not in html


def test_audit_log_filters_by_actor_and_action(client, admin, sapporo):
    other = UserFactory(email="other@sapporo.example.jp")
    actions.save_department(admin, Department(organisation=sapporo, name="甲課", kind="division"))
    department = actions.save_department(other, Department(organisation=sapporo, name="乙課",
                                                           kind="division"))
    department.phone = "011-000-0000"
    actions.save_department(other, department)
    client.force_login(admin)
    url = reverse("manage:audit", args=["sapporo"])
    entries = client.get(url, {"actor": "other@"}).context["page"].object_list
    assert {e.object_repr for e in entries} == {"乙課"}
    entries = client.get(url, {"action": AuditEntry.Action.UPDATE}).context["page"].object_list
    assert [e.object_repr for e in entries] == ["乙課"]


def test_htmx_filter_returns_only_the_results_fragment(client, admin, sapporo):
    client.force_login(admin)
    response = client.get(reverse("manage:audit", args=["sapporo"]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="audit-results"' in html and "<html" not in html


@pytest.mark.parametrize("count", [5, 60])
def test_audit_page_query_count_is_constant(client, admin, sapporo, count,
                                            django_assert_max_num_queries):
    for i in range(count):
        actions.save_department(admin, Department(organisation=sapporo, name=f"課{i}",
                                                  kind="division"))
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("manage:audit", args=["sapporo"])).status_code == 200


def test_audit_log_filters_by_kind_of_record(client, admin, sapporo):
    from django.contrib.contenttypes.models import ContentType

    from kyodo.core.models import RoleAssignment

    actions.save_department(admin, Department(organisation=sapporo, name="丙課", kind="division"))
    actions.grant_role(admin, user=UserFactory(), role="reviewer", organisation=sapporo)
    client.force_login(admin)
    kind = ContentType.objects.get_for_model(RoleAssignment)
    response = client.get(reverse("manage:audit", args=["sapporo"]), {"content_type": kind.pk})
    entries = response.context["page"].object_list
    assert entries and all(e.content_type == kind for e in entries)
    assert "役割" in response.content.decode()  # the kind is named in Japanese in the filter
