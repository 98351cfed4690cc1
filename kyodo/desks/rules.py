"""Who may do what with 市民活動インフォメーション — the one place these rules live.

- Anyone reads the public desks, their hours and areas, and the yearly statistics.
- A desk's consultation log is kept by the staff of the desk's department (職員・受付窓口 of
  that department), by the organisation's coordinator (主管課, who runs the desks) and by its
  admins; platform admins everywhere. Staff of another department may not write in it.
- Desks themselves (place, hours, areas, publication) are set up by the coordinator and the
  organisation's admins.
"""

import rules

from kyodo.core.models import Organisation, Role
from kyodo.core.rules import departments_for, is_coordinator, is_org_admin, is_org_staff, is_platform_admin

from .models import Desk


def _organisation(obj):
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


@rules.predicate
def is_admin(user, obj):
    return is_org_admin(user, _organisation(obj))


@rules.predicate
def is_desk_coordinator(user, obj):
    return is_coordinator(user, _organisation(obj))


@rules.predicate
def is_staff(user, obj):
    return is_org_staff(user, _organisation(obj))


@rules.predicate
def is_desk_department_staff(user, obj):
    """職員 or 受付窓口 of the department the desk belongs to."""
    if not isinstance(obj, Desk):
        return False
    return obj.department_id in departments_for(user, {Role.DEPARTMENT_STAFF, Role.RECEPTION_DESK})


runs = is_platform_admin | is_admin | is_desk_coordinator

#: The staff screens (list of the desks one keeps, statistics with links to the logs).
rules.add_perm("desks.use_staff_screens", is_platform_admin | is_staff)
#: Record, correct and delete lines of a desk's consultation log.
rules.add_perm("desks.keep_log", runs | is_desk_department_staff)
#: Set up desks: place, hours, areas, services, publication.
rules.add_perm("desks.manage_desks", runs)


def desks_kept_by(user, organisation, desks):
    """The desks among ``desks`` whose log ``user`` keeps."""
    return [desk for desk in desks if user.has_perm("desks.keep_log", desk)]
