"""The search's targets for scripts/bench: the search page and the API for a word found in
most rows (協働 — in most generated documents at scale: the count stops at 1,000), the page
for two rarer words together, one organisation's search (the last indexed row's), and the
region's Atom feed. At scale ``l`` the index holds 1,000,000 generated rows
(``search/scale.py``)."""

from urllib.parse import urlencode

from django.urls import reverse

from .models import Entry


def targets():
    last = Entry.objects.order_by("-id").values_list("organisation__slug", flat=True).first()
    if last is None:
        return []
    q = urlencode({"q": "協働"})
    narrow = urlencode({"q": "国際交流 スポーツ"})
    return [
        ("search.page", "サイト内検索(協働)", f"{reverse('search:search')}?{q}"),
        ("search.page_narrow", "サイト内検索(国際交流 スポーツ)", f"{reverse('search:search')}?{narrow}"),
        ("search.org", "団体内検索(協働)", f"{reverse('search:search_org', args=[last])}?{q}"),
        ("search.api", "API: サイト内検索", f"/api/v1/search?{q}"),
        ("search.feed", "新着 Atom フィード", reverse("search:feed")),
    ]
