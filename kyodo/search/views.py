"""The search page: /search/ (the whole region, ?org= for one organisation) and
/org/<slug>/search/ (one organisation)."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from kyodo.core.inputs import FiscalYearField, page_number, query_value
from kyodo.core.models import Organisation

from . import queries, text
from .forms import SearchForm, SearchTextField

PAGE_SIZE = 20


def _organisations():
    return list(Organisation.objects.order_by("kind", "name_kana").values_list("pk", "slug", "name"))


def search(request, slug=None):
    scoped = get_object_or_404(Organisation, slug=slug) if slug else None
    organisations = [] if scoped else _organisations()
    choices = [(slug_, name) for _pk, slug_, name in organisations]
    labels = queries.modules_indexed()
    q = query_value(request.GET, "q", SearchTextField(required=False), "")
    module = query_value(request.GET, "module", forms.ChoiceField(
        choices=[(label, label) for label in labels]), None)
    year = query_value(request.GET, "year", FiscalYearField(), None)
    organisation_id = scoped.pk if scoped else None
    org_slug = None
    if scoped is None:
        org_slug = query_value(request.GET, "org", forms.ChoiceField(choices=choices), None)
        organisation_id = next((pk for pk, slug_, _name in organisations if slug_ == org_slug), None)
    number = page_number(request.GET)
    query = text.Query(q)
    results = queries.search(query, module=module, fiscal_year=year,
                             organisation_ids=[organisation_id] if organisation_id else None)
    page = Paginator(results, PAGE_SIZE).get_page(number) if query else None
    params = request.GET.copy()
    params.pop("page", None)
    form = SearchForm(
        initial={"q": q, "module": module or "", "year": year,
                 "org": org_slug or ""},
        modules=labels, organisations=choices, scoped=bool(scoped))
    return render(request, "search/search.html", {
        "organisation": scoped, "form": form, "q": q,
        "query": query, "page": page, "querystring": params.urlencode(),
        "capped": results.capped, "cap": f"{queries.CAP:,}",
        "too_short": bool(q) and not query, "max_query": text.MAX_QUERY,
        "cut": len(request.GET.get("q", "")) > text.MAX_QUERY,
    })
