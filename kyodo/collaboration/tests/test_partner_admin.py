"""The coordinator's partner screens: the staff list, registering and correcting a partner."""

import datetime

import pytest

from kyodo.collaboration.models import Partner, PartnerMember
from kyodo.core.models import AuditEntry
from kyodo.core.tests.factories import UserFactory

from .builders import bulk_partners

BASE = "/org/hokkaido/collaboration/manage/partners/"


def profile(**changes):
    data = {"name": "NPO法人 川の学校", "name_kana": "かわのがっこう", "partner_type": "npo",
            "fields_": ["environment", "children"], "area": "札幌市", "description": "川の自然体験",
            "website": "https://kawa.example.org/", "founded_year": "2001",
            "contact_name": "川村 花子", "phone": "011-111-1111", "phone_public": "on",
            "email": "info@kawa.example.org"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def unverified(hokkaido):
    return Partner.objects.create(organisation=hokkaido, name="未確認の会", name_kana="みかくにん",
                                  partner_type="voluntary")


def test_the_list_shows_every_partner_with_its_state(client, coordinator, partner, unverified):
    client.force_login(coordinator)
    page = client.get(BASE).content.decode()
    assert "NPO法人 北の森づくり" in page and "未確認の会" in page
    assert "確認済" in page and "未確認" in page


def test_the_list_searches_by_name_and_filters_by_type_and_verification(
        client, coordinator, partner, other_partner, unverified):
    client.force_login(coordinator)
    page = client.get(BASE, {"q": "森"}).content.decode()
    assert "北の森づくり" in page and "町内会連合会" not in page
    page = client.get(BASE, {"partner_type": "neighbourhood"}).content.decode()
    assert "町内会連合会" in page and "北の森づくり" not in page
    page = client.get(BASE, {"verified": "no"}).content.decode()
    assert "未確認の会" in page and "北の森づくり" not in page
    page = client.get(BASE, {"verified": "yes"}).content.decode()
    assert "未確認の会" not in page and "北の森づくり" in page


def test_htmx_filter_gets_only_the_results(client, coordinator, partner):
    client.force_login(coordinator)
    body = client.get(BASE, {"q": "森"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="staff-partner-results"' in body and "<html" not in body


def test_the_coordinator_registers_a_partner_which_is_listed_at_once(client, coordinator):
    client.force_login(coordinator)
    response = client.post(BASE + "new/", profile())
    partner = Partner.objects.get(name="NPO法人 川の学校")
    assert response.status_code == 302 and response["Location"] == f"{BASE}{partner.pk}/"
    assert partner.is_listed and partner.verified_by == coordinator
    assert sorted(partner.fields.values_list("field", flat=True)) == ["children", "environment"]
    assert partner.phone_public and not partner.email_public and partner.founded_year == 2001
    entry = AuditEntry.objects.get_for_object(partner).get()
    assert entry.actor == coordinator
    # …and the public sees the published contact only.
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "011-111-1111" in page and "info@kawa.example.org" not in page


@pytest.mark.parametrize("changes, field, message", [
    ({"name": ""}, "name", "このフィールドは必須です"),
    ({"partner_type": ""}, "partner_type", "このフィールドは必須です"),
    ({"website": "kawa dot org"}, "website", "URL"),
    ({"founded_year": "1700"}, "founded_year", "1900"),
    ({"email": "info@"}, "email", "メールアドレス"),
    ({"fields_": ["astrology"]}, "fields_", "astrology"),
])
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client, coordinator, changes,
                                                                   field, message):
    client.force_login(coordinator)
    response = client.post(BASE + "new/", profile(**changes))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in body and message in body
    assert not Partner.objects.filter(name="NPO法人 川の学校").exists()


def test_a_duplicate_name_is_refused_next_to_the_name(client, coordinator, partner):
    client.force_login(coordinator)
    body = client.post(BASE + "new/", profile(name=partner.name)).content.decode()
    assert 'id="id_name_error"' in body and "同じ名称の団体がすでに登録されています" in body
    assert Partner.objects.filter(name=partner.name).count() == 1


def test_the_coordinator_corrects_a_partner_and_verifies_it(client, coordinator, unverified):
    client.force_login(coordinator)
    page = client.get(f"{BASE}{unverified.pk}/").content.decode()
    assert "未確認の会" in page and "メンバーを追加する" in page
    response = client.post(f"{BASE}{unverified.pk}/", profile(name="確認した会",
                                                              partner_type="voluntary"))
    assert response.status_code == 302
    unverified.refresh_from_db()
    assert unverified.name == "確認した会" and unverified.is_listed


def test_the_staff_page_links_a_pending_profile_change(client, coordinator, partner, partner_member):
    from kyodo.collaboration import actions

    submission = actions.submit_profile(partner_member, partner, {
        "name": partner.name, "partner_type": "npo", "fields": ["environment"]})
    client.force_login(coordinator)
    page = client.get(f"{BASE}{partner.pk}/").content.decode()
    assert f"/manage/submissions/{submission.pk}/" in page


def test_the_module_home_links_the_coordinator_screens(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/org/hokkaido/collaboration/manage/").content.decode()
    for path in ("manage/partners/", "manage/partners/new/", "manage/templates/",
                 "manage/initiatives/"):
        assert f'href="/org/hokkaido/collaboration/{path}"' in page


def test_department_staff_see_no_links_to_the_coordinator_screens(client, env_staff):
    client.force_login(env_staff)
    page = client.get("/org/hokkaido/collaboration/manage/").content.decode()
    assert "manage/partners/" not in page


@pytest.mark.parametrize("count", [5, 60])
def test_the_list_costs_the_same_at_any_size(client, coordinator, hokkaido, count,
                                            django_assert_max_num_queries):
    bulk_partners(hokkaido, count, verified_at=datetime.datetime(2005, 4, 1, tzinfo=datetime.UTC))
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        assert client.get(BASE).status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_the_staff_page_costs_the_same_with_many_members(client, coordinator, partner, count,
                                                        django_assert_max_num_queries):
    PartnerMember.objects.bulk_create([PartnerMember(partner=partner, user=UserFactory())
                                       for _ in range(count)])
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        page = client.get(f"{BASE}{partner.pk}/")
    assert page.status_code == 200 and page.content.decode().count("メンバーから外す") == count


def test_a_registered_partner_shows_at_once_in_the_cached_public_directory(client, coordinator,
                                                                            hokkaido):
    from django.test import Client

    directory = "/org/hokkaido/collaboration/partners/"
    client.get(directory)
    assert client.get(directory)["X-Kyodo-Cache"] == "hit"
    staff = Client()
    staff.force_login(coordinator)
    staff.post(BASE + "new/", profile())
    assert "NPO法人 川の学校" in client.get(directory).content.decode()


def test_phones_stored_before_normalisation_are_normalised_by_the_migration(partner):
    from importlib import import_module

    from django.apps import apps

    from kyodo.collaboration.models import Partner

    Partner.objects.filter(pk=partner.pk).update(phone="（０１１）２１１－２１１１")
    unreadable = Partner.objects.create(organisation=partner.organisation, name="電話のない会",
                                        partner_type="other", phone="代表番号へ")
    import_module("kyodo.collaboration.migrations.0004_normalise_partner_phones").normalise(
        apps, None)
    assert Partner.objects.get(pk=partner.pk).phone == "011-211-2111"
    assert Partner.objects.get(pk=unreadable.pk).phone == "代表番号へ"
