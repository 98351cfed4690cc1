"""Settings every test shares."""

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache; each test starts with none, and with no role
    assignments kept from another test's (rolled-back) people."""
    from django.core.cache import cache

    from kyodo.core.rules import kept_roles

    cache.clear()
    kept_roles.clear()
    yield
    cache.clear()


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries):
    """Counts the queries of *rendering* a page, never of serving an anonymous visitor's stored
    copy (kyodo/core/pagecache.py, whose own tests count those): a query-count test that grows
    its data with bulk writes, which send no signals, would otherwise measure a cache hit and
    pass whatever the page does."""
    from contextlib import contextmanager

    from django.test.utils import override_settings

    @contextmanager
    def rendering(num, *args, **kwargs):
        with override_settings(KYODO_PAGE_CACHE_SECONDS=0), \
                django_assert_max_num_queries(num, *args, **kwargs) as captured:
            yield captured

    return rendering
