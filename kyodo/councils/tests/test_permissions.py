"""Who may open the council workspace and the secretariat's screens, for every role."""

import pytest

from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.councils.models import Call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role, workspace, secretariat_screen", [
    (None, 302, 302),
    ("registered", 403, 403),
    ("council_member_unlinked", 403, 403),  # the role alone, without a member record
    ("member", 200, 403),
    ("department_staff_elsewhere", 200, 403),
    ("secretariat_staff", 200, 200),
    ("coordinator", 200, 200),
    ("org_admin", 200, 200),
    ("partner_member", 403, 403),
    ("reviewer", 403, 403),
    ("platform_admin", 200, 200),
])
def test_workspace_and_secretariat_screens(client, council, office, sapporo, member_a, role,
                                           workspace, secretariat_screen):
    call = Call.objects.create(council=council, title="公募", seats=1, opens_on="2003-09-01",
                               closes_on="2003-09-30", requirements="市内在住", essay_theme="改革")
    if role == "member":
        client.force_login(member_a.user)
    elif role is not None:
        user = UserFactory()
        grants = {
            "council_member_unlinked": ("council_member", None),
            "department_staff_elsewhere": ("department_staff", DepartmentFactory(organisation=sapporo, name="財政課")),
            "secretariat_staff": ("department_staff", office),
            "coordinator": ("coordinator", DepartmentFactory(organisation=sapporo, name="企画課")),
            "org_admin": ("org_admin", None),
            "partner_member": ("partner_member", None),
            "reviewer": ("reviewer", None),
            "platform_admin": ("platform_admin", None),
        }
        if role in grants:
            name, department = grants[role]
            grant(user, name, None if name == "platform_admin" else sapporo, department)
        client.force_login(user)
    assert client.get("/org/sapporo/councils/workspace/").status_code == workspace
    assert client.get(f"/org/sapporo/councils/workspace/calls/{call.pk}/applications/").status_code == secretariat_screen
