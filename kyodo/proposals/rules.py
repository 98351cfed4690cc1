"""Who may do what in 協働事業提案制度 — the one place these rules live.

- The coordinator (主管課), the organisation admin and platform admins *run* calls: open one,
  set its themes, documents, phases and rubric, appoint the panel, see the ranking with every
  reviewer's scores, decide with a reason, publish the results, turn adopted proposals into
  collaboration projects.
- Anyone signed in may draft a proposal (a group registering on the spot); a partner member
  may propose in its partner's name. The proposer, and the members of its partner, see and
  edit it while it is a draft, and see its status afterwards.
- The department concerned (the theme's 担当課, or else the call's secretariat) sees the
  submitted proposals it is concerned with and records its consultation (協議結果).
- The proposer (and its partner's members) may withdraw it (取下げ, with a reason) until the
  decision; the coordinator and the department concerned still see a withdrawn proposal that had
  been submitted, the panel no longer does.
- Proposers' contact details: only the proposer, the coordinator and the department concerned
  — not the panel, not an organisation admin as such.
- A reviewer (審査委員: a panel member of the call who holds the reviewer role) sees the
  submitted proposals of the call except those they declared a conflict on — of those they see
  nothing at all — and scores blind: their own sheets only.
"""

import rules

from kyodo.collaboration.rules import partner_ids_of
from kyodo.core.models import Organisation, Role
from kyodo.core.rules import (
    departments_for, holds, is_coordinator, is_org_admin, is_org_staff, is_platform_admin,
    is_reviewer,
)

from .models import Call, PanelMember, Proposal, ReviewSheet


def call_of(obj):
    if isinstance(obj, Call):
        return obj
    if isinstance(obj, (Proposal, PanelMember)):
        return obj.call
    if isinstance(obj, ReviewSheet):
        return obj.member.call
    return None


def scope_of(obj):
    """Something with ``organisation_id`` for the foundation's role predicates."""
    if isinstance(obj, Organisation):
        return obj
    return call_of(obj)


def panel_of(user):
    """{call id: panel member id} and the set of recused proposal ids, read once per request."""
    if not user.is_authenticated:
        return {}, frozenset()
    cached = getattr(user, "_kyodo_panels", None)
    if cached is None:
        from .models import Recusal

        seats = dict(PanelMember.objects.filter(user=user).values_list("call_id", "id"))
        recused = frozenset(Recusal.objects.filter(member__user=user)
                            .values_list("proposal_id", flat=True)) if seats else frozenset()
        cached = (seats, recused)
        user._kyodo_panels = cached
    return cached


def forget_panels(user):
    user.__dict__.pop("_kyodo_panels", None)


@rules.predicate
def runs_here(user, obj):
    scope = scope_of(obj)
    return scope is not None and (is_coordinator(user, scope) or is_org_admin(user, scope))


@rules.predicate
def is_coordinator_here(user, obj):
    scope = scope_of(obj)
    return scope is not None and is_coordinator(user, scope)


@rules.predicate
def is_staff_here(user, obj):
    return is_org_staff(user, scope_of(obj))


@rules.predicate
def is_public_call(user, obj):
    call = call_of(obj)
    return call is not None and call.is_public


@rules.predicate
def is_proposer(user, proposal):
    if not isinstance(proposal, Proposal) or not user.is_authenticated:
        return False
    return proposal.created_by_id == user.pk or (
        proposal.partner_id is not None and proposal.partner_id in partner_ids_of(user))


@rules.predicate
def is_draft(user, proposal):
    return isinstance(proposal, Proposal) and proposal.status == Proposal.Status.DRAFT


@rules.predicate
def is_submitted(user, proposal):
    return isinstance(proposal, Proposal) and proposal.status not in (
        Proposal.Status.DRAFT, Proposal.Status.WITHDRAWN)


@rules.predicate
def was_handed_in(user, proposal):
    """Submitted at some point — still, or withdrawn after it was (the staff keep seeing it)."""
    return isinstance(proposal, Proposal) and proposal.submitted_at is not None and (
        proposal.status != Proposal.Status.DRAFT)


@rules.predicate
def is_undecided(user, proposal):
    return isinstance(proposal, Proposal) and proposal.status in (
        Proposal.Status.DRAFT, Proposal.Status.SUBMITTED)


@rules.predicate
def is_department_concerned(user, proposal):
    return isinstance(proposal, Proposal) and proposal.department_id in departments_for(user)


@rules.predicate
def sits_on_panel(user, obj):
    """A panel member of the call who (still) holds the reviewer role there."""
    call = call_of(obj)
    if call is None:
        return False
    seats, _recused = panel_of(user)
    return call.pk in seats and holds(user, {Role.REVIEWER}, call)


@rules.predicate
def is_recused(user, proposal):
    return isinstance(proposal, Proposal) and proposal.pk in panel_of(user)[1]


@rules.predicate
def is_screening(user, obj):
    call = call_of(obj)
    return call is not None and call.status == Call.Status.SCREENING


@rules.predicate
def is_adopted(user, proposal):
    return isinstance(proposal, Proposal) and proposal.status == Proposal.Status.ADOPTED


runs = is_platform_admin | runs_here
reviews = sits_on_panel & ~is_recused & is_submitted

rules.add_perm("proposals.manage", runs)
#: The module's workspace: staff of the organisation, and reviewers.
rules.add_perm("proposals.view_workspace", is_platform_admin | is_staff_here | is_reviewer)
rules.add_perm("proposals.view_call", is_public_call | runs)
rules.add_perm("proposals.view_proposal",
               is_proposer | (was_handed_in & (runs | is_department_concerned)) | reviews)
rules.add_perm("proposals.edit_proposal", is_proposer & is_draft)
#: 取下げ: the proposer (or its partner's members), with a reason, until the decision.
rules.add_perm("proposals.withdraw", is_proposer & is_undecided)
#: Contact details (personal data): the proposer, the coordinator, the department concerned.
rules.add_perm("proposals.view_contact",
               is_proposer | (was_handed_in & (is_coordinator_here | is_department_concerned)))
rules.add_perm("proposals.consult", is_submitted & (is_department_concerned | runs))
rules.add_perm("proposals.review", sits_on_panel)
rules.add_perm("proposals.declare_conflict", sits_on_panel & ~is_recused & is_submitted)
rules.add_perm("proposals.score", reviews & is_screening)
rules.add_perm("proposals.view_ranking", runs)
rules.add_perm("proposals.decide", runs)
#: 協定締結日 and the 実施報告: the proposer reports, the coordinator records.
rules.add_perm("proposals.report", is_adopted & (is_proposer | runs))
