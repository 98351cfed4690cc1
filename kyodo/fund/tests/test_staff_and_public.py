"""Staff screens (a grant added, refused above the cap with the message next to the field,
donations and donors), what the public sees (donors only with consent), the partner page's
section, and the read API."""

import pytest

from kyodo.core.tests.factories import UserFactory, grant as grant_role
from kyodo.fund import actions
from kyodo.fund.models import DonationYear, Donor, Grant

pytestmark = pytest.mark.django_db


def test_the_coordinator_adds_a_grant_through_the_screen(client, coordinator, fund, round_2003, general, partner):
    client.force_login(coordinator)
    url = f"/org/hokkaido/fund/manage/{fund.pk}/grants/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"round": round_2003.pk, "category": general.pk, "group_name": partner.name,
                                 "partner": partner.pk, "title": "森の学校", "field": "environment",
                                 "area": "石狩管内", "amount": "３００，０００"})
    grant = Grant.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/org/hokkaido/fund/grants/{grant.pk}/"
    assert (grant.amount, grant.fiscal_year, grant.partner) == (300_000, 2003, partner)


def test_a_grant_above_the_cap_is_refused_next_to_the_amount(client, coordinator, fund, round_2003, startup):
    client.force_login(coordinator)
    response = client.post(f"/org/hokkaido/fund/manage/{fund.pk}/grants/new/", {
        "round": round_2003.pk, "category": startup.pk, "group_name": "新しい会", "title": "立ち上げ",
        "field": "children", "area": "札幌市", "amount": "250000"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_amount_error"' in page and "上限額 200,000円" in page
    assert not Grant.objects.exists()


def test_department_staff_cannot_open_the_fund_screens(client, hokkaido, hokkaido_department, fund):
    user = UserFactory()
    grant_role(user, "department_staff", hokkaido, hokkaido_department)
    client.force_login(user)
    assert client.get("/org/hokkaido/fund/manage/").status_code == 403
    assert client.get(f"/org/hokkaido/fund/manage/{fund.pk}/grants/new/").status_code == 403


def test_donors_are_public_only_with_consent(client, coordinator, fund):
    client.force_login(coordinator)
    url = f"/org/hokkaido/fund/manage/{fund.pk}/donations/"
    client.post(url, {"action": "year", "year-fiscal_year": "平成15年度", "year-count": "12",
                      "year-amount": "1,200,000"})
    year = DonationYear.objects.get()
    assert (year.fiscal_year, year.count, year.amount) == (2003, 12, 1_200_000)
    client.post(url, {"action": "donor", "donation_year": year.pk, "donor-name": "株式会社 北の大地製菓",
                      "donor-name_public": "on"})
    client.post(url, {"action": "donor", "donation_year": year.pk, "donor-name": "山田 花子"})
    assert Donor.objects.count() == 2
    client.logout()
    page = client.get(f"/org/hokkaido/fund/{fund.pk}/").content.decode()
    assert "株式会社 北の大地製菓" in page and "山田 花子" not in page and "1,200,000円" in page


def test_a_year_entered_again_replaces_its_totals(client, coordinator, fund):
    client.force_login(coordinator)
    url = f"/org/hokkaido/fund/manage/{fund.pk}/donations/"
    for count in ("10", "11"):
        client.post(url, {"action": "year", "year-fiscal_year": "2003", "year-count": count, "year-amount": "5000"})
    assert list(DonationYear.objects.values_list("count", flat=True)) == [11]


def test_the_partner_page_lists_the_grants_it_received(client, coordinator, round_2003, general, partner):
    actions.save_grant(coordinator, Grant(round=round_2003, category=general, group_name=partner.name,
                                          partner=partner, title="森の学校", field="environment",
                                          area="石狩管内", amount=300_000))
    page = client.get(f"/org/hokkaido/collaboration/partners/{partner.pk}/").content.decode()
    assert "市民活動ファンドの助成" in page and "森の学校" in page and "300,000円" in page


def test_the_api_lists_and_filters_grants(client, coordinator, round_2003, general, partner):
    grant = actions.save_grant(coordinator, Grant(round=round_2003, category=general, group_name=partner.name,
                                                  partner=partner, title="森の学校", field="environment",
                                                  area="石狩管内", amount=300_000))
    body = client.get("/api/v1/organisations/hokkaido/fund/grants?year=2003&field=environment").json()
    assert body["count"] == 1 and body["items"][0]["title"] == "森の学校"
    assert body["items"][0]["partner_id"] == partner.pk and body["items"][0]["fiscal_year"] == 2003
    assert client.get("/api/v1/organisations/hokkaido/fund/grants?year=2004").json()["count"] == 0
    assert client.get("/api/v1/organisations/hokkaido/fund/grants?amount_min=-1").status_code == 422
    assert client.get("/api/v1/organisations/hokkaido/fund/grants?year=99999").status_code == 422
    one = client.get(f"/api/v1/fund/grants/{grant.pk}").json()
    assert one["amount"] == 300_000 and one["url"] == f"/org/hokkaido/fund/grants/{grant.pk}/"
    assert client.get("/api/v1/fund/grants/99999999999").status_code == 404


def test_the_providers_give_public_grants(coordinator, round_2003, general, partner):
    from kyodo.core import modules

    actions.save_grant(coordinator, Grant(round=round_2003, category=general, group_name=partner.name,
                                          title="森の学校", field="environment", area="石狩管内", amount=1))
    docs = [d for s in modules.search_sources() if s.name == "fund.grant" for d in s.documents(None)]
    assert [d.title for d in docs] == [f"森の学校({partner.name})"]
    dataset = next(d for d in modules.datasets() if d.name == "fund.grants")
    assert dataset.rows(None) == {round_2003.fund.organisation_id: 1}
    assert [t[0] for t in modules.bench_targets() if t[0].startswith("fund.")] == ["fund.grants", "fund.api"]
