"""Who may do what with 意見公募 — the one place these rules live.

- Staff of the department that owns a call (担当課), the coordinator (主管課) and the
  organisation's admin prepare it, publish it, key in comments received otherwise, moderate,
  group comments into opinion items, answer them and publish the results.
- Any of the organisation's staff may start a call for a department of their own.
- Commenters' names, addresses and contacts are seen only by the owning department's staff and
  the coordinator (those who handle the case) — not by an admin as such, nor other departments.
- Everyone reads what is public: a call once 公示, its documents, and the published results.
"""

import rules

from kyodo.core.models import Department, Organisation
from kyodo.core.rules import (
    departments_for, is_coordinator, is_org_admin, is_org_staff, is_platform_admin,
)

from .models import Call


def _organisation(obj):
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


@rules.predicate
def is_admin(user, obj):
    return is_org_admin(user, _organisation(obj))


@rules.predicate
def is_staff(user, obj):
    return is_org_staff(user, _organisation(obj))


@rules.predicate
def is_coordinating(user, obj):
    return is_coordinator(user, _organisation(obj))


@rules.predicate
def is_owning_department(user, obj):
    """Staff of the department the call belongs to."""
    return isinstance(obj, Call) and obj.department_id in departments_for(user)


@rules.predicate
def is_public_call(user, obj):
    return isinstance(obj, Call) and obj.is_public


runs = is_platform_admin | is_admin | is_coordinating

rules.add_perm("publiccomment.use_staff_screens", is_platform_admin | is_staff)
rules.add_perm("publiccomment.create_call", is_platform_admin | is_staff)
rules.add_perm("publiccomment.manage_call", runs | is_owning_department)
rules.add_perm("publiccomment.see_commenters", is_coordinating | is_owning_department)
rules.add_perm("publiccomment.view_call", is_public_call | runs | is_owning_department)


def call_departments(user, organisation):
    """The departments ``user`` may give a call of ``organisation`` to: any for the admin and the
    coordinator, otherwise the user's own."""
    departments = Department.objects.filter(organisation=organisation).order_by("sort_order", "id")
    if runs(user, organisation):
        return departments
    return departments.filter(pk__in=departments_for(user))
