"""The permission matrix of the foundation: every role × every protected action.

Each role is held in 札幌市; a second person holds the same role in 北海道, so every test also
proves that a role in one organisation gives nothing in another.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kyodo.core.models import MFA_REQUIRED_ROLES, STAFF_ROLES, Role

from .factories import DepartmentFactory, UserFactory, grant

ROLES = ["visitor", "citizen", *Role.values]

ACTIONS = {
    # action: roles allowed (in the organisation the action is about)
    "core.view_staff_area": {"department_staff", "reception_desk", "coordinator", "org_admin",
                             "platform_admin"},
    "core.view_workspace": set(Role.values),
    "core.manage_departments": {"org_admin", "platform_admin"},
    "core.manage_roles": {"org_admin", "platform_admin"},
    "core.view_audit_log": {"org_admin", "platform_admin"},
    "core.edit_organisation_profile": {"org_admin", "platform_admin"},
}
PLATFORM_ACTIONS = {"core.manage_organisations": {"platform_admin"}}


def person(role, organisation, totp=True):
    if role == "visitor":
        return AnonymousUser()
    user = UserFactory()
    if role == "citizen":
        return user
    if role == Role.PLATFORM_ADMIN:
        grant(user, role, totp=totp)
    else:
        department = DepartmentFactory(organisation=organisation)
        grant(user, role, organisation, department, totp=totp)
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_organisation_actions(role, action, sapporo, hokkaido):
    here, elsewhere = person(role, sapporo), person(role, hokkaido)
    allowed = role in ACTIONS[action]
    assert here.has_perm(action, sapporo) is allowed
    # The same role held in another organisation never reaches 札幌市 (platform admins excepted).
    assert elsewhere.has_perm(action, sapporo) is (role == "platform_admin")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(PLATFORM_ACTIONS))
def test_platform_actions(role, action, sapporo):
    assert person(role, sapporo).has_perm(action) is (role in PLATFORM_ACTIONS[action])


ADMIN_PAGES = {
    "manage:home": "core.view_staff_area",
    "manage:profile": "core.edit_organisation_profile",
    "manage:departments": "core.manage_departments",
    "manage:department_new": "core.manage_departments",
    "manage:roles": "core.manage_roles",
    "manage:audit": "core.view_audit_log",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(ADMIN_PAGES))
def test_admin_pages_follow_the_same_rules(client, role, page, sapporo):
    user = person(role, sapporo)
    if role != "visitor":
        client.force_login(user)
    response = client.get(reverse(page, args=[sapporo.slug]))
    if role == "visitor":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    elif role in ACTIONS[ADMIN_PAGES[page]]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_platform_pages_only_for_platform_admins(client, role, sapporo):
    user = person(role, sapporo)
    if role != "visitor":
        client.force_login(user)
    for url in (reverse("platform:organisations"), reverse("platform:organisation_new")):
        response = client.get(url)
        expected = {"visitor": 302, "platform_admin": 200}.get(role, 403)
        assert response.status_code == expected, url


@pytest.mark.parametrize("role", sorted(MFA_REQUIRED_ROLES))
def test_staff_and_admins_without_totp_are_sent_to_set_it_up(client, role, sapporo):
    user = person(role, sapporo, totp=False)
    client.force_login(user)
    for url in (reverse("manage:home", args=[sapporo.slug]), reverse("core:mypage"),
                reverse("core:portal")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url
    # The set-up page itself stays reachable (it may first ask for the password again).
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    assert reverse("mfa_activate_totp") not in client.get(
        reverse("mfa_activate_totp")).get("Location", "")


@pytest.mark.parametrize("role", sorted(set(Role.values) - MFA_REQUIRED_ROLES))
def test_members_and_reviewers_need_no_totp(client, role, sapporo):
    """Council members, partner members and reviewers act for themselves or their group, not
    for the administration (docs/operations.md, security defaults)."""
    user = person(role, sapporo)
    client.force_login(user)
    assert client.get(reverse("core:mypage")).status_code == 200
    assert client.get(reverse("core:portal")).status_code == 200


def test_every_staff_role_needs_totp():
    assert MFA_REQUIRED_ROLES == {*STAFF_ROLES, Role.PLATFORM_ADMIN}


@pytest.mark.parametrize("role", ROLES)
def test_personal_data_is_seen_only_by_those_who_handle_it(role, sapporo, hokkaido):
    """Applicants' contacts are for the reception desk and the coordinator of the organisation,
    not for admins as such (SPEC §2) and never across organisations."""
    here, elsewhere = person(role, sapporo), person(role, hokkaido)
    assert here.has_perm("core.see_personal_data", sapporo) is (role in {"reception_desk", "coordinator"})
    assert elsewhere.has_perm("core.see_personal_data", sapporo) is False
