"""My page (issue 18 §3): what the person filed, by the addresses they proved are theirs; what
they follow with its latest change; nothing of anybody else's."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType

from kyodo.core.tests.factories import OrganisationFactory, UserFactory
from kyodo.portal.models import Follow

from .conftest import make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(db):
    return UserFactory(email="sato@example.jp")  # its address verified


def test_a_request_filed_with_a_verified_address_is_on_my_page_and_no_one_elses(
        client, resident, theme):
    mine = make_request(theme, "Sato@Example.jp")  # the case people type does not matter
    make_request(theme, "someone@example.jp")
    unverified = make_request(theme, "old-address@example.jp")
    EmailAddress.objects.create(user=resident, email="old-address@example.jp", verified=False)
    client.force_login(resident)
    html = client.get("/my/").content.decode()
    assert mine.receipt_number in html and "申込" in html
    assert unverified.receipt_number not in html
    assert 'href="/org/sapporo/lectures/status/"' in html
    other = UserFactory(email="other@example.jp")
    client.force_login(other)
    assert mine.receipt_number not in client.get("/my/").content.decode()


def test_a_request_appears_once_the_address_is_verified(client, resident, theme):
    request = make_request(theme, "work@example.jp")
    address = EmailAddress.objects.create(user=resident, email="work@example.jp", verified=False)
    client.force_login(resident)
    assert request.receipt_number not in client.get("/my/").content.decode()
    address.verified = True
    address.save()
    assert request.receipt_number in client.get("/my/").content.decode()


def test_follow_an_organisation_see_it_on_my_page_and_unfollow(client, resident, sapporo):
    client.force_login(resident)
    page = client.get("/org/sapporo/").content.decode()
    assert "フォローする" in page and 'value="core.organisation:%d"' % sapporo.pk in page
    response = client.post("/follow/", {"target": f"core.organisation:{sapporo.pk}",
                                        "next": "/org/sapporo/"})
    assert response.status_code == 302 and response["Location"] == "/org/sapporo/"
    assert "フォロー中" in client.get("/org/sapporo/").content.decode()
    html = client.get("/my/").content.decode()
    follows = html[html.index('id="follows-title"'):]
    assert "札幌市" in follows and "最新の変更" in follows
    client.post("/follow/", {"target": f"core.organisation:{sapporo.pk}", "unfollow": "1"})
    assert not Follow.objects.exists()


def test_follows_show_their_latest_change_from_the_audit_log(client, resident, council):
    client.force_login(resident)
    client.post("/follow/", {"target": f"councils.council:{council.pk}"})
    council.name = "市役所改革市民会議(第2期)"
    council.save()
    html = client.get("/my/").content.decode()
    assert "市役所改革市民会議(第2期)" in html and 'href="/org/sapporo/councils/%d/"' % council.pk in html


def test_only_public_things_can_be_followed(client, resident, sapporo):
    from kyodo.collaboration.models import Partner

    unlisted = Partner.objects.create(organisation=sapporo, name="未確認の会", partner_type="other")
    client.force_login(resident)
    for target in (f"collaboration.partner:{unlisted.pk}", "core.user:1", "core.organisation:x",
                   "core.organisation:99999999999999999999", "", "core.organisation:１"):
        assert client.post("/follow/", {"target": target}).status_code == 404, target
    assert not Follow.objects.exists()


def test_a_visitor_is_asked_to_sign_in_to_follow(client, sapporo):
    html = client.get("/org/sapporo/").content.decode()
    assert "ログインしてフォローする" in html
    response = client.post("/follow/", {"target": f"core.organisation:{sapporo.pk}"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_follow_does_not_redirect_elsewhere(client, resident, sapporo):
    client.force_login(resident)
    response = client.post("/follow/", {"target": f"core.organisation:{sapporo.pk}",
                                        "next": "https://evil.example/"})
    assert response["Location"] == "/my/"


@pytest.mark.parametrize("size", [3, 40])
def test_my_page_runs_a_constant_number_of_queries(client, resident, hokkaido, theme, council, size,
                                                   django_assert_max_num_queries):
    organisations = [OrganisationFactory(prefecture=hokkaido) for _ in range(size)]
    kind = ContentType.objects.get_for_model(organisations[0])
    Follow.objects.bulk_create([Follow(user=resident, content_type=kind, object_id=o.pk)
                                for o in organisations])
    Follow.objects.create(user=resident, content_type=ContentType.objects.get_for_model(council),
                          object_id=council.pk)
    for i in range(size):
        make_request(theme, "sato@example.jp", sequence=i + 1)
    client.force_login(resident)
    with django_assert_max_num_queries(30):
        html = client.get("/my/").content.decode()
    assert html.count("フォローをやめる") == size + 1
