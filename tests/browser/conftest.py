"""Playwright in Debian's Chromium against pytest-django's live server.

The browser is started once per test process. Pages get a fresh context each test. axe-core
(vendored, 4.11.1) is injected into the page for accessibility checks; the context is created
with ``bypass_csp`` only so that this test-only script can run under the site's strict CSP —
the site's own pages load no inline script.
"""

import os
import time
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop; Django's ORM is used from the same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KYODO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DEMO_PASSWORD = "kyodo-demo-2026"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser, **options):
    context = browser.new_context(locale="ja-JP", timezone_id="Asia/Tokyo", bypass_csp=True,
                                  **options)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser, request):
    context = _context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    _save_screenshot_on_failure(request, page)
    context.close()


@pytest.fixture
def phone_page(browser, request):
    context = _context(browser, viewport={"width": 390, "height": 844}, is_mobile=True,
                       has_touch=True, device_scale_factor=2)
    page = context.new_page()
    yield page
    _save_screenshot_on_failure(request, page)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _save_screenshot_on_failure(request, page):
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.nodeid.replace("/", "_").replace("::", "__")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def demo_world(transactional_db):
    from kyodo.core.demo import loader

    return loader.load()


@pytest.fixture
def plan_item(demo_world):
    """The plans journeys' item 4-9 of 市役所改革プラン, with one indicator and its FY2006 target."""
    from kyodo.plans import demo
    from kyodo.plans.models import ActionItem, Indicator, IndicatorTarget, Plan

    demo.load(demo_world)
    plan = Plan.objects.get(title="市役所改革プラン")
    department = demo_world["departments"][("札幌市", ("総務局", "情報化推進部", "情報システム課"))]
    item = ActionItem.objects.create(plan=plan, theme=plan.themes.get(number=4), code="4-9",
                                     title="電子申請の対象手続の拡大", status="not_started")
    item.departments.set([department])
    indicator = Indicator.objects.create(item=item, name="電子申請できる手続の数", unit="件")
    IndicatorTarget.objects.create(indicator=indicator, fiscal_year=2006, value=200)
    return item


@pytest.fixture
def url(live_server):
    return lambda path: f"{live_server.url}{path}"


def totp_code(secret, offset=0):
    """The authenticator app's code for now (``offset`` windows of 30 seconds away)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def needs_totp(email):
    from kyodo.core.models import User
    from kyodo.core.rules import needs_mfa

    return needs_mfa(User.objects.get(email=email))


def log_in(page, base_url, email, password=DEMO_PASSWORD, *, totp=True):
    """Log in through the real form. Staff and platform admins must use a second factor
    (kyodo/core/middleware.py), so they are onboarded first — given a new authenticator — and
    enter its code; ``totp=False`` stops after the password (for tests of the set-up itself)."""
    from kyodo.core.models import User
    from kyodo.core.tests.factories import enable_totp

    secret = None
    if totp and needs_totp(email):
        secret = enable_totp(User.objects.get(email=email))
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(password)
    page.get_by_role("button", name="ログイン").click()
    if secret:
        page.wait_for_url(f"{base_url}/accounts/2fa/authenticate/")
        page.locator("input[name=code]").fill(totp_code(secret))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
        page.wait_for_url(lambda address: "/accounts/2fa/" not in address)


def sign_in_directly(page, base_url, email):
    """Give the page's browser a session for ``email`` without the login form (for tests of
    the pages behind it; the form itself is tested in test_login.py). Staff and platform
    admins are given an authenticator first, as a fully onboarded member would have."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled
    from django.test import Client

    from kyodo.core.models import User
    from kyodo.core.tests.factories import enable_totp

    user = User.objects.get(email=email)
    if needs_totp(email) and not is_mfa_enabled(user, [Authenticator.Type.TOTP]):
        enable_totp(user)
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": "sessionid", "value": client.cookies["sessionid"].value, "url": f"{base_url}/",
    }])


def assert_no_horizontal_scroll(page):
    # A click that follows a link returns once navigation starts; measure the new page, not
    # the document being torn down (whose documentElement can already be gone).
    page.wait_for_load_state()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def assert_no_axe_violations(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; fail listing every violation."""
    page.wait_for_load_state()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    violations = result["violations"]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    "
        + "\n    ".join(", ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n{details}"
