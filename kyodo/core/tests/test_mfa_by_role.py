"""A second factor by role, not by URL (issue 13 item 2).

Every staff role and the platform admin must set up TOTP before using the site signed in. The
pages are discovered from the URL resolver, so a module added later is covered without touching
this test: a staff member without TOTP who opens any of its pages — staff screens first of all —
is sent to set it up before the view runs.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kyodo.core.middleware import is_open

from .factories import DepartmentFactory, UserFactory, enable_totp, grant

STAFF = ["org_admin", "coordinator", "reception_desk", "department_staff"]
SETUP = "/accounts/2fa/totp/activate/"
# Staff screens are the ones under a manage or workspace segment, or in the platform's namespace.
STAFF_SCREEN = re.compile(r"(^|/)(manage|workspace)/")
STAFF_NAMESPACES = {"manage", "platform"}


def site_pages(resolver=None, route="", namespaces=()):
    """(route, namespaces, pattern) for every page of the site, API excluded."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            here = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from site_pages(entry, route + str(entry.pattern), here)
        elif isinstance(entry, URLPattern):
            yield route + str(entry.pattern), namespaces, entry


def is_staff_screen(route, namespaces):
    return bool(STAFF_SCREEN.search(route)) or bool(STAFF_NAMESPACES & set(namespaces))


def fill(route, organisation):
    """A concrete address for a route: the organisation's slug, and any value elsewhere — the
    redirect comes before the view, so the object need not exist."""
    values = {"slug": organisation.slug, "id": "1", "fy": "2026", "int": "1"}

    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if converter == "slug" and name != "slug":
            return "csv"
        return values.get(converter if converter != "slug" else name, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def pages(organisation, staff_only):
    """Addresses of the site's pages (API excluded) that the second factor guards."""
    found = []
    for route, namespaces, pattern in site_pages():
        if route.startswith("api/") or is_open(pattern.name, pattern.callback):
            continue
        if not staff_only or is_staff_screen(route, namespaces):
            found.append(fill(route, organisation))
    return found


@pytest.fixture
def without_totp(sapporo, sapporo_department):
    def make(role):
        user = UserFactory()
        grant(user, role, sapporo, None if role == "org_admin" else sapporo_department, totp=False)
        return user
    return make


def test_the_discovery_finds_each_modules_staff_screens(sapporo):
    screens = pages(sapporo, staff_only=True)
    for prefix in ("/org/sapporo/manage/", "/platform/", "/org/sapporo/plans/manage/",
                   "/org/sapporo/councils/workspace/", "/org/sapporo/lectures/manage/",
                   "/org/sapporo/collaboration/manage/", "/org/sapporo/events/manage/",
                   "/org/sapporo/fund/manage/", "/org/sapporo/proposals/manage/",
                   "/org/sapporo/public-comments/manage/", "/org/sapporo/surveys/manage/"):
        assert any(url.startswith(prefix) for url in screens), prefix
    assert len(screens) > 60


@pytest.mark.parametrize("role", STAFF)
def test_staff_without_totp_are_sent_to_set_it_up_from_every_staff_screen(
        client, role, without_totp, sapporo):
    """Every page, posted to as well: staff actions also live outside manage/ and workspace/
    (desks/staff/, proposals' consult, decide and score, a collaboration evaluation's publish)."""
    client.force_login(without_totp(role))
    screens = pages(sapporo, staff_only=False)
    assert {"/org/sapporo/desks/staff/", "/org/sapporo/proposals/proposal/1/decide/"} <= set(screens)
    for url in screens:
        for method in (client.get, client.post):
            response = method(url)
            assert (response.status_code, response.get("Location")) == (302, SETUP), url


def test_platform_admin_without_totp_is_sent_to_set_it_up(client, sapporo):
    user = UserFactory()
    grant(user, "platform_admin", totp=False)
    client.force_login(user)
    for url in ("/platform/organisations/", "/org/sapporo/manage/", "/"):
        assert client.get(url)["Location"] == SETUP, url


def test_every_other_page_sends_them_too(client, without_totp, sapporo):
    """Public pages included: a staff account without a second factor does not browse signed in."""
    client.force_login(without_totp("reception_desk"))
    public = [url for url in pages(sapporo, staff_only=False) if url not in
              pages(sapporo, staff_only=True)]
    assert "/" in public and "/my/" in public and "/org/sapporo/lectures/" in public
    for url in public:
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, SETUP), url


def test_the_way_to_set_it_up_or_leave_stays_open(client, without_totp):
    client.force_login(without_totp("coordinator"))
    assert client.get(SETUP).get("Location", "") != SETUP
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("account_change_password")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.get("/static/kyodo/css/site.css").status_code == 200
    client.post(reverse("account_logout"))
    assert client.get("/org/sapporo/lectures/manage/").status_code == 302  # to the login now


def test_the_set_up_page_says_why_in_japanese_once(client, without_totp):
    client.force_login(without_totp("department_staff"))
    client.get("/my/")  # where the login leads: sent on, the warning waits
    response = client.get("/org/sapporo/lectures/manage/", follow=True)
    assert response.content.decode().count("二段階認証(認証アプリ)の設定が必要です") == 1


def test_an_htmx_request_reloads_the_whole_page_to_the_set_up(client, without_totp):
    client.force_login(without_totp("department_staff"))
    response = client.get("/org/sapporo/lectures/manage/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == SETUP


@pytest.mark.parametrize("role", STAFF)
def test_their_api_calls_are_refused_in_japanese(client, role, without_totp):
    client.force_login(without_totp(role))
    for url in ("/api/v1/organisations", "/api/v1/organisations/sapporo", "/api/openapi.json"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "二段階認証" in response.json()["detail"]


def api_operations():
    """(method, address) of every operation of the API's OpenAPI document, parameters filled:
    a module's API added later is checked without touching this test."""
    from kyodo.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [(method.upper(), re.sub(r"\{(\w+)\}", lambda m: "sapporo" if m[1] == "slug" else "1", path))
            for path, methods in schema["paths"].items() for method in methods]


def test_every_api_operation_is_refused_without_the_second_factor(client, without_totp):
    operations = api_operations()
    assert len(operations) > 40 and any("/events" in url for _method, url in operations)
    client.force_login(without_totp("org_admin"))
    for method, url in operations:
        response = getattr(client, method.lower())(url)
        assert response.status_code == 403, (method, url)
        assert response.json()["code"] == "forbidden" and "二段階認証" in response.json()["message"]


def test_once_totp_is_set_up_everything_opens(client, without_totp):
    user = without_totp("org_admin")
    enable_totp(user)
    client.force_login(user)
    assert client.get("/org/sapporo/manage/").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/organisations").status_code == 200


def test_people_without_a_staff_role_need_no_second_factor(client, sapporo):
    member, reviewer = UserFactory(), UserFactory()
    grant(member, "council_member", sapporo)
    grant(reviewer, "reviewer", sapporo)
    for user in (UserFactory(), member, reviewer):
        client.force_login(user)
        assert client.get("/").status_code == 200
        assert client.get("/my/").status_code == 200
        assert client.get("/api/v1/organisations").status_code == 200


def test_a_role_in_another_organisation_counts_too(client, hokkaido):
    """The second factor protects the account, wherever its staff role is held."""
    user = UserFactory()
    grant(user, "coordinator", hokkaido, DepartmentFactory(organisation=hokkaido), totp=False)
    client.force_login(user)
    assert client.get("/org/sapporo/")["Location"] == SETUP
