"""Typed API arguments: the same bounds as ``inputs`` for query parameters of /api/v1/.

A value out of range is refused by django-ninja with a 422 and the documented error shape
(``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``), never a 500.
"""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from .inputs import MAX_ID, MAX_PAGE, MAX_YEAR, MIN_YEAR

#: 年度 or year of a query parameter.
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR, description=f"西暦({MIN_YEAR}〜{MAX_YEAR})")]
#: A row id in a path or query parameter.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: A search text.
SearchText = Annotated[str, Field(max_length=200, pattern=r"^[^\x00]*$")]


class Pagination(PageNumberPagination):
    """Page-number pagination whose page and page size are bounded."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=1000)
