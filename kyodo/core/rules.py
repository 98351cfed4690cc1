"""Who may do what on the platform's foundation — the one place these rules live.

Predicates take ``(user, obj)``; the object is the organisation (or department) the action is
about. Views ask ``user.has_perm("core.…", obj)``, templates ``{% if perms… %}`` through
``has_perm`` too, and the API the same, so every door checks the same rule (rules library).

A user's role assignments are read once per request and kept on the user object, and kept
between requests for the current generation (``SharedRoles``).
Modules add their own ``rules.py`` built from the predicates here.
"""

import threading

import rules
from django.conf import settings

from . import pagecache
from .models import DEPARTMENT_ROLES, MFA_REQUIRED_ROLES, STAFF_ROLES, Department, Organisation, Role


def role_assignments(user):
    """The user's effective role assignments, loaded once and cached on the user object.

    A grant the holder has not accepted through its invitation is left out, so it counts for
    no check anywhere (``kyodo.core.invitations``). Between requests the assignments are kept
    in this process's memory for the current generation (``shared_roles``)."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, "_kyodo_roles", None)
    if cached is None:
        cached = user._kyodo_roles = shared_roles(user)
    return cached


def forget_roles(user):
    user.__dict__.pop("_kyodo_roles", None)


def load_roles(user):
    return tuple(
        user.role_assignments.filter(accepted_at__isnull=False)
        .select_related("organisation", "department")
    )


class SharedRoles:
    """Each signed-in person's role assignments, kept per *generation* (``pagecache.py``).

    Every request of a signed-in person asks for them (the header's links, every permission
    check), and they change only by a write: a grant, its acceptance or its removal saves or
    deletes a ``RoleAssignment`` — a domain model, so the generation moves on — and a staff
    screen's bulk change is a POST, which moves it too. Filed under the generation, they are
    therefore never served after the write that changed them, on any worker or machine. The
    people are told apart by their id *and* the time their account was made, so that an id
    that comes back (a test's rolled-back account) never meets another's roles.
    """

    MAX_PEOPLE = 20_000

    def __init__(self):
        self._lock = threading.Lock()
        self.clear()

    def clear(self):
        self._generation = None
        self._roles = {}

    def get(self, user):
        if settings.KYODO_PAGE_CACHE_SECONDS <= 0:
            return load_roles(user)
        current = pagecache.generation()
        key = (user.pk, user.date_joined)
        with self._lock:
            if current != self._generation:
                self._generation, self._roles = current, {}
            roles = self._roles.get(key)
        if roles is None:
            roles = load_roles(user)
            with self._lock:
                if current == self._generation and len(self._roles) < self.MAX_PEOPLE:
                    self._roles[key] = roles
        return roles


kept_roles = SharedRoles()
shared_roles = kept_roles.get


def organisation_of(obj):
    if isinstance(obj, Organisation):
        return obj.pk
    return getattr(obj, "organisation_id", None)


def holds(user, roles, obj=None):
    """Does ``user`` hold one of ``roles`` in the organisation of ``obj`` (any, if None)?"""
    org_id = organisation_of(obj) if obj is not None else None
    return any(
        a.role in roles and (obj is None or a.organisation_id == org_id)
        for a in role_assignments(user)
    )


def departments_for(user, roles=DEPARTMENT_ROLES):
    """IDs of the departments for which the user acts in one of ``roles``."""
    return {a.department_id for a in role_assignments(user) if a.role in roles and a.department_id}


def needs_mfa(user):
    return any(a.role in MFA_REQUIRED_ROLES for a in role_assignments(user))


@rules.predicate
def is_platform_admin(user):
    return holds(user, {Role.PLATFORM_ADMIN})


@rules.predicate
def is_org_admin(user, obj):
    return obj is not None and holds(user, {Role.ORG_ADMIN}, obj)


@rules.predicate
def is_org_staff(user, obj):
    return obj is not None and holds(user, STAFF_ROLES, obj)


@rules.predicate
def is_coordinator(user, obj):
    return obj is not None and holds(user, {Role.COORDINATOR}, obj)


@rules.predicate
def is_reception_desk(user, obj):
    return obj is not None and holds(user, {Role.RECEPTION_DESK}, obj)


@rules.predicate
def is_council_member(user, obj):
    return obj is not None and holds(user, {Role.COUNCIL_MEMBER}, obj)


@rules.predicate
def is_partner_member(user, obj):
    return obj is not None and holds(user, {Role.PARTNER_MEMBER}, obj)


@rules.predicate
def is_reviewer(user, obj):
    return obj is not None and holds(user, {Role.REVIEWER}, obj)


@rules.predicate
def is_staff_of_department(user, department):
    """Staff (職員・受付・主管課) of this very department."""
    if not isinstance(department, Department):
        return False
    return department.pk in departments_for(user)


@rules.predicate
def handles_personal_data(user, obj):
    """Handles the organisation's personal data: the reception desk (lecture applicants) and
    the coordinator (council applicants, partners' contacts) — not an admin as such (SPEC §2:
    applicants' data is shown only to the staff who handle the case)."""
    return obj is not None and holds(user, {Role.RECEPTION_DESK, Role.COORDINATOR}, obj)


@rules.predicate
def has_any_role(user, obj):
    return obj is not None and holds(user, set(Role.values), obj)


# Protected actions of the foundation. The test suite checks every role against every one.
rules.add_perm("core.view_staff_area", is_platform_admin | is_org_staff)
rules.add_perm("core.view_workspace", is_platform_admin | has_any_role)
rules.add_perm("core.manage_departments", is_platform_admin | is_org_admin)
rules.add_perm("core.manage_roles", is_platform_admin | is_org_admin)
rules.add_perm("core.view_audit_log", is_platform_admin | is_org_admin)
rules.add_perm("core.see_personal_data", handles_personal_data)
rules.add_perm("core.edit_organisation_profile", is_platform_admin | is_org_admin)
rules.add_perm("core.manage_organisations", is_platform_admin)
