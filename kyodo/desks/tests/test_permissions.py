"""Who keeps a desk's log and who sets desks up, role by role, in the desk's organisation and
in another; the screens refuse with a 403 and nothing is written."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kyodo.core.tests.factories import DepartmentFactory, UserFactory, grant
from kyodo.desks import actions
from kyodo.desks.models import Consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(hokkaido, sapporo, ishikari_department, other_department):
    """One user per role: in 北海道 (the desk's organisation) and in 札幌市."""
    sapporo_dept = DepartmentFactory(organisation=sapporo, name="市民活動促進課")

    def user(email, role=None, organisation=None, department=None):
        u = UserFactory(email=email)
        if role:
            grant(u, role, organisation, department)
        return u

    return {
        "visitor": None,
        "citizen": user("citizen@example.jp"),
        "council_member": user("council@example.jp", "council_member", hokkaido),
        "partner_member": user("partner@example.jp", "partner_member", hokkaido),
        "reviewer": user("reviewer@example.jp", "reviewer", hokkaido),
        "desk_department_staff": user("desk@example.jp", "department_staff", hokkaido, ishikari_department),
        "desk_department_reception": user("uketsuke@example.jp", "reception_desk", hokkaido, ishikari_department),
        "other_department_staff": user("kankyo@example.jp", "department_staff", hokkaido, other_department),
        "other_department_reception": user("koho@example.jp", "reception_desk", hokkaido, other_department),
        "coordinator": user("suishin@example.jp", "coordinator", hokkaido, other_department),
        "org_admin": user("admin@example.jp", "org_admin", hokkaido),
        "other_org_admin": user("admin@sapporo.example.jp", "org_admin", sapporo),
        "other_org_coordinator": user("suishin@sapporo.example.jp", "coordinator", sapporo, sapporo_dept),
        "platform_admin": user("platform@example.jp", "platform_admin"),
    }


KEEPS_LOG = {"desk_department_staff", "desk_department_reception", "coordinator", "org_admin", "platform_admin"}
MANAGES = {"coordinator", "org_admin", "platform_admin"}
STAFF_SCREENS = {"desk_department_staff", "desk_department_reception", "other_department_staff",
                 "other_department_reception", "coordinator", "org_admin", "platform_admin"}


def test_rules_for_every_role(people, desk, hokkaido):
    from django.contrib.auth.models import AnonymousUser

    for name, user in people.items():
        user = user or AnonymousUser()
        assert user.has_perm("desks.keep_log", desk) == (name in KEEPS_LOG), name
        assert user.has_perm("desks.manage_desks", hokkaido) == (name in MANAGES), name
        assert user.has_perm("desks.use_staff_screens", hokkaido) == (name in STAFF_SCREENS), name


def test_the_log_screen_follows_the_rule(client, people, desk):
    url = reverse("desks:log", args=[desk.organisation.slug, desk.pk])
    data = {"date": timezone.localdate().isoformat(), "topic": "funding", "channel": "visit", "count": "1"}
    for name, user in people.items():
        client.logout()
        if user:
            client.force_login(user)
        response = client.post(url, data)
        if name in KEEPS_LOG:
            assert response.status_code == 302, name
        elif user is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
        else:
            assert response.status_code == 403, name
    assert Consultation.objects.count() == len(KEEPS_LOG)


def test_the_action_refuses_whoever_may_not_keep_the_log(people, desk):
    with pytest.raises(PermissionDenied):
        actions.record_consultation(people["other_department_staff"], desk, date=timezone.localdate(),
                                    topic="other", channel="visit", count=1)
    assert not Consultation.objects.exists()


def test_deleting_a_line_of_another_organisation_is_a_404(client, people, desk, sapporo):
    line = Consultation.objects.create(desk=desk, date=timezone.localdate(), topic="other")
    client.force_login(people["other_org_admin"])
    response = client.post(reverse("desks:delete_line", args=[sapporo.slug, line.pk]))
    assert response.status_code == 404
    assert Consultation.objects.exists()


def test_only_coordinators_and_admins_set_desks_up(client, people, desk):
    url = reverse("desks:edit", args=[desk.organisation.slug, desk.pk])
    client.force_login(people["desk_department_staff"])
    assert client.get(url).status_code == 403
    client.force_login(people["coordinator"])
    assert client.get(url).status_code == 200


def test_the_staff_list_links_only_the_logs_one_keeps(client, people, desk, hokkaido):
    url = reverse("desks:staff", args=[hokkaido.slug])
    client.force_login(people["other_department_staff"])
    page = client.get(url).content.decode()
    assert desk.name in page and reverse("desks:log", args=[hokkaido.slug, desk.pk]) not in page
    client.force_login(people["desk_department_staff"])
    page = client.get(url).content.decode()
    assert reverse("desks:log", args=[hokkaido.slug, desk.pk]) in page
