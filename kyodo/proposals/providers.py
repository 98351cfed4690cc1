"""What 協働事業提案制度 declares to the site-wide pages (core.modules): open calls for
「いま参加できること」, public presentations for the calendar, published calls and results for the
search, the results dataset, a person's proposals for /my/, and the bench targets. Each runs a
fixed number of queries and gives only public data (my items: only the person's own)."""

import datetime

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core import modules

from .models import Call, Phase, Proposal

DECIDED = [Proposal.Status.ADOPTED, Proposal.Status.REJECTED]


def _orgs(qs, organisation_ids, path="organisation_id"):
    return qs if organisation_ids is None else qs.filter(**{f"{path}__in": organisation_ids})


def opportunities(organisation_ids, now):
    calls = _orgs(Call.objects.filter(status=Call.Status.OPEN, opens_at__lte=now, closes_at__gte=now)
                  .select_related("organisation"), organisation_ids)
    for call in calls:
        yield modules.Opportunity(
            organisation_id=call.organisation_id, kind=_("提案募集"), title=call.title,
            url=reverse("proposals:call", args=[call.organisation.slug, call.pk]),
            closes=call.closes_at, summary=str(call.get_kind_display()))


def calendar(start, end, organisation_ids, limit=None):
    """The public presentations (公開プレゼンテーション) of public calls."""
    phases = _orgs(Phase.objects.filter(kind=Phase.Kind.PRESENTATION)
                   .exclude(call__status=Call.Status.DRAFT)
                   .filter(Q(starts_at__gte=start, starts_at__lt=end)
                           | Q(starts_at__isnull=True, starts_on__gte=start.date() if isinstance(start, datetime.datetime) else start,
                               starts_on__lt=end.date() if isinstance(end, datetime.datetime) else end))
                   .select_related("call", "call__organisation"), organisation_ids, "call__organisation_id")
    for phase in phases.order_by("starts_at", "starts_on", "pk")[:limit]:
        call = phase.call
        yield modules.CalendarEntry(
            organisation_id=call.organisation_id, kind=_("公開プレゼンテーション"),
            title=_("%(call)s 公開プレゼンテーション") % {"call": call.title},
            url=reverse("proposals:call", args=[call.organisation.slug, call.pk]),
            starts=phase.starts_at or phase.starts_on, ends=phase.ends_on if not phase.starts_at else None,
            place=phase.place, uid=f"proposals.phase:{phase.pk}")


def call_documents(ids):
    calls = Call.objects.exclude(status=Call.Status.DRAFT).select_related("organisation")
    if ids is not None:
        calls = calls.filter(pk__in=ids)
    for call in calls:
        yield modules.SearchDocument(
            key=f"proposals.call:{call.pk}", organisation_id=call.organisation_id,
            module="proposals", kind=_("提案募集"), title=call.title,
            body="\n".join(filter(None, [call.summary, call.eligibility, call.review_comment,
                                         str(call.get_kind_display())])),
            url=reverse("proposals:call", args=[call.organisation.slug, call.pk]),
            fiscal_year=call.fiscal_year, published_at=call.published_at or call.opens_at)


def result_documents(ids):
    """Each decided proposal of a call whose results are published and not withdrawn (no
    contact details)."""
    proposals = (Proposal.objects.filter(status__in=DECIDED, call__status=Call.Status.PUBLISHED,
                                         call__results_withdrawn_at__isnull=True)
                 .select_related("call", "call__organisation", "theme"))
    if ids is not None:
        proposals = proposals.filter(pk__in=ids)
    for p in proposals:
        yield modules.SearchDocument(
            key=f"proposals.result:{p.pk}", organisation_id=p.call.organisation_id,
            module="proposals", kind=_("提案の審査結果"),
            title=f"{p.title}({p.get_status_display()})",
            body="\n".join([p.group_name, p.summary, p.theme.title, p.decision_reason]),
            url=reverse("proposals:results", args=[p.call.organisation.slug, p.call_id]),
            fiscal_year=p.call.fiscal_year, published_at=p.call.published_at)


SEARCH_SOURCES = [
    modules.SearchSource(name="proposals.call", model=Call, documents=call_documents),
    modules.SearchSource(name="proposals.result", model=Proposal, documents=result_documents,
                         follows={Call: lambda call: list(call.proposals.values_list("pk", flat=True))}),
]


def _result_counts(organisation_ids):
    qs = _orgs(Proposal.objects.filter(status__in=DECIDED, call__status=Call.Status.PUBLISHED,
                                       call__results_withdrawn_at__isnull=True),
               organisation_ids, "call__organisation_id")
    return dict(qs.values_list("call__organisation_id").annotate(n=Count("id")).order_by())


def _result_updated(organisation_ids):
    qs = _orgs(Call.objects.filter(status=Call.Status.PUBLISHED, results_withdrawn_at__isnull=True),
               organisation_ids)
    return dict(qs.values_list("organisation_id").annotate(m=Max("published_at")).order_by())


DATASET = modules.Dataset(
    name="proposals.results", title=gettext_lazy("協働事業提案の審査結果"),
    description=gettext_lazy("提案募集ごとの採択・不採択の提案、団体名、テーマ・コース、事業費、合計点と選定の理由"),
    url_name="proposals:index", rows=_result_counts, updated=_result_updated)


def my_items(user):
    from .queries import my_proposals

    if not user.is_authenticated:
        return []
    return [modules.MyItem(
        kind=_("協働事業の提案"), title=p.title,
        status=str(p.get_status_display()) if p.status not in DECIDED or p.call.results_published
        else str(Proposal.Status.SUBMITTED.label),
        url=reverse("proposals:proposal", args=[p.call.organisation.slug, p.pk]),
        updated=p.submitted_at or p.created_at) for p in my_proposals(user)]


def bench_targets():
    call = (Call.objects.filter(status=Call.Status.PUBLISHED).select_related("organisation")
            .annotate(n=Count("proposals")).order_by("-n", "pk").first())
    if call is None:
        return []
    slug = call.organisation.slug
    return [
        ("proposals.results", _("提案募集の審査結果"), reverse("proposals:results", args=[slug, call.pk])),
        ("proposals.index", _("協働事業提案制度"), reverse("proposals:index", args=[slug])),
    ]


def results_rows(organisation):
    """Rows of the results download: decided proposals of published calls (public columns), not
    of results withdrawn (取下げ)."""
    proposals = (Proposal.objects.filter(call__organisation=organisation, status__in=DECIDED,
                                         call__status=Call.Status.PUBLISHED,
                                         call__results_withdrawn_at__isnull=True)
                 .select_related("call", "theme").order_by("-call__fiscal_year", "call_id", "-total", "id"))
    for p in proposals.iterator(chunk_size=2000):
        yield {
            "fiscal_year": p.call.fiscal_year, "call": p.call.title,
            "kind": str(p.call.get_kind_display()), "theme": p.theme.title,
            "group": p.group_name, "title": p.title, "amount": p.amount,
            "total": p.total, "status": str(p.get_status_display()), "reason": p.decision_reason,
            "published": timezone.localtime(p.call.published_at).date() if p.call.published_at else None,
        }
