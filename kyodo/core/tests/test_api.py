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
    data = client.get("/api/v1/organisations/sapporo/departments").json()["items"]
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
        model = operation.response_models.get(200)
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
        if document["paths"][path][method].get("deprecated"):
            continue  # a moved path answers 301 whatever it names (test_moved_paths_redirect)
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


# --- One API (issue 18 §6): paths, moved paths, one pagination, one error shape --------------

MODULES = {"plans", "councils", "lectures", "collaboration", "proposals", "fund", "events", "desks",
           "calendar", "publiccomment", "public-comments", "surveys", "search", "portal",
           "open-data"}


def test_every_path_follows_the_convention(client, db):
    """Organisation-scoped lists under /organisations/{slug}/<module>/…, every object under its
    module's path by id; the paths before the convention are deprecated redirects."""
    document = client.get("/api/openapi.json").json()
    wrong = []
    for path, operations in document["paths"].items():
        if all(operation.get("deprecated") for operation in operations.values()):
            continue
        parts = path.removeprefix("/api/v1/").split("/")
        if parts[0] == "organisations":
            # /organisations, /organisations/{slug}, /organisations/{slug}/departments (core)
            if len(parts) <= 2 or parts[2] == "departments" and len(parts) == 3:
                continue
            if parts[1] == "{slug}" and parts[2] in MODULES:
                continue
        elif parts[0] in MODULES:
            continue
        wrong.append(path)
    assert wrong == []


@pytest.mark.parametrize(("old", "new"), [
    ("/api/v1/collaboration/sapporo/partners?page=2&q=%E6%A3%AE",
     "/api/v1/organisations/sapporo/collaboration/partners?page=2&q=%E6%A3%AE"),
    ("/api/v1/collaboration/sapporo/projects", "/api/v1/organisations/sapporo/collaboration/projects"),
    ("/api/v1/collaboration/sapporo/surveys/2024",
     "/api/v1/organisations/sapporo/collaboration/surveys/2024"),
    ("/api/v1/collaboration/sapporo/evaluations?page_size=5",
     "/api/v1/organisations/sapporo/collaboration/evaluations?page_size=5"),
    ("/api/v1/items/12", "/api/v1/plans/items/12"),
    ("/api/v1/evaluations/3?x=1", "/api/v1/councils/evaluations/3?x=1"),
    ("/api/v1/organisations/sapporo/recommendations?status=partly",
     "/api/v1/organisations/sapporo/councils/recommendations?status=partly"),
])
def test_moved_paths_redirect_permanently_with_the_query(client, db, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_moved_paths_are_deprecated_in_the_openapi_document(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    for old in ("/api/v1/collaboration/{slug}/partners", "/api/v1/items/{item_id}",
                "/api/v1/evaluations/{round_id}", "/api/v1/organisations/{slug}/recommendations"):
        assert paths[old]["get"]["deprecated"] is True, old
        assert "301" in paths[old]["get"]["responses"]
    for new in ("/api/v1/organisations/{slug}/collaboration/partners", "/api/v1/plans/items/{item_id}",
                "/api/v1/councils/evaluations/{round_id}"):
        assert not paths[new]["get"].get("deprecated"), new


def test_every_list_has_one_pagination_with_count_and_next(client, hokkaido):
    from kyodo.core.api_inputs import MAX_PAGE_SIZE

    for _ in range(4):
        OrganisationFactory(prefecture=hokkaido)
    first = client.get("/api/v1/organisations", {"page_size": 2}).json()
    assert list(first) == ["count", "next", "items"]
    assert first["count"] == 5 and len(first["items"]) == 2
    assert first["next"] == "/api/v1/organisations?page_size=2&page=2"
    second = client.get(first["next"]).json()
    assert [o["slug"] for o in second["items"]] != [o["slug"] for o in first["items"]]
    last = client.get("/api/v1/organisations", {"page_size": 2, "page": 3}).json()
    assert len(last["items"]) == 1 and last["next"] is None
    assert client.get("/api/v1/organisations", {"page_size": MAX_PAGE_SIZE + 1}).status_code == 422
    # Every list operation of the document returns that shape.
    document = client.get("/api/openapi.json").json()
    components = document["components"]["schemas"]
    for path, operations in document["paths"].items():
        get = operations["get"]
        names = {p["name"] for p in get.get("parameters", [])}
        if "page" in names:
            assert "page_size" in names, path
            ref = get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            schema = components[ref.rsplit("/", 1)[1]]
            assert {"count", "next", "items"} <= set(schema["properties"]), path


def test_errors_have_one_shape_in_japanese_and_english(client, db):
    missing = client.get("/api/v1/organisations/atlantis")
    assert missing.status_code == 404
    body = missing.json()
    assert body["code"] == "not_found" and body["message_en"] == "Not found."
    assert "見つかりません" in body["message"] and isinstance(body["detail"], str)
    refused = client.get("/api/v1/organisations", {"page": 0})
    body = refused.json()
    assert refused.status_code == 422 and body["code"] == "invalid"
    assert "query.page" in body["message"] and "query.page" in body["message_en"]
    assert body["detail"][0]["loc"] == ["query", "page"]
    document = client.get("/api/openapi.json").json()
    for name in ("ErrorOut", "ValidationErrorOut"):
        assert {"code", "message", "message_en", "detail"} <= set(
            document["components"]["schemas"][name]["required"])


def test_a_modules_own_refusal_keeps_its_japanese_message_in_the_one_shape(rf):
    import json

    from ninja.errors import HttpError

    from kyodo.api.urls import http_error

    body = json.loads(http_error(rf.get("/api/v1/search"), HttpError(400, "不明な機能です。")).content)
    assert body == {"code": "bad_request", "message": "不明な機能です。", "message_en": "Bad request.",
                    "detail": "不明な機能です。"}
