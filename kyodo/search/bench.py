"""The search's targets for scripts/bench: the search page and API for a word found in very
many rows (協働 — in every generated document at scale), and the region's Atom feed."""

from urllib.parse import urlencode

from django.urls import reverse

from .models import Entry


def targets():
    if not Entry.objects.exists():
        return []
    q = urlencode({"q": "協働"})
    narrow = urlencode({"q": "防災訓練 地域"})
    return [
        ("search.page", "サイト内検索(協働)", f"{reverse('search:search')}?{q}"),
        ("search.page_narrow", "サイト内検索(防災訓練 地域)", f"{reverse('search:search')}?{narrow}"),
        ("search.api", "API: サイト内検索", f"/api/v1/search?{q}"),
        ("search.feed", "新着 Atom フィード", reverse("search:feed")),
    ]
