"""A visitor who takes a wrong turn gets a Japanese page in the site's frame, with a way back
(404), and a signed-in resident who opens a staff screen is told why not (403); both pass axe."""

from pathlib import Path

from .conftest import ARTIFACTS, assert_no_axe_violations, assert_no_horizontal_scroll, sign_in_directly


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(Path(ARTIFACTS) / f"error-{name}.png"), full_page=True)


def test_a_mistyped_address_is_a_japanese_404_with_a_way_back(page, phone_page, url, demo_world):
    for current, width in ((page, "1280"), (phone_page, "390")):
        response = current.goto(url("/org/sapporo/plans/99999999999999999999/"))
        assert response.status == 404
        assert current.locator("html").get_attribute("lang") == "ja"
        assert current.title() == "ページが見つかりません | Kyodo 協働ポータル"
        assert current.get_by_role("heading", level=1).inner_text() == "お探しのページが見つかりません"
        assert_no_axe_violations(current)
        assert_no_horizontal_scroll(current)
        _shot(current, f"404-{width}")
    page.get_by_role("link", name="Kyodo 協働ポータルのトップページ").click()
    assert page.url == url("/")


def test_a_resident_on_a_staff_screen_gets_a_japanese_403(page, url, demo_world):
    sign_in_directly(page, url(""), "citizen@example.jp")
    response = page.goto(url("/org/sapporo/manage/"))
    assert response.status == 403
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("heading", level=1).inner_text() == "この操作はできません"
    assert page.locator(".site-header").is_visible()
    assert_no_axe_violations(page)
    _shot(page, "403-1280")


def test_the_english_404_is_in_english(page, url, demo_world):
    response = page.goto(url("/en/org/sapporo/no-such-page/"))
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "The page you are looking for cannot be found"
    assert_no_axe_violations(page)
