"""Parts of a page rendered once per content version and shared by every visitor.

The page cache (``pagecache.py``) answers anonymous visitors with a whole stored page. Signed-in
people cannot be given that page — the header carries their name, staff see their own links —
but most of what they read is the same for everyone: the dashboard's table, the evaluation's
ratings, the lecture menu. A template marks such a part::

    {% load fragments %}
    {% shared_fragment "plans:dashboard" plan.pk %}
      … the part that is the same for every visitor …
    {% endshared_fragment %}

The part is rendered once per *generation* (the number every write moves on, see
``pagecache.py``), language and full path (path and query string), plus the arguments given,
and served from this worker's memory (``LocalPages``) or the shared cache after that. So a
publish is visible at once to everyone, signed in or not, on every machine — exactly as with
the page cache — and only the per-person parts are rendered per request.

Rules for a fragment:

* nothing inside may depend on who is asking (no ``user``, no ``perms``, no staff-only links):
  keep those outside the tag, or pass what they depend on as an argument;
* the view should hand the data over lazily (a queryset, ``SimpleLazyObject``, a callable
  the template calls), so that a stored fragment also saves the queries, not only the
  rendering;
* a form's CSRF token inside is stored as a marker and filled in per request, as on cached
  pages.

``KYODO_PAGE_CACHE_SECONDS = 0`` switches fragments off with the page cache (tests that count a
page's queries do this, so they always count a real render).
"""

import hashlib

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import pagecache

PREFIX = "kyodo:fragment"


def request_generation(request):
    """The generation this request renders in, read once per request."""
    current = getattr(request, "_page_cache_generation", None)
    if current is None:
        current = request._page_cache_generation = pagecache.generation()
    return current


def enabled(request):
    return request is not None and settings.KYODO_PAGE_CACHE_SECONDS > 0


def key(request, name, parts):
    source = "\n".join([request.get_full_path(), get_language() or "", name,
                        *(repr(part) for part in parts)])
    digest = hashlib.sha256(source.encode()).hexdigest()
    return f"{PREFIX}:{request_generation(request)}:{digest}"


def render(request, name, parts, produce):
    """The fragment ``name`` for ``parts`` from a store, or ``produce()`` stored for the next
    request of this generation. ``produce`` returns the HTML (already escaped)."""
    if not enabled(request):
        return produce()
    fragment_key = key(request, name, parts)
    current = request_generation(request)
    stored = pagecache.local_pages.get(current, fragment_key)
    if stored is None:
        stored = pagecache.cache().get(fragment_key)
        if stored is None:
            html = str(produce())
            if "csrfmiddlewaretoken" in html:
                html = pagecache.CSRF_INPUT.sub(rf"\g<1>{pagecache.CSRF_MARKER}\g<2>", html)
            stored = (html, None)
            pagecache.cache().set(fragment_key, stored, settings.KYODO_PAGE_CACHE_SECONDS)
        pagecache.local_pages.set(current, fragment_key, stored)
    html = stored[0]
    if pagecache.CSRF_MARKER in html:
        html = html.replace(pagecache.CSRF_MARKER, get_token(request))
    return mark_safe(html)
