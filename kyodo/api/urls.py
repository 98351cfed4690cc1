"""The /api/v1/ router and the OpenAPI wiring only; each module's schemas live in its api.py.

    /api/v1/…            read API (JSON), one router per module
    /api/v1/docs         interactive documentation (Swagger UI, vendored by django-ninja)
    /api/openapi.json    the OpenAPI 3 document of v1
"""

from django.http import Http404, JsonResponse
from django.urls import path
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from kyodo.collaboration.api import router as collaboration_router
from kyodo.core.api import router as core_router
from kyodo.councils.api import router as councils_router
from kyodo.lectures.api import router as lectures_router
from kyodo.plans.api import router as plans_router
from kyodo.calendar.api import router as calendar_router
from kyodo.desks.api import router as desks_router
from kyodo.events.api import router as events_router
from kyodo.fund.api import router as fund_router
from kyodo.portal.api import router as portal_router
from kyodo.proposals.api import router as proposals_router
from kyodo.publiccomment.api import router as publiccomment_router
from kyodo.search.api import router as search_router
from kyodo.surveys.api import router as surveys_router

#: One error shape (issue 18 §6): a code, the message in Japanese and in English, and the detail
#: (the message again, or for a refused argument the list of what was refused and where).
ERROR_FIELDS = {
    "code": {"title": "Code", "type": "string",
             "description": "not_found, invalid, forbidden, error…"},
    "message": {"title": "Message", "type": "string", "description": "日本語のメッセージ"},
    "message_en": {"title": "Message En", "type": "string", "description": "Message in English"},
}
ERROR_SCHEMAS = {
    "ErrorOut": {
        "title": "ErrorOut", "type": "object",
        "required": ["code", "message", "message_en", "detail"],
        "properties": {**ERROR_FIELDS, "detail": {"title": "Detail", "type": "string"}},
    },
    "ValidationErrorOut": {
        "title": "ValidationErrorOut", "type": "object",
        "required": ["code", "message", "message_en", "detail"],
        "properties": {**ERROR_FIELDS, "detail": {"title": "Detail", "type": "array", "items": {
            "type": "object", "required": ["loc", "msg", "type"],
            "properties": {
                "loc": {"type": "array", "items": {"anyOf": [{"type": "string"},
                                                             {"type": "integer"}]}},
                "msg": {"type": "string"},
                "type": {"type": "string"},
            },
        }}},
    },
}

MESSAGES = {
    400: ("bad_request", "要求が正しくありません。", "Bad request."),
    404: ("not_found", "お探しのデータは見つかりません。", "Not found."),
    422: ("invalid", "引数が範囲外または不正です。", "A parameter is out of range or invalid."),
    403: ("forbidden", "このデータを見る権限がありません。", "Forbidden."),
}


def error_body(status, detail=None, message=None, message_en=None):
    code, ja, en = MESSAGES.get(status, ("error", "要求を処理できませんでした。",
                                         "The request could not be processed."))
    return {"code": code, "message": message or ja, "message_en": message_en or en,
            "detail": (message or ja) if detail is None else detail}


def error_response(description, schema):
    return {"description": description, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}},
    }}


def can_be_refused(parameter):
    """A parameter other than free text can fail validation (a number, a bounded text)."""
    schema = parameter.get("schema", {})
    return schema.get("type") != "string" or set(schema) - {"type", "title", "default"}


class KyodoAPI(NinjaAPI):
    """Documents the error responses every operation can give, in the shapes they take."""

    def get_openapi_schema(self, **kwargs):
        document = super().get_openapi_schema(**kwargs)
        document.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
        for operations in document["paths"].values():
            for operation in operations.values():
                parameters = operation.get("parameters", [])
                responses = operation["responses"]
                # Every path names an organisation, plan, council… looked up by slug or id.
                if any(p["in"] == "path" for p in parameters):
                    responses.setdefault(404, error_response("見つかりません(Not Found)", "ErrorOut"))
                if any(can_be_refused(p) for p in parameters):
                    responses.setdefault(422, error_response(
                        "引数が範囲外または不正です(Unprocessable Entity)", "ValidationErrorOut"))
                # kyodo/core/middleware.py: a staff session without its second factor.
                responses.setdefault(403, error_response(
                    "二段階認証を設定していない職員のアカウント(Forbidden)", "ErrorOut"))
        return document


api = KyodoAPI(
    title="Kyodo API",
    version="1",
    description=(
        "Kyodo(協働)の公開データを提供する読み取り専用APIです。"
        "個人情報は含みません。Read-only API of Kyodo's public data; no personal data."
    ),
    urls_namespace="api-v1",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, error_body(404), status=404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    where = ", ".join(".".join(str(p) for p in error.get("loc", ())) for error in exc.errors)
    return api.create_response(request, error_body(
        422, detail=exc.errors,
        message=f"引数が範囲外または不正です: {where}" if where else None,
        message_en=f"A parameter is out of range or invalid: {where}" if where else None,
    ), status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    # The module's own Japanese message; the English one is the status's.
    return api.create_response(request, error_body(exc.status_code, detail=str(exc),
                                                   message=str(exc)), status=exc.status_code)
api.add_router("/", core_router)
api.add_router("/", plans_router)
api.add_router("/", councils_router)
api.add_router("/", lectures_router)
api.add_router("/", collaboration_router)
api.add_router("/", proposals_router)
api.add_router("/", fund_router)
api.add_router("/", events_router)
api.add_router("/", desks_router)
api.add_router("/", calendar_router)
api.add_router("/", publiccomment_router)
api.add_router("/", surveys_router)
api.add_router("/", search_router)
api.add_router("/", portal_router)


def openapi_document(request):
    return JsonResponse(api.get_openapi_schema(path_prefix="/api/v1/"), json_dumps_params={
        "ensure_ascii": False,
    })


urlpatterns = [
    path("v1/", api.urls),
    path("openapi.json", openapi_document, name="openapi"),
]
