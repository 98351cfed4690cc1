"""Who may do what with 出前講座 — the one place these rules live.

- The reception desk (受付窓口, 広報課 in 札幌市) receives requests, routes them to a
  department, and may decline them.
- Staff of the department a request is routed to (and, for the menu, the theme's department)
  schedule, decide, hold and report it, and may decline it.
- Organisation admins do all of that and edit the rules (実施要綱); platform admins everywhere.
- Every write is checked on the object as it is and as it will be: a department's staff may
  give a theme only to a department of their own (``theme_departments``), and nobody may move a
  theme or a request to another organisation's department.
- Applicants have no account: they see their request's status and withdraw it with the
  receipt number and e-mail address.
"""

import rules

from kyodo.core.models import Department, Organisation
from kyodo.core.rules import (
    departments_for, is_org_admin, is_org_staff, is_platform_admin, is_reception_desk,
)

from .models import Request, Theme


def _organisation(obj):
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


@rules.predicate
def is_reception(user, obj):
    return is_reception_desk(user, _organisation(obj))


@rules.predicate
def is_admin(user, obj):
    return is_org_admin(user, _organisation(obj))


@rules.predicate
def is_staff(user, obj):
    return is_org_staff(user, _organisation(obj))


@rules.predicate
def is_handling_department(user, obj):
    """Staff of the department the request is routed to, or of the theme's department."""
    mine = departments_for(user)
    if isinstance(obj, Request):
        return obj.department_id in mine
    if isinstance(obj, Theme):
        return obj.department_id in mine
    return False


runs = is_platform_admin | is_admin
#: Those who may give a theme to any department of the organisation.
assigns_any_department = runs | is_reception

rules.add_perm("lectures.use_staff_screens", runs | is_staff)
rules.add_perm("lectures.receive", runs | is_reception)
rules.add_perm("lectures.handle", runs | is_handling_department)
rules.add_perm("lectures.decline", runs | is_reception | is_handling_department)
rules.add_perm("lectures.view_request", runs | is_reception | is_handling_department)
rules.add_perm("lectures.edit_theme", runs | is_reception | is_handling_department)
rules.add_perm("lectures.edit_rules", runs)


def theme_departments(user, organisation):
    """The departments ``user`` may give a theme of ``organisation`` to: any of the
    organisation's for its admins and reception desk, otherwise only the user's own."""
    departments = Department.objects.filter(organisation=organisation).order_by("sort_order", "id")
    if assigns_any_department(user, organisation):
        return departments
    return departments.filter(pk__in=departments_for(user))
