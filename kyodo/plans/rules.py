"""Who may do what with plans and progress reports — the one place these rules live.

- The coordinator (主管課: ``Role.COORDINATOR`` in the plan's organisation) and the
  organisation admin run plans: create and edit them, set targets, revise items, and approve,
  return and publish reports, and correct or withdraw a published one (訂正・取下げ, with a
  reason shown publicly). Platform admins may do the same everywhere.
- Staff of one of an item's responsible departments (職員・受付・主管課 of that very 課) write,
  submit and correct its progress reports and the actuals in them. Nobody else reports for an
  item, not even the coordinator: a report is the department's account of its own work.
- Everyone, visitors included, sees adopted plans and published reports; drafts (素案 plans,
  unpublished reports) are seen only by the organisation's staff concerned.

Objects may be an Organisation, a Plan, a Theme, an ActionItem, an Indicator or a
ProgressReport; each is traced back to its plan (list pages select_related("plan") to keep
the check free of queries).

A permission is checked against the object's parent, so an edit must not change the parent:
``moved_from_parent`` is asked by every write (``actions.check_parent``). Otherwise a
coordinator allowed on one plan could carry an item into another by editing a URL, or an edit
could carry a plan into an organisation its editor was never checked against.
"""

import rules
from django.utils.translation import gettext_lazy as _

from kyodo.core.models import Organisation
from kyodo.core.rules import (
    departments_for, is_coordinator, is_org_admin, is_org_staff, is_platform_admin,
)

from .models import ActionItem, Indicator, Plan, ProgressReport, Theme


def plan_of(obj):
    """The plan an object belongs to (None for an Organisation or anything else)."""
    if isinstance(obj, Plan):
        return obj
    if isinstance(obj, (Theme, ActionItem)):
        return obj.plan
    if isinstance(obj, (ProgressReport, Indicator)):
        return obj.item.plan
    return None


def organisation_scope(obj):
    """What the foundation's role predicates are asked about: anything with organisation_id."""
    if isinstance(obj, Organisation):
        return obj
    return plan_of(obj)


#: The parent each kind of object stays under, and what is said when an edit would move it.
PARENTS = {
    Plan: ("organisation_id", _("計画を別の団体に移すことはできません。")),
    Theme: ("plan_id", _("重点項目を別の計画に移すことはできません。")),
    ActionItem: ("plan_id", _("取組項目を別の計画に移すことはできません。計画ごとに作成してください。")),
    Indicator: ("item_id", _("成果指標を別の取組項目に移すことはできません。")),
    ProgressReport: ("item_id", _("進捗報告を別の取組項目に移すことはできません。")),
}


def moved_from_parent(obj):
    """The refusal if ``obj`` (already saved) now names another parent than the stored one."""
    if obj.pk is None or type(obj) not in PARENTS:
        return None
    field, refusal = PARENTS[type(obj)]
    stored = type(obj).objects.filter(pk=obj.pk).values_list(field, flat=True).first()
    if stored is not None and stored != getattr(obj, field):
        return refusal
    return None


def item_of(obj):
    if isinstance(obj, ActionItem):
        return obj
    if isinstance(obj, (ProgressReport, Indicator)):
        return obj.item
    return None


@rules.predicate
def is_plan_coordinator(user, obj):
    return is_coordinator(user, organisation_scope(obj))


@rules.predicate
def is_plan_org_admin(user, obj):
    return is_org_admin(user, organisation_scope(obj))


@rules.predicate
def is_plan_org_staff(user, obj):
    return is_org_staff(user, organisation_scope(obj))


@rules.predicate
def is_item_department_staff(user, obj):
    """Staff of one of the item's responsible departments (uses prefetched departments)."""
    item = item_of(obj)
    if item is None or item.pk is None:
        return False
    mine = departments_for(user)
    return bool(mine) and any(d.pk in mine for d in item.departments.all())


@rules.predicate
def is_public_plan(user, obj):
    plan = plan_of(obj)
    return plan is not None and plan.status != Plan.Status.DRAFT


@rules.predicate
def is_published_report(user, obj):
    return isinstance(obj, ProgressReport) and obj.status == ProgressReport.Status.PUBLISHED


@rules.predicate
def is_withdrawn_report(user, obj):
    """A withdrawn report stays public, with the notice of its withdrawal."""
    return isinstance(obj, ProgressReport) and obj.status == ProgressReport.Status.WITHDRAWN


runs_plans = is_platform_admin | is_plan_org_admin | is_plan_coordinator

rules.add_perm("plans.view_plan", is_public_plan | is_platform_admin | is_plan_org_staff)
rules.add_perm("plans.manage_plan", runs_plans)
rules.add_perm("plans.set_targets", runs_plans)
rules.add_perm("plans.revise_item", runs_plans)
rules.add_perm("plans.review_report", runs_plans)
# 訂正・取下げ of a published report: the role that publishes it.
rules.add_perm("plans.correct_report", runs_plans)
rules.add_perm("plans.view_reporting_status", runs_plans)
rules.add_perm("plans.report_on_item", is_item_department_staff)
rules.add_perm("plans.view_report", is_published_report | is_withdrawn_report | runs_plans | is_item_department_staff)
# The staff screens (my items, the review queue): anyone working for the organisation.
rules.add_perm("plans.use_staff_screens", is_platform_admin | is_plan_org_staff)
