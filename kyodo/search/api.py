"""The site-wide search in /api/v1/ (issue 18 §6): ``GET /api/v1/search``. Only what the
index holds — published content — with highlighted snippets as safe HTML."""

import datetime

from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from kyodo.core.api_inputs import Pagination, SearchText, Year
from kyodo.core.models import Organisation

from . import queries

router = Router(tags=["search"])


class SearchHitOut(Schema):
    title: str
    title_html: str
    snippet_html: str
    kind: str
    module: str
    organisation: str
    organisation_slug: str
    url: str
    fiscal_year: int | None
    published_at: datetime.datetime | None


class CappedPagination(Pagination):
    """The one pagination, with ``count`` at most :data:`queries.CAP` and ``count_is_capped``
    true when there are more matches (the pages then hold the first CAP of the ranking)."""

    class Output(Pagination.Output):
        count_is_capped: bool = Field(
            ..., description=f"一致が{queries.CAP:,}件を超えるとき true(count は {queries.CAP:,}、"
                             f"ページはその{queries.CAP:,}件の中)")

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        return {**page, "count_is_capped": queryset.results.capped}


class _Page:
    """Results turned into the output schema's dictionaries as the paginator slices them."""

    def __init__(self, results):
        self.results = results

    def all(self):
        return self

    def count(self):
        return self.results.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        return [{
            "title": hit.entry.title, "title_html": str(hit.title), "snippet_html": str(hit.snippet),
            "kind": hit.entry.kind, "module": hit.entry.module,
            "organisation": hit.entry.organisation.name,
            "organisation_slug": hit.entry.organisation.slug, "url": hit.entry.url,
            "fiscal_year": hit.entry.fiscal_year, "published_at": hit.entry.published_at,
        } for hit in self.results[window]]


@router.get("/search", response=list[SearchHitOut], summary="サイト内検索",
            description="公開されている情報(計画、会議、提言、出前講座、協働事業など)を探します。"
                        "言葉は2文字ずつに区切って探し、すべてを含むものを返します(題名に含むものが先)。"
                        "1文字の言葉はその文字で始まる2文字を探します。"
                        f"一致が{queries.CAP:,}件を超えるときは count が {queries.CAP:,}、"
                        "count_is_capped が true になり、その中をページで見られます。")
@paginate(CappedPagination, page_size=20)
def search(request, q: SearchText = "", module: SearchText = "", organisation: SearchText = "",
           year: Year | None = None):
    if module and module not in queries.modules_indexed():
        raise HttpError(400, "不明な機能です。")
    organisation_ids = None
    if organisation:
        organisation_ids = list(Organisation.objects.filter(slug=organisation).values_list("pk", flat=True))
        if not organisation_ids:
            raise HttpError(404, "団体が見つかりません。")
    return _Page(queries.search(q, module=module or None, organisation_ids=organisation_ids,
                                fiscal_year=year))
