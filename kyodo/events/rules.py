"""Who may do what with events — the one place these rules live.

- Any member of an organisation's staff may create an event for their own department; the
  organisation's coordinators (主管課) and admins for any department.
- An event's organisers — the staff of its department (主催課) and the organisation's
  coordinators — edit it, see and handle its registrations (受付名簿, check-in, questionnaire)
  and publish its report. Registrants' personal data is shown to the organisers only; an
  organisation admin edits events but does not see registrants (SPEC §2).
- Staff-only events (職員研修) are seen and joined only by the organisation's staff, with their
  account; everything else published is public, and anyone may register without an account.
- The share of staff trained per department is the coordinators' (and admins') report.
"""

import rules

from kyodo.core.models import Organisation
from kyodo.core.rules import (
    departments_for, is_coordinator, is_org_admin, is_org_staff, is_platform_admin,
)

from .models import Audience, Event


def _organisation(obj):
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


def _event(obj):
    return obj if isinstance(obj, Event) else getattr(obj, "event", None)


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
def is_event_department(user, obj):
    """Staff of the department that organises the event."""
    event = _event(obj)
    return event is not None and event.department_id in departments_for(user)


@rules.predicate
def is_published(user, obj):
    event = _event(obj)
    return event is not None and event.status == Event.Status.PUBLISHED


@rules.predicate
def is_announced(user, obj):
    """Published, or cancelled after it was (the page then says 中止)."""
    event = _event(obj)
    return event is not None and event.status in (Event.Status.PUBLISHED, Event.Status.CANCELLED)


@rules.predicate
def is_staff_only(user, obj):
    event = _event(obj)
    return event is not None and event.audience == Audience.STAFF


runs = is_platform_admin | is_admin
organises = is_coordinating | is_event_department

rules.add_perm("events.use_staff_screens", runs | is_staff)
rules.add_perm("events.create_event", runs | is_staff)
rules.add_perm("events.edit_event", runs | organises)
rules.add_perm("events.view_registrations", is_platform_admin | organises)
rules.add_perm("events.view_event", (is_announced & (~is_staff_only | is_staff)) | runs | organises)
rules.add_perm("events.register_as_staff", is_published & is_staff_only & is_staff)
rules.add_perm("events.view_training_report", runs | is_coordinating)


def organiser_departments(user, organisation):
    """The departments ``user`` may organise an event for."""
    departments = organisation.departments.order_by("sort_order", "id")
    if (runs | is_coordinating)(user, organisation):
        return departments
    return departments.filter(pk__in=departments_for(user))
