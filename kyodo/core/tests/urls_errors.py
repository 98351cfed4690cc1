"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt

from kyodo.core.inputs import BadInput
from kyodo.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def refuse(request):
    raise PermissionDenied("この申込は担当課の職員だけが処理できます。")


def unreadable(request):
    raise BadInput("「fiscal_year」: 年は1900年から2100年の間で入力してください。")


def database_gone(request):
    raise OperationalError("connection refused")


def broken(request):
    raise RuntimeError("a bug")


@csrf_exempt
def refused_form(request):
    """A public form shown again with what the visitor typed, as every module's forms do."""
    typed = escape(request.POST.get("phone", ""))
    return HttpResponse(f'<form method="post"><input name="phone" value="{typed}"></form>',
                        status=400 if request.method == "POST" else 200)


urlpatterns = [
    path("test-errors/refuse/", refuse),
    path("test-errors/unreadable/", unreadable),
    path("test-errors/database-gone/", database_gone),
    path("test-errors/broken/", broken),
    path("test-errors/refused-form/", refused_form),
    *urlpatterns,
]
