"""団体一覧 (/organisations/): every organisation, a page at a time, found by name or reading —
the portal itself shows only each prefecture's main municipalities."""

import pytest

from kyodo.core.tests.factories import OrganisationFactory
from kyodo.portal.queries import DIRECTORY_PAGE

pytestmark = pytest.mark.django_db


def test_every_organisation_is_reachable_from_the_directory(client, hokkaido):
    created = [OrganisationFactory(prefecture=hokkaido) for _ in range(DIRECTORY_PAGE + 5)]
    first = client.get("/organisations/").content.decode()
    second = client.get("/organisations/?page=2").content.decode()
    assert f"{DIRECTORY_PAGE + 6}団体" in first and 'rel="next"' in first
    for organisation in [hokkaido, *created]:
        assert f'href="/org/{organisation.slug}/"' in first + second, organisation.slug


def test_the_directory_finds_an_organisation_by_its_name_or_reading(client, hokkaido):
    OrganisationFactory(prefecture=hokkaido, name="根室市", name_kana="ねむろし", slug="nemuro")
    OrganisationFactory(prefecture=hokkaido, name="旭川市", name_kana="あさひかわし", slug="asahikawa")
    for text in ("根室", "ねむろ"):
        html = client.get("/organisations/", {"q": text}).content.decode()
        assert 'href="/org/nemuro/"' in html and 'href="/org/asahikawa/"' not in html
    assert "該当する団体はありません" in client.get("/organisations/", {"q": "存在しない"}).content.decode()


def test_a_bad_page_number_is_a_400(client, hokkaido):
    assert client.get("/organisations/?page=abc").status_code == 400


@pytest.mark.parametrize("count", [3, 90])
def test_the_directory_runs_the_same_queries_at_two_sizes(client, hokkaido, count,
                                                          django_assert_max_num_queries):
    for _ in range(count):
        OrganisationFactory(prefecture=hokkaido)
    with django_assert_max_num_queries(2):
        assert client.get("/organisations/?page=1").status_code == 200


def test_the_footer_links_the_directory(client, hokkaido):
    assert 'href="/organisations/"' in client.get("/").content.decode()


@pytest.mark.parametrize("query", [
    "?page=0", "?page=9999999999999999999999999", "?page=１２", "?q=%00", "?q=" + "あ" * 600,
    "?q=%27%22%3B--%20%2A", "?page=-1&q=札幌", "?q=🎌",
])
def test_no_query_string_makes_the_directory_fail(client, hokkaido, query):
    assert client.get("/organisations/" + query).status_code in (200, 400)
