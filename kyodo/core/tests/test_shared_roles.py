"""Role assignments kept between requests per generation (``rules.SharedRoles``): a signed-in
person's every request no longer reads them from the database, and no grant, acceptance or
removal is ever missed, whichever way it is written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.core.models import RoleAssignment, User
from kyodo.core.rules import holds, role_assignments

from .factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as the next request loads them from the session."""
    return User.objects.get(pk=user.pk)


def role_queries(user):
    with CaptureQueriesContext(connection) as captured:
        roles = role_assignments(fresh(user))
    return roles, [q["sql"] for q in captured if "core_roleassignment" in q["sql"]]


def test_the_next_request_in_the_same_generation_reads_no_roles(sapporo, sapporo_department):
    staff = UserFactory()
    grant(staff, "department_staff", sapporo, sapporo_department)
    first, first_sql = role_queries(staff)
    second, second_sql = role_queries(staff)
    assert len(first_sql) == 1
    assert second_sql == []
    assert [(a.role, a.department.name) for a in second] == [("department_staff", "広報課")]


def test_a_grant_counts_at_the_next_request(sapporo):
    person = UserFactory()
    assert not holds(fresh(person), {"coordinator"}, sapporo)
    grant(person, "coordinator", sapporo)
    assert holds(fresh(person), {"coordinator"}, sapporo)


def test_a_removed_grant_stops_counting_at_once(sapporo):
    person = UserFactory()
    grant(person, "coordinator", sapporo)
    assert holds(fresh(person), {"coordinator"}, sapporo)
    person.role_assignments.all().delete()
    assert not holds(fresh(person), {"coordinator"}, sapporo)


def test_an_invitation_accepted_counts_and_a_pending_one_does_not(sapporo):
    person = UserFactory()
    assignment = grant(person, "coordinator", sapporo, pending=True)
    assert not holds(fresh(person), {"coordinator"}, sapporo)
    assignment.accepted_at = timezone.now()
    assignment.save(update_fields=["accepted_at"])
    assert holds(fresh(person), {"coordinator"}, sapporo)


def test_a_bulk_change_through_a_staff_screen_moves_the_generation(client, sapporo, sapporo_admin):
    """A queryset ``update()`` sends no signal; a signed-in person's successful POST moves the
    generation on all the same (``PageCacheMiddleware``), so the roles are read again."""
    person = UserFactory()
    grant(person, "coordinator", sapporo)
    assert holds(fresh(person), {"coordinator"}, sapporo)
    RoleAssignment.objects.filter(user=person).update(accepted_at=None)
    client.force_login(sapporo_admin)
    client.post("/i18n/setlang/", {"language": "ja", "next": "/"})
    assert not holds(fresh(person), {"coordinator"}, sapporo)


def test_people_are_kept_apart(sapporo):
    coordinator, resident = UserFactory(), UserFactory()
    grant(coordinator, "coordinator", sapporo)
    assert holds(fresh(coordinator), {"coordinator"}, sapporo)
    assert role_assignments(fresh(resident)) == ()


def test_without_the_page_cache_roles_are_read_every_request(settings, sapporo):
    settings.KYODO_PAGE_CACHE_SECONDS = 0
    person = UserFactory()
    grant(person, "coordinator", sapporo)
    role_queries(person)
    _roles, sql = role_queries(person)
    assert len(sql) == 1
