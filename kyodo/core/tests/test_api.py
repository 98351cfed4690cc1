"""The read API's base: organisations and departments, described by the OpenAPI document."""

import pytest

from .factories import DepartmentFactory, OrganisationFactory


def test_organisations_list(client, sapporo):
    data = client.get("/api/v1/organisations").json()
    assert data["count"] == 2
    by_slug = {o["slug"]: o for o in data["items"]}
    assert by_slug["sapporo"] == {
        "name": "札幌市", "name_kana": "さっぽろし", "name_en": "", "slug": "sapporo",
        "kind": "designated_city", "kind_label": "政令指定都市",
        "local_government_code": "011002", "prefecture_code": "010006", "website": "",
        "url": "/org/sapporo/",
    }
    assert by_slug["hokkaido"]["prefecture_code"] is None


def test_organisation_detail_and_404(client, sapporo):
    assert client.get("/api/v1/organisations/sapporo").json()["local_government_code"] == "011002"
    assert client.get("/api/v1/organisations/atlantis").status_code == 404


def test_departments_in_tree_order_with_full_names(client, sapporo, sapporo_department):
    data = client.get("/api/v1/organisations/sapporo/departments").json()
    assert [(d["name"], d["depth"], d["full_name"]) for d in data] == [
        ("総務局", 0, "総務局"), ("広報課", 1, "総務局 広報課"),
    ]


def test_api_exposes_no_personal_data(client, sapporo, sapporo_department):
    sapporo_department.email = "koho@city.sapporo.jp"
    sapporo_department.save()
    text = client.get("/api/v1/organisations/sapporo/departments").content.decode()
    assert "@" not in text  # staff and department contacts are not part of the API


def test_openapi_document_lists_the_endpoints(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/organisations", "/api/v1/organisations/{slug}",
            "/api/v1/organisations/{slug}/departments"} <= set(document["paths"])


@pytest.mark.parametrize("count", [2, 40])
def test_organisation_list_query_count_is_constant(client, hokkaido, count,
                                                   django_assert_max_num_queries):
    for _ in range(count):
        OrganisationFactory(prefecture=hokkaido)
    with django_assert_max_num_queries(2):
        client.get("/api/v1/organisations")


@pytest.mark.parametrize("count", [2, 40])
def test_department_list_query_count_is_constant(client, sapporo, count,
                                                 django_assert_max_num_queries):
    for _ in range(count):
        DepartmentFactory(organisation=sapporo)
    with django_assert_max_num_queries(2):
        client.get("/api/v1/organisations/sapporo/departments")
