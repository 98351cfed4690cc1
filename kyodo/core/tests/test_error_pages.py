"""Error pages speak Japanese (English under /en/) inside the site's frame, with a way back."""

import pytest
from django.test import Client

from .factories import UserFactory

pytestmark = pytest.mark.urls("kyodo.core.tests.urls_errors")


@pytest.fixture
def visitor(db):
    return Client(raise_request_exception=False)


def page(response):
    return response.content.decode()


def test_unknown_address_is_a_japanese_404_in_the_frame(visitor):
    response = visitor.get("/org/sapporo/no-such-page/")
    html = page(response)
    assert response.status_code == 404
    assert '<html lang="ja">' in html
    assert "<title>ページが見つかりません | Kyodo 協働ポータル</title>" in html
    assert "お探しのページが見つかりません" in html
    assert 'class="site-header"' in html and 'href="/"' in html  # the frame and a way back


def test_under_en_the_404_is_english(visitor):
    response = visitor.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in page(response)
    assert "Page not found" in page(response) or "page you are looking for" in page(response)


def test_an_id_too_large_for_the_database_is_a_404_not_a_500(visitor):
    response = visitor.get("/org/sapporo/collaboration/reports/99999999999999999999/")
    assert response.status_code == 404


def test_403_shows_the_reason_the_action_gave(visitor):
    response = visitor.get("/test-errors/refuse/")
    html = page(response)
    assert response.status_code == 403
    assert "この操作はできません" in html
    assert "この申込は担当課の職員だけが処理できます。" in html
    assert "ログインする" in html  # an anonymous visitor is offered the login


def test_400_says_which_value_could_not_be_read(visitor):
    response = visitor.get("/test-errors/unreadable/")
    html = page(response)
    assert response.status_code == 400
    assert "入力を読み取れませんでした" in html
    assert "年は1900年から2100年の間で入力してください。" in html


def test_500_is_a_japanese_apology_in_the_frame(visitor):
    response = visitor.get("/test-errors/broken/")
    html = page(response)
    assert response.status_code == 500
    assert "エラーが発生しました" in html and 'class="site-header"' in html
    assert "RuntimeError" not in html and "a bug" not in html


def test_database_outage_is_a_503_maintenance_page(visitor):
    response = visitor.get("/test-errors/database-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "ただいま一時的にご利用いただけません" in page(response)
    assert "connection refused" not in page(response)


def test_refused_form_token_is_a_japanese_page(db):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/accounts/login/", {"login": "a@example.jp", "password": "x"})
    assert response.status_code == 403
    assert "送信を受け付けられませんでした" in page(response)


def test_a_page_without_a_title_is_titled_with_the_site_name_alone(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.template import RequestContext, Template

    request = rf.get("/")
    request.user = AnonymousUser()
    html = Template('{% extends "base.html" %}').render(RequestContext(request, {}))
    assert "<title>Kyodo 協働ポータル</title>" in html


def test_a_page_with_a_title_separates_it_from_the_site_name(visitor):
    html = page(visitor.get("/accounts/login/"))
    assert " | Kyodo 協働ポータル</title>" in html
    assert "<title> |" not in html


def test_pages_for_a_signed_in_person_are_not_stored_by_caches(db):
    person = Client()
    person.force_login(UserFactory())
    response = person.get("/my/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_public_pages_for_visitors_stay_cacheable(visitor):
    response = visitor.get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_form_shown_again_with_what_a_visitor_typed_is_not_stored(visitor):
    """A refused public form carries the name and phone typed into it, signed in or not."""
    refused = visitor.post("/test-errors/refused-form/", {"phone": "011-211-2111"})
    assert refused.status_code == 400 and "011-211-2111" in page(refused)
    assert "no-store" in refused["Cache-Control"] and "private" in refused["Cache-Control"]
    empty = visitor.get("/test-errors/refused-form/")
    assert "no-store" not in empty.get("Cache-Control", "")


def test_a_404_inside_an_organisation_links_back_to_its_home(visitor):
    from .factories import OrganisationFactory, PrefectureFactory

    OrganisationFactory(name="札幌市", slug="sapporo", local_government_code="011002",
                        prefecture=PrefectureFactory())
    html = page(visitor.get("/org/sapporo/lectures/themes/99999999999999999999/"))
    assert 'href="/org/sapporo/"' in html and "札幌市のトップページ" in html
