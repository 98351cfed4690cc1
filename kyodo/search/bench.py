"""The search's targets for scripts/bench: the search page and the API for a word found in
most rows (協働 — in most generated documents at scale), the page for two rarer words
together, and the region's Atom feed."""

from urllib.parse import urlencode

from django.urls import reverse

from .models import Entry


def targets():
    if not Entry.objects.exists():
        return []
    q = urlencode({"q": "協働"})
    narrow = urlencode({"q": "国際交流 スポーツ"})
    return [
        ("search.page", "サイト内検索(協働)", f"{reverse('search:search')}?{q}"),
        ("search.page_narrow", "サイト内検索(国際交流 スポーツ)", f"{reverse('search:search')}?{narrow}"),
        ("search.api", "API: サイト内検索", f"/api/v1/search?{q}"),
        ("search.feed", "新着 Atom フィード", reverse("search:feed")),
    ]
