"""Typed API arguments: the same bounds as ``inputs`` for query parameters of /api/v1/.

A value out of range is refused by django-ninja with a 422 and the documented error shape
(``{"code": "invalid", "message": …, "message_en": …, "detail": [{"loc": [...], "msg": "...",
"type": "..."}]}``), never a 500.

Every list of the API is paginated the same way (issue 18 §6): ``page`` and ``page_size``
(1〜:data:`MAX_PAGE_SIZE`) in, ``{"count", "next", "items"}`` out, ``next`` being the address
of the following page (with the same query) or null on the last one.
"""

import inspect
from typing import Annotated, Any
from urllib.parse import quote

from django.http import HttpResponsePermanentRedirect
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from .inputs import MAX_ID, MAX_PAGE, MAX_YEAR, MIN_YEAR

#: 年度 or year of a query parameter.
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"西暦({MIN_YEAR}〜{MAX_YEAR})")]
#: A row id in a path or query parameter.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: A search text.
SearchText = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]

#: The largest page any list gives (stated in the OpenAPI document and docs/portal.md).
MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    """Page-number pagination whose page and page size are bounded; the output names the
    total (``count``) and the next page's address (``next``)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"ページ番号(1〜{MAX_PAGE})")
        page_size: int | None = Field(
            None, ge=1, le=MAX_PAGE_SIZE,
            description=f"1ページの件数(1〜{MAX_PAGE_SIZE}、省略時は一覧ごとの既定値)")

    class Output(Schema):
        count: int
        next: str | None = Field(..., description="次のページのURL(最後のページではnull)")
        items: list[Any]

    def __init__(self, page_size=MAX_PAGE_SIZE, **kwargs):
        super().__init__(page_size=min(page_size, MAX_PAGE_SIZE), max_page_size=MAX_PAGE_SIZE,
                         **kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        page_size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * page_size
        count = self._items_count(queryset)
        following = None
        if offset + page_size < count:
            query = request.GET.copy()
            query["page"] = pagination.page + 1
            following = f"{request.path}?{query.urlencode()}"
        return {"count": count, "next": following,
                "items": queryset[offset:offset + page_size]}


class Rows:
    """A list for :class:`Pagination` that reads only the page asked for: ``queryset`` is
    counted and sliced in SQL, and ``row`` turns each of the page's rows (objects or ``values()``
    dicts) into its output — so a list never builds the objects of every other page."""

    def __init__(self, queryset, row):
        self.queryset, self.row = queryset, row

    def all(self):  # django-ninja counts ``rows.all().count()``
        return self.queryset

    def __getitem__(self, page):
        return [self.row(row) for row in self.queryset[page]]


def moved(router, old, new, *, summary=""):
    """Keep ``old`` (a path of this router, e.g. ``/items/{item_id}``) answering for a release:
    a permanent redirect to ``new`` with the same query string, marked deprecated in the
    OpenAPI document (issue 18 §6; docs/portal.md lists them)."""
    names = [part[1:-1] for part in old.split("/") if part.startswith("{")]

    def view(request, **values):
        target = "/api/v1" + new.format(**{k: quote(str(v), safe="") for k, v in values.items()})
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    view.__signature__ = inspect.Signature(
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=str) for n in names])
    view.__name__ = "moved_" + "_".join(p for p in old.strip("/").replace("{", "").replace(
        "}", "").split("/"))
    router.get(old, response={301: None}, deprecated=True, include_in_schema=True,
               summary=summary or f"移転しました: {new}",
               description=f"旧パス。`/api/v1{new}` へ恒久的に転送します(301)。次のリリースで廃止します。"
                           f" Deprecated: moved permanently to `/api/v1{new}`.")(view)
    return view
