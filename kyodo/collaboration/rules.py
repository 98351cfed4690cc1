"""Who may do what in 協働 — the one place these rules live.

- The coordinator (主管課: ``Role.COORDINATOR``, e.g. 生活振興課 of 北海道), the organisation
  admin and platform admins *run* collaboration: open, close, reopen and publish survey
  campaigns, send reminders, verify partner profiles, start and publish evaluations, keep the
  initiatives timeline; and keep the data the other screens stand on: the partner directory
  and its members, the evaluation templates and their criteria.
- Department staff answer the survey for their own department only (register, confirm,
  declare none), keep their own department's projects, and fill in the administration side of
  their projects' evaluation sheets.
- Partner members (users linked to a partner through ``PartnerMember``) keep their partner's
  profile (edits wait for staff verification) and fill in the partner side of its evaluations.
- A sheet is sealed: until both sides have submitted, each side sees only its own sheet, and
  the coordinator sees neither's ratings (only whether they are submitted). Once both are in,
  both parties and the coordinator see both; after publication everyone does.

Objects: Organisation, Partner, PartnerMember, Project, SurveyCampaign, SurveyResponse,
Evaluation, EvaluationSheet, EvaluationTemplate, EvaluationCriterion, Initiative. Each is traced to its organisation; list pages select_related what the
checks read, so the checks cost no queries.
"""

import rules

from kyodo.core.models import Organisation
from kyodo.core.rules import (
    departments_for, is_coordinator, is_org_admin, is_org_staff, is_partner_member,
    is_platform_admin,
)

from .models import (
    Evaluation, EvaluationCriterion, EvaluationSheet, EvaluationTemplate, Initiative, Partner,
    PartnerMember, Project, Side, SurveyCampaign, SurveyResponse,
)


def organisation_scope(obj):
    """Something with ``organisation_id`` for the foundation's role predicates."""
    if isinstance(obj, (Organisation, Partner, Project, SurveyCampaign, EvaluationTemplate,
                        Initiative)):
        return obj
    if isinstance(obj, PartnerMember):
        return obj.partner
    if isinstance(obj, EvaluationCriterion):
        return obj.template
    if isinstance(obj, SurveyResponse):
        return obj.campaign
    if isinstance(obj, Evaluation):
        return obj.project
    if isinstance(obj, EvaluationSheet):
        return obj.evaluation.project
    return None


def partner_ids_of(user):
    """IDs of the partners the user is a member of, read once and cached on the user."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kyodo_partner_ids", None)
    if cached is None:
        # A membership counts once the user has accepted its invitation (core.invitations).
        cached = frozenset(PartnerMember.objects.filter(user=user, accepted_at__isnull=False)
                           .values_list("partner_id", flat=True))
        user._kyodo_partner_ids = cached
    return cached


def forget_partners(user):
    user.__dict__.pop("_kyodo_partner_ids", None)


def evaluation_of(obj):
    if isinstance(obj, Evaluation):
        return obj
    if isinstance(obj, EvaluationSheet):
        return obj.evaluation
    return None


@rules.predicate
def runs_collaboration_here(user, obj):
    scope = organisation_scope(obj)
    return scope is not None and (is_coordinator(user, scope) or is_org_admin(user, scope))


@rules.predicate
def is_staff_here(user, obj):
    return is_org_staff(user, organisation_scope(obj))


@rules.predicate
def is_department_staff_of(user, obj):
    """Staff of the department a response, project or evaluation belongs to."""
    if isinstance(obj, SurveyResponse):
        department_id = obj.department_id
    elif isinstance(obj, Project):
        department_id = obj.department_id
    elif evaluation_of(obj) is not None:
        department_id = evaluation_of(obj).project.department_id
    else:
        return False
    return department_id in departments_for(user)


@rules.predicate
def is_member_of_partner(user, obj):
    if isinstance(obj, Partner):
        partner_id = obj.pk
    elif evaluation_of(obj) is not None:
        partner_id = evaluation_of(obj).partner_id
    else:
        return False
    return partner_id in partner_ids_of(user)


@rules.predicate
def is_sheet_owner(user, sheet):
    """The side whose sheet this is: the project's department, or the partner's members."""
    if not isinstance(sheet, EvaluationSheet):
        return False
    if sheet.side == Side.ADMINISTRATION:
        return is_department_staff_of(user, sheet)
    return is_member_of_partner(user, sheet)


@rules.predicate
def is_sheet_unsubmitted(user, sheet):
    return isinstance(sheet, EvaluationSheet) and sheet.submitted_at is None


@rules.predicate
def is_listed_partner(user, partner):
    return isinstance(partner, Partner) and partner.is_listed


@rules.predicate
def is_public_project(user, project):
    return isinstance(project, Project) and project.is_public


@rules.predicate
def is_published_evaluation(user, obj):
    evaluation = evaluation_of(obj)
    return evaluation is not None and evaluation.status == Evaluation.Status.PUBLISHED


@rules.predicate
def is_revealed(user, obj):
    evaluation = evaluation_of(obj)
    return evaluation is not None and evaluation.status != Evaluation.Status.OPEN


@rules.predicate
def is_evaluation_open(user, obj):
    evaluation = evaluation_of(obj)
    return evaluation is not None and evaluation.status == Evaluation.Status.OPEN


@rules.predicate
def is_evaluation_revealed_only(user, obj):
    evaluation = evaluation_of(obj)
    return evaluation is not None and evaluation.status == Evaluation.Status.REVEALED


runs = is_platform_admin | runs_collaboration_here
evaluation_party = is_department_staff_of | is_member_of_partner

rules.add_perm("collaboration.manage", runs)
rules.add_perm("collaboration.view_staff_area", is_platform_admin | is_staff_here)
#: The workspace (協働の作業画面): staff, and partner members for their evaluations and profile.
rules.add_perm("collaboration.view_workspace", is_platform_admin | is_staff_here | is_partner_member)
rules.add_perm("collaboration.view_partner", is_listed_partner | runs | is_member_of_partner)
rules.add_perm("collaboration.edit_partner_profile", is_member_of_partner)
rules.add_perm("collaboration.verify_partner", runs)
rules.add_perm("collaboration.view_project", is_public_project | runs | is_department_staff_of)
rules.add_perm("collaboration.edit_project", runs | is_department_staff_of)
rules.add_perm("collaboration.answer_survey", is_department_staff_of)
#: 代理入力: the coordinator enters a department's answer received on paper, by mail or by fax.
rules.add_perm("collaboration.answer_on_behalf", runs)
rules.add_perm("collaboration.view_evaluation",
               is_published_evaluation | runs | evaluation_party)
rules.add_perm("collaboration.fill_sheet",
               is_sheet_owner & is_evaluation_open & is_sheet_unsubmitted)
#: Seeing a sheet's ratings: its own side any time; the other side and the coordinator only
#: once both are in; everyone after publication.
rules.add_perm("collaboration.view_sheet",
               is_published_evaluation | is_sheet_owner | (is_revealed & (runs | evaluation_party)))
rules.add_perm("collaboration.write_joint_comment",
               is_evaluation_revealed_only & (runs | evaluation_party))
rules.add_perm("collaboration.publish_evaluation", runs)
#: The coordinator's screens (協働担当): the partner directory (register, correct, members),
#: evaluation templates and their criteria, the initiatives timeline. Objects: the
#: organisation, or a partner / member / template / criterion / initiative of it.
rules.add_perm("collaboration.manage_partners", runs)
rules.add_perm("collaboration.manage_templates", runs)
rules.add_perm("collaboration.manage_initiatives", runs)
