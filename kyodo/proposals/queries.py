"""The reads pages share: calls, a proposer's proposals, a reviewer's list, the ranking and the
published results — each a fixed number of queries whatever the number of proposals."""

from django.db.models import Count, Exists, OuterRef, Q

from . import scoring
from .models import Call, Criterion, PanelMember, Proposal, Recusal, Score


def public_calls(organisation):
    return (Call.objects.filter(organisation=organisation).exclude(status=Call.Status.DRAFT)
            .select_related("organisation", "department")
            .annotate(theme_count=Count("themes", distinct=True))
            .order_by("-fiscal_year", "-opens_at"))


def call_detail(organisation, pk):
    return (Call.objects.select_related("organisation", "department")
            .prefetch_related("themes__department", "documents", "phases", "criteria")
            .get(organisation=organisation, pk=pk))


def submitted(call):
    return (call.proposals.exclude(status__in=[Proposal.Status.DRAFT, Proposal.Status.WITHDRAWN])
            .select_related("theme", "theme__department", "call", "call__organisation", "partner",
                            "partner__organisation", "project", "project__organisation"))


def proposals_for_reviewer(call, user):
    """The submitted proposals a panel member may see: all but those they are recused from."""
    recused = Recusal.objects.filter(proposal=OuterRef("pk"), member__user=user)
    return submitted(call).exclude(Exists(recused)).order_by("theme__number", "id")


def ranking(call):
    """Every submitted proposal's scoring.Result, ranked; and the criteria and panel.

    Scores count from submitted sheets of reviewers not recused from the proposal."""
    criteria = list(call.criteria.all())
    panel = list(call.panel.all())
    proposals = {p.pk: p for p in submitted(call)}
    recused = set(Recusal.objects.filter(proposal__call=call).values_list("member_id", "proposal_id"))
    rows = (Score.objects.filter(sheet__proposal__call=call, sheet__submitted_at__isnull=False)
            .values_list("sheet__proposal_id", "sheet__member_id", "criterion_id", "value"))
    by_proposal = {pk: [] for pk in proposals}
    for proposal_id, member_id, criterion_id, value in rows:
        if proposal_id in by_proposal and (member_id, proposal_id) not in recused:
            by_proposal[proposal_id].append((member_id, criterion_id, value))
    weights = [(c.pk, c.weight) for c in criteria]
    titles = {c.pk: c.title for c in criteria}
    results = [scoring.evaluate(pk, weights, scores, pass_mark=call.pass_mark,
                                floor=call.criterion_floor, titles=titles)
               for pk, scores in by_proposal.items()]
    ranked = scoring.rank(results)
    for result in ranked:
        result.proposal = proposals[result.proposal_id]
    return {"criteria": criteria, "panel": panel, "results": ranked, "recused": recused}


def published_results(call):
    """The published lists: adopted and rejected, each with totals per criterion."""
    data = ranking(call)
    for result in data["results"]:
        result.lines = [(c, result.means.get(c.pk), [(m, result.by_member.get(m.pk, {}).get(c.pk))
                                                      for m in data["panel"]])
                        for c in data["criteria"]]
    adopted = [r for r in data["results"] if r.proposal.status == Proposal.Status.ADOPTED]
    rejected = [r for r in data["results"] if r.proposal.status == Proposal.Status.REJECTED]
    return {**data, "adopted": adopted, "rejected": rejected}


def my_proposals(user):
    from kyodo.collaboration.rules import partner_ids_of

    return (Proposal.objects.filter(Q(created_by=user) | Q(partner_id__in=partner_ids_of(user)))
            .select_related("call", "call__organisation", "theme").order_by("-created_at"))


def panel_calls(user):
    return (PanelMember.objects.filter(user=user).select_related("call", "call__organisation")
            .order_by("-call__fiscal_year"))


def criteria_of_stage(call):
    return list(Criterion.objects.filter(call=call, stage=call.stage))
