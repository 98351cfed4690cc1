"""The platform admin registers organisations; codes are checked."""

import pytest
from django.urls import reverse

from kyodo.core.models import Organisation

from .factories import UserFactory, enable_totp, grant

URL = reverse("platform:organisation_new")


@pytest.fixture
def platform_client(client, db):
    user = UserFactory()
    grant(user, "platform_admin")
    enable_totp(user)
    client.force_login(user)
    return client


def form(**overrides):
    data = {"name": "江別市", "name_kana": "えべつし", "slug": "ebetsu", "kind": "city",
            "local_government_code": "012173"}
    data.update(overrides)
    return data


def test_platform_admin_adds_a_municipality(platform_client, hokkaido):
    response = platform_client.post(URL, form(prefecture=hokkaido.pk))
    assert response.status_code == 302
    ebetsu = Organisation.objects.get(slug="ebetsu")
    assert ebetsu.prefecture == hokkaido
    assert platform_client.get("/org/ebetsu/").status_code == 200


@pytest.mark.parametrize("code, message", [
    ("012174", "検査数字"),
    ("12173", "半角数字6桁"),
    ("０１２１７３", "半角数字6桁"),
])
def test_invalid_codes_are_refused_next_to_the_field(platform_client, hokkaido, code, message):
    response = platform_client.post(URL, form(prefecture=hokkaido.pk, local_government_code=code))
    assert response.status_code == 200
    assert message in response.context["form"].errors["local_government_code"][0]
    assert not Organisation.objects.filter(slug="ebetsu").exists()


def test_code_must_belong_to_the_prefecture(platform_client, hokkaido):
    # 132012 is 八王子市 (東京都), valid but not in 北海道.
    response = platform_client.post(URL, form(prefecture=hokkaido.pk, local_government_code="132012"))
    assert "先頭2桁" in response.context["form"].errors["local_government_code"][0]


def test_municipality_needs_a_prefecture(platform_client, hokkaido):
    response = platform_client.post(URL, form())
    assert response.context["form"].errors["prefecture"]


def test_duplicate_code_is_refused(platform_client, sapporo):
    response = platform_client.post(URL, form(prefecture=sapporo.prefecture_id,
                                              local_government_code="011002"))
    assert response.context["form"].errors["local_government_code"]
    assert Organisation.objects.filter(local_government_code="011002").count() == 1
