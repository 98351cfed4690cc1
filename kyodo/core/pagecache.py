"""The public pages' cache: anonymous visitors are served a stored copy, invalidated on any write.

Most of Kyodo's traffic is residents reading what has been published — a plan's dashboard on
publication day, a council's report, the lecture menu in spring. Those readers are anonymous and
all see the same page, so the rendered page is kept in the cache and served again until
something changes.

Correctness rests on one number, the *generation*: every cached page is filed under the
generation it was rendered in, and any write moves the generation on, so a page rendered before
a publish is never served after it. The generation moves

* after every successful POST/PUT/PATCH/DELETE of a signed-in user (``PageCacheMiddleware``),
  which covers every action taken through a staff screen, bulk updates included (a visitor's
  language switch moves nothing; a visitor's request form saves a model, see below);
* on ``post_save``/``post_delete``/``m2m_changed`` of a domain model, once the transaction
  commits, which covers writes from commands, the shell and background tasks;
* when a command that writes in bulk calls ``invalidate()`` (``load_demo``, ``generate_scale``).

A missing generation (evicted, or a cold cache) becomes a fresh unique value, so it can never
fall back to one that old pages were filed under. Pages also expire after
``KYODO_PAGE_CACHE_SECONDS`` so that what depends on the date (a call that closes today) moves on.

Each worker also keeps the pages of the current generation in its own memory (``LocalPages``,
bounded by ``KYODO_PAGE_CACHE_LOCAL_BYTES``), so that a hit costs one small read of the
generation rather than fetching and decoding the whole page. The local copies are filed under
the generation too, and the generation is read afresh on every request, so a write in another
worker retires them just the same.

The generation has a cache of its own (``KYODO_GENERATION_CACHE_ALIAS``, see settings.py): it
must be shared by every worker that serves pages, and it is read on every hit, so it lives where
that read is cheapest — Redis or memcached when the site has one, otherwise a file on the
machine's disk (Django's ``FileBasedCache``: a write replaces the file atomically, a read is an
open and a read, no database round trip). A file is not shared between machines, which is why
``check --deploy`` warns until the store is chosen explicitly (``kyodo.W001`` below).

Only requests that carry no session and no pending messages are served from the cache (the
visitor is then anonymous without touching the session), and only the views listed in
``PUBLIC_VIEWS`` plus the read API. The read API, the DCAT catalogue and the feeds are the same
whoever asks (no header, no person), so their stored answers serve signed-in people too
(``SAME_FOR_EVERYONE_VIEWS``). The CSRF token in a stored page is replaced by a marker and
filled in per visitor, so a cached form still posts.
"""

import hashlib
import re
import sys
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

GENERATION_KEY = "kyodo:pages:generation"
CSRF_MARKER = "__KYODO_CSRF_TOKEN__"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')

# Public pages, by URL name. Downloads stream and are not cached; forms that only show (a call's
# application form, a lecture request form) are, because their token is filled per visitor.
PUBLIC_VIEWS = frozenset({
    "core:portal", "core:organisation",
    "plans:index", "plans:dashboard", "plans:item",
    "councils:index", "councils:council", "councils:meeting", "councils:call",
    "councils:tracking", "councils:tracking_print", "councils:evaluation",
    "councils:evaluation_print",
    "lectures:catalogue", "lectures:theme", "lectures:statistics",
    "collaboration:index", "collaboration:partners", "collaboration:partner",
    "collaboration:projects", "collaboration:project", "collaboration:reports",
    "collaboration:report", "collaboration:evaluations", "collaboration:evaluation",
    "collaboration:initiatives", "collaboration_regional:index",
    # The portal (issue 18): what is open now and the open-data catalogue.
    "portal:open_now", "portal:open_data", "portal:organisation_open_data", "portal:catalog",
    "portal:organisation_catalog",
    # Issues 15–17: calls and results, the fund, events, desks, the calendar, public comments and
    # surveys (their forms and status look-ups are not cached; search results are not either).
    "proposals:index", "proposals:call", "proposals:results",
    "fund:index", "fund:fund", "fund:grants", "fund:grant",
    "events:index", "events:event", "events:open_data_page",
    "desks:index", "desks:desk", "desks:statistics",
    "calendar:month", "calendar:list", "calendar_regional:month", "calendar_regional:list",
    "publiccomment:index", "publiccomment:call", "publiccomment:results",
    "publiccomment:results_comments", "publiccomment:open_data",
    "surveys:index", "surveys:results", "surveys:crosstab",
})
API_NAMESPACE = "api-v1"
# Besides the read API, these answer the same whoever asks, signed in or not: the DCAT
# catalogue and the Atom feeds.
SAME_FOR_EVERYONE_VIEWS = frozenset({
    "portal:catalog", "portal:organisation_catalog",
    "search:feed", "search:feed_module", "search:feed_follow", "search:feed_org",
    "search:feed_org_module",
})

# Writes to the domain apps' models move the generation on, except these, which no visitor sees
# (a login updates the user; every write adds an audit entry).
IGNORED_MODELS = frozenset({"core.user", "core.auditentry",
                            # a person's own follows and mail settings show on no public page
                            "portal.follow", "portal.mailsetting", "portal.heldmail"})
# The portal and the organisation homes show what every module declares (open calls, dates,
# what is new — issue 18), so a write to any module's models moves the generation on.
DOMAIN_APPS = frozenset({"core", "plans", "councils", "lectures", "collaboration", "proposals",
                         "fund", "events", "desks", "calendar", "publiccomment", "surveys",
                         "search", "portal"})
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary")


def cache():
    """The shared cache of pages and fragments."""
    return caches[settings.KYODO_PAGE_CACHE_ALIAS]


def generation_store():
    return caches[settings.KYODO_GENERATION_CACHE_ALIAS]


def generation(store=None):
    store = store or generation_store()
    value = store.get(GENERATION_KEY)
    if value is None:
        store.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = store.get(GENERATION_KEY)
    return value


def invalidate(store=None):
    """Move the generation on: every page cached so far is out of date."""
    (store or generation_store()).set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_now_and_on_commit():
    """Now, so that this transaction's own requests see fresh pages; and again once it commits,
    because a visitor's page rendered in between still shows the data from before the commit."""
    invalidate()
    transaction.on_commit(invalidate)


class LocalPages:
    """This process's copies of the current generation's pages, least recently used out first.

    ``get`` follows the generation it is asked for; ``set`` keeps a page only if it belongs to
    the generation last asked for, so a page rendered across a write never displaces newer ones.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self, generation=None):
        self._generation = generation
        self._pages = OrderedDict()
        self._bytes = 0

    def get(self, generation, key):
        with self._lock:
            if generation != self._generation:
                self.clear(generation)
                return None
            entry = self._pages.get(key)
            if entry is None:
                return None
            expires, stored, _size = entry
            if expires < time.monotonic():
                self._drop(key)
                return None
            self._pages.move_to_end(key)
            return stored

    def set(self, generation, key, stored):
        size = sys.getsizeof(stored[0])
        budget = settings.KYODO_PAGE_CACHE_LOCAL_BYTES
        with self._lock:
            if generation != self._generation:
                return  # rendered before a write that this worker has already seen: stale
            if key in self._pages:
                self._drop(key)
            if size > budget:
                return
            self._pages[key] = (time.monotonic() + settings.KYODO_PAGE_CACHE_SECONDS, stored, size)
            self._bytes += size
            while self._bytes > budget:
                self._drop(next(iter(self._pages)))

    def _drop(self, key):
        self._bytes -= self._pages.pop(key)[2]


local_pages = LocalPages()


def is_same_for_everyone(match):
    """The read API and the open-data catalogue (DCAT) answer with data only — no header, no
    person, nothing the session changes (none of their views reads ``request.user``, which
    test_pagecache checks) — so their stored answers serve signed-in people too."""
    if match.view_name in SAME_FOR_EVERYONE_VIEWS:
        return True
    return API_NAMESPACE in match.namespaces and "openapi" not in (match.url_name or "")


def is_public_request(request):
    if request.method not in ("GET", "HEAD") or settings.KYODO_PAGE_CACHE_SECONDS <= 0:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    match = request.resolver_match
    if match is None:
        return False
    if is_same_for_everyone(match):
        return True
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return match.view_name in PUBLIC_VIEWS


def page_key(request):
    parts = "\n".join([
        request.get_full_path(),
        get_language() or "",
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    ])
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"kyodo:page:{request._page_cache_generation}:{digest}"


def is_storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    """Serves and stores public pages; moves the generation on after every successful write.

    Sits last in MIDDLEWARE so that the headers the outer middleware add (CSP, security, the
    CSRF cookie) are added afresh to every response, cached or not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and response.status_code < 400
                and request.user.is_authenticated):
            invalidate_now_and_on_commit()
        key = getattr(request, "_page_cache_key", None)
        if key and is_storable(response):
            content = response.content.decode(response.charset)
            if "csrfmiddlewaretoken" in content:
                content = CSRF_INPUT.sub(rf"\g<1>{CSRF_MARKER}\g<2>", content)
            headers = {name: response[name] for name in STORED_HEADERS if name in response}
            stored = (content, headers)
            cache().set(key, stored, settings.KYODO_PAGE_CACHE_SECONDS)
            local_pages.set(request._page_cache_generation, key, stored)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_public_request(request):
            return None
        request._page_cache_generation = current = generation()
        request._page_cache_key = key = page_key(request)
        stored = local_pages.get(current, key)
        if stored is None:
            stored = cache().get(key)
            if stored is None:
                return None
            local_pages.set(current, key, stored)
        request._page_cache_key = None  # already stored
        content, headers = stored
        if CSRF_MARKER in content:
            content = content.replace(CSRF_MARKER, get_token(request))
        response = HttpResponse(content, headers=headers)
        response["X-Kyodo-Cache"] = "hit"
        return response


def _changed(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in DOMAIN_APPS and meta.label_lower not in IGNORED_MODELS:
        invalidate_now_and_on_commit()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"kyodo-pagecache-{signal!r}")



# Stores that one process (local memory) or one machine (a file) keeps to itself.
MACHINE_LOCAL_BACKENDS = frozenset({
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
})


@checks.register(checks.Tags.caches, deploy=True)
def check_generation_store(app_configs, **kwargs):
    backend = settings.CACHES[settings.KYODO_GENERATION_CACHE_ALIAS]["BACKEND"]
    if backend not in MACHINE_LOCAL_BACKENDS or settings.KYODO_GENERATION_CACHE_EXPLICIT:
        return []
    return [checks.Warning(
        f"The page cache's generation is kept by {backend.rsplit('.', 1)[1]}, which is not "
        "shared between machines: with several application machines, a change made on one "
        "would not reach the cached pages of the others.",
        hint="With several machines, set KYODO_GENERATION_CACHE_URL (or CACHE_URL) to a shared "
             "Redis or memcached; with one, confirm the file with "
             "KYODO_GENERATION_CACHE_URL=filecache:///srv/kyodo/var/generation "
             "(docs/operations.md).",
        id="kyodo.W001",
    )]
