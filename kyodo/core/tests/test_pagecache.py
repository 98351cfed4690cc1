"""Anonymous visitors get public pages from the cache, and never a page older than a write."""

import re
from pathlib import Path
import sys

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.test import Client

from kyodo.core import pagecache
from kyodo.core.models import Department, Organisation

from .factories import DepartmentFactory, UserFactory, grant

HOME = "/org/sapporo/"


def cached(response):
    return response.get("X-Kyodo-Cache") == "hit"


def without_csrf_token(response):
    return pagecache.CSRF_INPUT.sub("", response.content.decode())


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
        client, sapporo_department, django_assert_num_queries):
    first = client.get(HOME)
    assert first.status_code == 200 and not cached(first)
    with django_assert_num_queries(0):
        second = client.get(HOME)
    assert cached(second)
    assert second.content.decode().count("広報課") == first.content.decode().count("広報課")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Content-Language"] == "ja"


def test_languages_are_cached_apart(client, sapporo):
    client.get(HOME)
    english = client.get("/en" + HOME)
    assert not cached(english) and english["Content-Language"] == "en"


def test_a_saved_department_is_on_the_page_at_once(client, sapporo):
    client.get(HOME)
    DepartmentFactory(organisation=sapporo, name="新設された課")
    response = client.get(HOME)
    assert not cached(response) and "新設された課" in response.content.decode()


def test_a_bulk_update_through_a_staff_screen_invalidates(client, sapporo, sapporo_admin):
    """Bulk updates send no signals; the write request itself moves the generation on."""
    client.get(HOME)
    staff = Client()
    staff.force_login(sapporo_admin)
    # Any successful write by a signed-in user: here a harmless profile save.
    Organisation.objects.filter(pk=sapporo.pk).update(name_kana="さっぽろ")  # no signal
    assert cached(client.get(HOME))
    staff.post("/i18n/setlang/", {"language": "ja", "next": "/"})
    assert not cached(client.get(HOME))


def test_a_visitor_with_a_session_or_messages_is_never_served_a_copy(client, sapporo):
    client.get(HOME)
    assert cached(client.get(HOME))
    client.cookies["messages"] = "pending"
    assert not cached(client.get(HOME))


def test_signed_in_users_get_their_own_page(client, sapporo, sapporo_department):
    client.get(HOME)
    user = UserFactory(email="staff@sapporo.example.jp")
    grant(user, "department_staff", sapporo, sapporo_department)
    client.force_login(user)
    response = client.get(HOME)
    assert not cached(response)
    assert "ログアウト" in response.content.decode()


def test_a_cached_form_carries_each_visitors_own_working_csrf_token(sapporo):
    Client().get(HOME)  # someone else renders and stores the page
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(HOME)
    assert cached(page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    assert token != pagecache.CSRF_MARKER and "csrftoken" in page.cookies
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": HOME,
                                              "csrfmiddlewaretoken": token})
    assert switched.status_code == 302 and switched["Location"] == "/en" + HOME


def test_the_read_api_is_cached_and_invalidated(client, sapporo_department):
    url = "/api/v1/organisations"
    client.get(url)
    assert cached(client.get(url))
    Department.objects.filter(pk=sapporo_department.pk).first().save()
    assert not cached(client.get(url))


def test_the_read_api_and_the_catalogue_serve_signed_in_people_the_same_stored_answer(
        client, sapporo, sapporo_department):
    """They carry no header and nobody's data, so a session changes nothing in them."""
    urls = ["/api/v1/organisations", "/api/v1/organisations/sapporo/plans",
            "/open-data/catalog.jsonld", "/feeds/new.atom"]
    staff = UserFactory(email="staff@sapporo.example.jp")
    grant(staff, "department_staff", sapporo, sapporo_department)
    client.force_login(staff)
    anonymous = {url: Client().get(url) for url in urls}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200 and cached(response), url
        assert response.content == anonymous[url].content
    DepartmentFactory(organisation=sapporo)
    assert not cached(client.get("/api/v1/organisations"))  # a write moves it on, as for pages
    assert not cached(client.get(HOME))  # HTML pages stay the signed-in person's own


def test_no_view_served_to_everyone_alike_reads_who_is_asking():
    """What lets the API, the catalogue and the feeds be shared: their code never looks at
    the user."""
    import inspect

    import kyodo
    from django.urls import resolve

    sources = [path for path in Path(kyodo.__file__).parent.glob("*/api*.py")]
    sources += [Path(kyodo.__file__).parent / "api" / "urls.py"]
    for url in ("/open-data/catalog.jsonld", "/org/sapporo/open-data/catalog.jsonld",
                "/feeds/new.atom", "/feeds/plans.atom", "/feeds/follow/plan/1.atom",
                "/org/sapporo/feeds/new.atom", "/org/sapporo/feeds/plans.atom"):
        match = resolve(url)
        assert match.view_name in pagecache.SAME_FOR_EVERYONE_VIEWS
        func = match.func  # a view function, or a Feed instance (read its whole module)
        sources.append(inspect.getsource(
            func if inspect.isfunction(func) else inspect.getmodule(type(func))))
    assert len(sources) > 10
    for source in sources:
        text = source if isinstance(source, str) else source.read_text()
        assert "request.user" not in text and "request.auth" not in text, str(source)[:200]


def test_a_lost_generation_never_revives_old_pages(client, sapporo):
    client.get(HOME)
    pagecache.generation_store().delete(pagecache.GENERATION_KEY)  # evicted
    assert not cached(client.get(HOME))


@pytest.mark.parametrize("path", ["/my/", "/org/sapporo/manage/", "/healthz"])
def test_private_and_operational_pages_are_not_cached(client, sapporo, path):
    client.get(path)
    assert not cached(client.get(path))


def test_a_page_another_worker_stored_is_served_from_the_shared_cache(client, sapporo):
    first = client.get(HOME)
    pagecache.local_pages.clear()  # this worker never saw it
    second = client.get(HOME)
    assert cached(second)
    assert without_csrf_token(second) == without_csrf_token(first)


def test_a_write_in_another_worker_retires_this_workers_own_copies(client, sapporo_department):
    client.get(HOME)
    assert cached(client.get(HOME))
    # Another worker renames the department and moves the shared generation on; nothing of it
    # happens in this process.
    Department.objects.filter(pk=sapporo_department.pk).update(name="別の作業者が改めた課")
    pagecache.generation_store().set(pagecache.GENERATION_KEY, "moved-elsewhere", timeout=None)
    response = client.get(HOME)
    assert not cached(response) and "別の作業者が改めた課" in response.content.decode()


def test_a_workers_own_copies_stay_within_their_memory_budget(settings):
    settings.KYODO_PAGE_CACHE_LOCAL_BYTES = 3 * sys.getsizeof("あ" * 1000)
    pages = pagecache.LocalPages()
    pages.get(1, "page-0")  # the middleware looks a page up before it stores it
    for n in range(5):
        pages.set(1, f"page-{n}", ("あ" * 1000, {}))
        pages.get(1, "page-0")  # the front page stays in use
    assert pages.get(1, "page-0") is not None
    assert [pages.get(1, f"page-{n}") is not None for n in range(1, 5)] == [
        False, False, True, True]
    assert pages.get(2, "page-0") is None  # another generation: nothing of the old one
    assert pages.get(1, "page-0") is None


def test_a_page_rendered_before_a_write_does_not_displace_newer_ones():
    pages = pagecache.LocalPages()
    pages.get(2, "front")
    pages.set(2, "front", ("新しい", {}))
    pages.set(1, "front", ("古い", {}))  # a slow render that began before the write
    assert pages.get(2, "front") == ("新しい", {})


def test_every_cached_view_name_is_a_page_of_the_site():
    """A renamed view would silently stop being cached (or a typo never cache anything)."""
    from django.urls import get_resolver

    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    cached_views = pagecache.PUBLIC_VIEWS | pagecache.SAME_FOR_EVERYONE_VIEWS
    assert cached_views - set(names(get_resolver())) == set()


# --- The generation's own store: shared by every worker of a machine (a file) or of every
# machine (Redis, memcached), read on every hit without a database round trip.

FILE_STORE = "django.core.cache.backends.filebased.FileBasedCache"


@pytest.fixture
def file_generation(settings, tmp_path):
    """The production default with the database cache: the generation in a file on the disk."""
    settings.CACHES = {**settings.CACHES,
                       "generation": {"BACKEND": FILE_STORE, "LOCATION": str(tmp_path)}}
    settings.KYODO_GENERATION_CACHE_ALIAS = "generation"
    return tmp_path


def test_two_workers_on_one_machine_see_each_others_invalidation_at_once(tmp_path):
    # Two processes: each its own cache object on the same directory, its own page copies.
    store_a, store_b = FileBasedCache(str(tmp_path), {}), FileBasedCache(str(tmp_path), {})
    pages_a, pages_b = pagecache.LocalPages(), pagecache.LocalPages()
    first = pagecache.generation(store_a)
    assert pagecache.generation(store_b) == first
    for pages in (pages_a, pages_b):
        pages.get(first, "front")
        pages.set(first, "front", ("公開前", {}))
    pagecache.invalidate(store_b)  # a write in worker B
    moved = pagecache.generation(store_a)
    assert moved != first and moved == pagecache.generation(store_b)
    assert pages_a.get(moved, "front") is None and pages_b.get(moved, "front") is None


def test_a_write_in_another_worker_retires_pages_through_the_file_store(
        client, sapporo_department, file_generation):
    client.get(HOME)
    assert cached(client.get(HOME))
    assert pagecache.generation_store() is not pagecache.cache()
    Department.objects.filter(pk=sapporo_department.pk).update(name="別の作業者が改めた課")
    pagecache.invalidate(FileBasedCache(str(file_generation), {}))  # another process
    response = client.get(HOME)
    assert not cached(response) and "別の作業者が改めた課" in response.content.decode()
    assert cached(client.get(HOME))


def test_a_lost_generation_file_never_revives_old_pages(client, sapporo, file_generation):
    client.get(HOME)
    for path in file_generation.iterdir():
        path.unlink()
    assert not cached(client.get(HOME))


@pytest.mark.parametrize("backend, explicit, warned", [
    (FILE_STORE, False, True),   # the default with the database cache: one machine only
    (FILE_STORE, True, False),   # KYODO_GENERATION_CACHE_URL chosen: the operator knows
    ("django.core.cache.backends.locmem.LocMemCache", False, True),
    ("django.core.cache.backends.redis.RedisCache", False, False),
    ("django.core.cache.backends.memcached.PyMemcacheCache", False, False),
])
def test_deploy_check_warns_when_the_generation_is_not_shared_between_machines(
        settings, backend, explicit, warned):
    settings.CACHES = {**settings.CACHES, "generation": {"BACKEND": backend}}
    settings.KYODO_GENERATION_CACHE_ALIAS = "generation"
    settings.KYODO_GENERATION_CACHE_EXPLICIT = explicit
    messages = pagecache.check_generation_store(None)
    assert [m.id for m in messages] == (["kyodo.W001"] if warned else [])


def test_the_benchmarks_signed_in_session_is_a_residents_and_bypasses_the_cache(
        client, sapporo, settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    client.get(HOME)
    out = StringIO()
    call_command("bench_session", stdout=out)
    client.cookies[settings.SESSION_COOKIE_NAME] = out.getvalue().strip()
    assert client.get("/my/").status_code == 200  # signed in, no second factor asked
    response = client.get(HOME)
    assert not cached(response) and "ログアウト" in response.content.decode()
    call_command("bench_session", stdout=StringIO())  # the account is reused
    settings.PRODUCTION, settings.KYODO_BENCH_HELLO = True, False
    with pytest.raises(CommandError, match="KYODO_BENCH_HELLO"):
        call_command("bench_session")
