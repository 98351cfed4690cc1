"""The /api/v1/ router and the OpenAPI wiring only; each module's schemas live in its api.py.

    /api/v1/…            read API (JSON), one router per module
    /api/v1/docs         interactive documentation (Swagger UI, vendored by django-ninja)
    /api/openapi.json    the OpenAPI 3 document of v1
"""

from django.http import JsonResponse
from django.urls import path
from ninja import NinjaAPI

from kyodo.collaboration.api import router as collaboration_router
from kyodo.core.api import router as core_router
from kyodo.councils.api import router as councils_router
from kyodo.lectures.api import router as lectures_router
from kyodo.plans.api import router as plans_router

api = NinjaAPI(
    title="Kyodo API",
    version="1",
    description=(
        "Kyodo(協働)の公開データを提供する読み取り専用APIです。"
        "個人情報は含みません。Read-only API of Kyodo's public data; no personal data."
    ),
    urls_namespace="api-v1",
)
api.add_router("/", core_router)
api.add_router("/", plans_router)
api.add_router("/", councils_router)
api.add_router("/", lectures_router)
api.add_router("/", collaboration_router)


def openapi_document(request):
    return JsonResponse(api.get_openapi_schema(path_prefix="/api/v1/"), json_dumps_params={
        "ensure_ascii": False,
    })


urlpatterns = [
    path("v1/", api.urls),
    path("openapi.json", openapi_document, name="openapi"),
]
