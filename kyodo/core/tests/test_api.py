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


# --- The OpenAPI document: one schema per name, and the errors each operation can give -------

def api_operations():
    """(path, method, ninja operation) for every operation of every module's router."""
    from kyodo.api.urls import api

    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"/api/v1{path}", method.lower(), operation


def schema_classes(annotation, found):
    """Every pydantic (ninja Schema) class an annotation reaches, through lists and fields."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                schema_classes(field.annotation, found)
        return found
    for argument in getattr(annotation, "__args__", ()):
        schema_classes(argument, found)
    return found


def test_schema_class_names_are_unique_across_modules():
    found = set()
    for _path, _method, operation in api_operations():
        for model in operation.response_models.values():
            for field in getattr(model, "model_fields", {}).values():
                schema_classes(field.annotation, found)
    names = {}
    for cls in found:
        names.setdefault(cls.__name__, []).append(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in names.items() if len(where) > 1} == {}


def test_every_reference_resolves_to_the_schema_its_endpoint_returns(client, db):
    document = client.get("/api/openapi.json").json()
    components = document["components"]["schemas"]
    for path, method, operation in api_operations():
        model = operation.response_models[200]
        if not hasattr(model, "model_json_schema"):
            continue  # an operation that declares no response model documents none
        expected = model.model_json_schema(
            ref_template="#/components/schemas/{model}", mode="serialization", by_alias=True,
        )
        for name, schema in expected.get("$defs", {}).items():
            assert components.get(name) == schema, f"{method} {path}: {name}"

    def references(node):
        if isinstance(node, dict):
            if "$ref" in node:
                yield node["$ref"]
            for value in node.values():
                yield from references(value)
        elif isinstance(node, list):
            for value in node:
                yield from references(value)

    prefix = "#/components/schemas/"
    refs = set(references(document))
    assert refs and all(ref.startswith(prefix) for ref in refs)
    assert {ref.removeprefix(prefix) for ref in refs} <= set(components)


def test_every_operation_documents_the_errors_it_gives(client, db):
    """Each operation is asked for an object that does not exist and for page 0: whatever
    status comes back is among the operation's documented responses, in the documented shape."""
    document = client.get("/api/openapi.json").json()
    for path, method, _operation in api_operations():
        documented = document["paths"][path][method]["responses"]
        assert "403" in documented, path  # a staff session without its second factor
        parameters = document["paths"][path][method].get("parameters", [])
        url = path
        for parameter in parameters:
            if parameter["in"] == "path":
                missing = "atlantis" if parameter["schema"].get("type") == "string" else "2024"
                url = url.replace("{%s}" % parameter["name"], missing)
        if url != path:
            response = client.get(url)
            assert response.status_code == 404, url
            assert "404" in documented, path
            assert isinstance(response.json()["detail"], str)
        if any(p["name"] == "page" for p in parameters):
            response = client.get(url, {"page": 0})
            assert response.status_code in (404, 422), url
            assert str(response.status_code) in documented, path
            assert "422" in documented, path
    refused = client.get("/api/v1/organisations", {"page": 0})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "page"]
