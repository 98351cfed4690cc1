"""An organisation admin keeps the department hierarchy (部局 → 課・室)."""

from django.urls import reverse

from kyodo.core.models import Department

from .factories import DepartmentFactory



def post(client, data, pk=None):
    if pk:
        url = reverse("manage:department_edit", args=["sapporo", pk])
    else:
        url = reverse("manage:department_new", args=["sapporo"])
    return client.post(url, {"kind": "division", "sort_order": 0, **data})


def test_admin_adds_a_division_under_a_bureau(admin_client, sapporo):
    bureau = DepartmentFactory(organisation=sapporo, name="市民まちづくり局", kind="bureau")
    response = post(admin_client, {"name": "市民活動促進課", "parent": bureau.pk})
    assert response.status_code == 302
    division = Department.objects.get(name="市民活動促進課")
    assert division.parent == bureau and division.organisation == sapporo
    listing = admin_client.get(reverse("manage:departments", args=["sapporo"])).content.decode()
    assert "市民活動促進課" in listing


def test_duplicate_department_is_refused_next_to_the_name(admin_client, sapporo):
    bureau = DepartmentFactory(organisation=sapporo, name="総務局", kind="bureau")
    DepartmentFactory(organisation=sapporo, name="広報課", parent=bureau)
    response = post(admin_client, {"name": "広報課", "parent": bureau.pk})
    assert response.status_code == 200
    assert "すでに登録されています" in response.context["form"].errors["name"][0]
    assert Department.objects.filter(name="広報課").count() == 1


def test_duplicate_top_level_bureau_is_refused(admin_client, sapporo):
    DepartmentFactory(organisation=sapporo, name="総務局", kind="bureau")
    response = post(admin_client, {"name": "総務局", "kind": "bureau"})
    assert "すでに登録されています" in response.context["form"].errors["name"][0]
    assert Department.objects.filter(name="総務局").count() == 1


def test_same_name_under_different_parents_is_allowed(admin_client, sapporo):
    for bureau_name in ("保健福祉局", "環境局"):
        bureau = DepartmentFactory(organisation=sapporo, name=bureau_name, kind="bureau")
        assert post(admin_client, {"name": "総務課", "parent": bureau.pk}).status_code == 302
    assert Department.objects.filter(name="総務課").count() == 2


def test_a_department_cannot_be_moved_under_its_own_child(admin_client, sapporo):
    bureau = DepartmentFactory(organisation=sapporo, name="総務局", kind="bureau")
    child = DepartmentFactory(organisation=sapporo, name="広報部", parent=bureau)
    response = post(admin_client, {"name": "総務局", "kind": "bureau", "parent": child.pk}, pk=bureau.pk)
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    bureau.refresh_from_db()
    assert bureau.parent is None


def test_parent_from_another_organisation_is_refused(admin_client, sapporo, hokkaido_department):
    response = post(admin_client, {"name": "広報課", "parent": hokkaido_department.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert not Department.objects.filter(name="広報課").exists()


def test_empty_name_gets_a_japanese_message(admin_client):
    response = post(admin_client, {"name": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["このフィールドは必須です。"]


def test_editing_another_organisations_department_is_forbidden(admin_client, hokkaido_department):
    url = reverse("manage:department_edit", args=["sapporo", hokkaido_department.pk])
    assert admin_client.get(url).status_code == 403


def test_the_error_is_tied_to_its_field_for_screen_readers(admin_client):
    html = post(admin_client, {"name": ""}).content.decode()
    assert 'id="id_name_error"' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_name_error"' in html
