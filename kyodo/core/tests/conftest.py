import pytest

from .factories import (
    DepartmentFactory, OrganisationFactory, PrefectureFactory, UserFactory, enable_totp, grant,
)


@pytest.fixture
def hokkaido(db):
    return PrefectureFactory()


@pytest.fixture
def sapporo(hokkaido):
    return OrganisationFactory(
        name="札幌市", name_kana="さっぽろし", slug="sapporo", kind="designated_city",
        local_government_code="011002", prefecture=hokkaido,
    )


@pytest.fixture
def sapporo_department(sapporo):
    bureau = DepartmentFactory(organisation=sapporo, name="総務局", kind="bureau")
    return DepartmentFactory(organisation=sapporo, name="広報課", parent=bureau)


@pytest.fixture
def hokkaido_department(hokkaido):
    return DepartmentFactory(organisation=hokkaido, name="生活振興課")


@pytest.fixture
def sapporo_admin(sapporo):
    """札幌市's organisation admin, with TOTP set up."""
    user = UserFactory(email="admin@sapporo.example.jp")
    grant(user, "org_admin", sapporo)
    enable_totp(user)
    return user


@pytest.fixture
def admin_client(client, sapporo_admin):
    client.force_login(sapporo_admin)
    return client
