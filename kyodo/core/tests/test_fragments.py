"""Shared fragments: rendered once per content version, the same for everyone, never stale."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, RequestContext, Template
from django.test import RequestFactory, override_settings
from django.utils import translation

from kyodo.core import pagecache
from kyodo.core.models import Organisation

TEMPLATE = Template(
    '{% load fragments %}<p>{{ greeting }}</p>'
    '{% shared_fragment "test:names" year %}'
    '{% for organisation in organisations %}{{ organisation.name }};{% endfor %}'
    '{% endshared_fragment %}')


class Counter:
    """A lazy list that counts how often the template asked for it."""

    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return list(Organisation.objects.order_by("pk"))


def render(path="/org/x/", year=2026, greeting="", request=None, organisations=None):
    request = request or RequestFactory().get(path)
    return TEMPLATE.render(Context({"request": request, "year": year, "greeting": greeting,
                                    "organisations": organisations}))


@pytest.fixture
def organisations(sapporo):
    return Counter()


def test_rendered_once_and_shared_between_people(organisations):
    first = render(greeting="山田さん", organisations=organisations)
    second = render(greeting="ゲスト", organisations=organisations)
    assert "札幌市;" in first and "札幌市;" in second
    assert "山田さん" in first and "ゲスト" in second  # the per-person part, outside, is not shared
    assert organisations.calls == 1


def test_a_write_is_visible_at_once(organisations, sapporo):
    render(organisations=organisations)
    Organisation.objects.filter(pk=sapporo.pk).update(name="さっぽろ市")
    assert "札幌市;" in render(organisations=organisations)  # bulk update: no signal yet
    pagecache.invalidate()  # what every save, delete and staff write does
    assert "さっぽろ市;" in render(organisations=organisations)
    sapporo.refresh_from_db()
    sapporo.name = "札幌市"
    sapporo.save()  # a save moves the generation on by itself
    assert "札幌市;" in render(organisations=organisations)
    assert organisations.calls == 3


def test_kept_apart_by_path_query_language_and_arguments(organisations):
    render(organisations=organisations)
    render(path="/org/y/", organisations=organisations)
    render(path="/org/x/?page=2", organisations=organisations)
    render(year=2025, organisations=organisations)
    with translation.override("en"):
        render(organisations=organisations)
    assert organisations.calls == 5
    render(organisations=organisations)
    assert organisations.calls == 5


def test_a_form_inside_gets_each_visitors_csrf_token(sapporo):
    template = Template('{% load fragments %}{% shared_fragment "test:form" %}'
                        '<form method="post">{% csrf_token %}</form>{% endshared_fragment %}')
    secrets = []
    for _visitor in range(2):
        request = RequestFactory().get("/org/x/")
        html = template.render(RequestContext(request, {"request": request}))
        assert pagecache.CSRF_MARKER not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html).group(1)
        # the token in the shared fragment is this visitor's own
        assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
        secrets.append(request.META["CSRF_COOKIE"])
    assert secrets[0] != secrets[1]


@override_settings(KYODO_PAGE_CACHE_SECONDS=0)
def test_off_with_the_page_cache(organisations):
    render(organisations=organisations)
    render(organisations=organisations)
    assert organisations.calls == 2
