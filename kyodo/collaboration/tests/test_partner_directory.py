"""The public partner directory: search, filters, public contact only, constant queries."""

import datetime

import pytest

from kyodo.collaboration.models import Partner

from .builders import bulk_partners

URL = "/org/hokkaido/collaboration/partners/"
VERIFIED = datetime.datetime(2005, 4, 1, tzinfo=datetime.UTC)


@pytest.fixture
def unverified(hokkaido):
    return Partner.objects.create(organisation=hokkaido, name="未確認の会", partner_type="voluntary")


def test_lists_verified_partners_only(client, partner, unverified):
    page = client.get(URL).content.decode()
    assert "NPO法人 北の森づくり" in page
    assert "未確認の会" not in page


def test_filters_by_field_type_area_and_keyword(client, partner, other_partner):
    assert "北の森づくり" in client.get(URL, {"field": "environment"}).content.decode()
    assert "北の森づくり" not in client.get(URL, {"field": "children"}).content.decode()
    page = client.get(URL, {"partner_type": "neighbourhood"}).content.decode()
    assert "町内会連合会" in page and "北の森づくり" not in page
    assert "北の森づくり" in client.get(URL, {"q": "森林"}).content.decode()
    assert "北の森づくり" in client.get(URL, {"area": "石狩"}).content.decode()


def test_htmx_request_gets_only_the_results(client, partner):
    response = client.get(URL, {"q": "森"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="partner-results"' in body and "<html" not in body


def test_partner_page_shows_public_contact_only(client, partner):
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "mori@example.org" in page            # published by the partner
    assert "011-000-0000" not in page            # phone kept private
    assert "森 太郎" not in page                 # contact person kept private


def test_unverified_partner_page_is_not_public(client, unverified):
    assert client.get(unverified.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("count", [5, 60])
def test_directory_query_count_is_constant(client, hokkaido, count, django_assert_max_num_queries):
    bulk_partners(hokkaido, count, verified_at=VERIFIED)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200
