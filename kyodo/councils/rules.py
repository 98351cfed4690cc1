"""Who may do what in a council — the one place these rules live.

- The secretariat (事務局) runs a council: staff of its secretariat department, the
  organisation's coordinators (主管課) and admins, and platform admins. It screens and selects
  applicants (their data is seen by nobody else), keeps meetings and minutes (and corrects
  approved minutes, withdraws materials), records the administration's response to
  recommendations, opens, follows and closes evaluations, and enters the sheets members send
  on paper, by fax or by hand (代理入力).
- A member (委員) whose account the secretariat linked to the council works in the workspace: rates and
  comments in open evaluation rounds, their own ratings only.
- Everyone sees the public side: members' public names, meetings, approved minutes,
  recommendations with their status, and published evaluations.
"""

import rules

from kyodo.core.models import Department, Organisation
from kyodo.core.rules import (
    departments_for, is_coordinator, is_org_admin, is_org_staff, is_platform_admin,
)

from .models import (
    Activity, Application, Call, Council, CouncilBudget, EvaluationRound, Meeting, Member,
    Recommendation, RecommendationReport,
)


def council_of(obj):
    """The council a record belongs to (None for anything else)."""
    if isinstance(obj, Council):
        return obj
    if isinstance(obj, (Member, CouncilBudget, Call, Meeting, Activity, RecommendationReport,
                        EvaluationRound)):
        return obj.council if obj.council_id else None
    if isinstance(obj, Application):
        return obj.call.council
    if isinstance(obj, Recommendation):
        return obj.report.council if obj.report_id else None
    return None


def _organisation(obj):
    if isinstance(obj, Organisation):
        return obj
    council = council_of(obj)
    return council.organisation if council else None


@rules.predicate
def runs_the_organisation(user, obj):
    organisation = _organisation(obj)
    return organisation is not None and (is_coordinator(user, organisation)
                                         or is_org_admin(user, organisation))


@rules.predicate
def is_secretariat_staff(user, obj):
    council = council_of(obj)
    return council is not None and council.secretariat_id in departments_for(user)


@rules.predicate
def is_member_of_council(user, obj):
    council = council_of(obj)
    if council is None or not user.is_authenticated:
        return False
    return any(m.council_id == council.pk for m in serving_memberships(user))


@rules.predicate
def is_member_in_organisation(user, obj):
    organisation = _organisation(obj)
    return organisation is not None and any(
        m.council.organisation_id == organisation.pk for m in serving_memberships(user))


@rules.predicate
def is_open_round(user, obj):
    return isinstance(obj, EvaluationRound) and obj.status == EvaluationRound.Status.OPEN


def secretariat_choices(user, organisation):
    """The departments the user may make a council's secretariat: any of the organisation's
    for those who run it; otherwise only the user's own, so that a secretariat cannot hand
    its council to another department."""
    departments = Department.objects.filter(organisation=organisation)
    if is_platform_admin(user) or runs_the_organisation(user, organisation):
        return departments
    return departments.filter(pk__in=departments_for(user))


def serving_memberships(user):
    """The user's member records (linked by the secretariat, and the link accepted through
    its invitation), cached on the user for the request. Linking and unlinking the account
    is how the secretariat opens and ends a member's access; the term itself is public
    information, not a gate, so that a round evaluating a past year can still be completed by
    the members who served then."""
    if not user.is_authenticated:
        return []
    if "_kyodo_memberships" not in user.__dict__:
        user.__dict__["_kyodo_memberships"] = list(
            Member.objects.filter(user=user, user_accepted_at__isnull=False)
            .select_related("council"))
    return user.__dict__["_kyodo_memberships"]


secretariat = is_platform_admin | runs_the_organisation | is_secretariat_staff

rules.add_perm("councils.use_workspace",
               is_platform_admin | is_org_staff | is_member_in_organisation)
rules.add_perm("councils.manage_council", secretariat)
rules.add_perm("councils.view_applications", secretariat)
rules.add_perm("councils.record_response", secretariat)
rules.add_perm("councils.run_evaluation", secretariat)
rules.add_perm("councils.enter_sheet", secretariat)
rules.add_perm("councils.rate", is_member_of_council & is_open_round)
