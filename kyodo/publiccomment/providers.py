"""What 意見公募 declares to the site-wide pages (kyodo/core/modules.py): open calls for
「いま参加できること」, deadlines for the calendar, published drafts and results for the search,
the results as an open dataset, a signed-in person's comments for /my/, and the heaviest
results page for scripts/bench. Each runs a constant number of queries and returns only what
is public (my items: only the person's own comments; never a name or a contact)."""

import datetime

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.core import modules

from . import queries
from .models import Call, OpinionItem, Section


def _url(call, name="publiccomment:call"):
    return reverse(name, args=[call.organisation.slug, call.pk])


def opportunities(organisation_ids, now):
    today = timezone.localdate(now) if timezone.is_aware(now) else now.date()
    for call in queries.open_calls(organisation_ids, today):
        yield modules.Opportunity(
            organisation_id=call.organisation_id, kind=_("意見公募"), title=call.title, url=_url(call),
            closes=call.closes_on, summary=call.summary[:200])


def calendar(start, end, organisation_ids, limit=None):
    """The last day of each announced call, as an all-day entry."""
    start_day = timezone.localtime(start).date() if isinstance(start, datetime.datetime) else start
    end_day = timezone.localtime(end).date() if isinstance(end, datetime.datetime) else end
    calls = (Call.objects.exclude(status=Call.Status.DRAFT)
             .filter(closes_on__gte=start_day, closes_on__lt=end_day).select_related("organisation"))
    if organisation_ids is not None:
        calls = calls.filter(organisation_id__in=organisation_ids)
    for call in calls.order_by("closes_on", "id")[:limit]:
        yield modules.CalendarEntry(
            organisation_id=call.organisation_id, kind=_("意見公募締切"),
            title=_("意見公募「%(title)s」締切") % {"title": call.title}, url=_url(call),
            starts=call.closes_on, uid=f"publiccomment.deadline:{call.pk}")


def search_documents(ids):
    """Announced calls (the draft, its reason and sections) and, once published, the results
    (the opinion items and the administration's views) — never a commenter's data."""
    calls = Call.objects.exclude(status=Call.Status.DRAFT).select_related("organisation", "department")
    if ids is not None:
        calls = calls.filter(pk__in=ids)
    calls = list(calls.prefetch_related("sections"))
    items = {}
    for item in OpinionItem.objects.filter(call__in=[c.pk for c in calls if c.status == Call.Status.PUBLISHED]) \
            .order_by("call_id", "number"):
        items.setdefault(item.call_id, []).append(item)
    for call in calls:
        parts = [call.summary, call.reason] + [f"{s.heading} {s.final_text or s.text}" for s in call.sections.all()]
        if call.status == Call.Status.PUBLISHED:
            parts.append(call.results_summary)
            parts += [f"{i.summary} {i.response}" for i in items.get(call.pk, [])]
        yield modules.SearchDocument(
            key=f"publiccomment.call:{call.pk}", organisation_id=call.organisation_id, module="publiccomment",
            kind=_("意見公募の結果") if call.status == Call.Status.PUBLISHED else _("意見公募"),
            title=call.title, body="\n".join(p for p in parts if p),
            url=_url(call, "publiccomment:results" if call.status == Call.Status.PUBLISHED else "publiccomment:call"),
            published_at=call.results_published_at or call.announced_at)


def _call_ids_of(instance):
    return [instance.call_id]


def dataset_rows(organisation_ids):
    return dict(OpinionItem.objects.filter(call__organisation_id__in=organisation_ids,
                                           call__status=Call.Status.PUBLISHED)
                .values_list("call__organisation_id").annotate(n=Count("id")).order_by())


def dataset_updated(organisation_ids):
    return dict(Call.objects.filter(organisation_id__in=organisation_ids, status=Call.Status.PUBLISHED)
                .values_list("organisation_id").annotate(at=Max("results_published_at")).order_by())


def my_items(user):
    if not user.is_authenticated:
        return []
    found = []
    for comment in queries.my_comments(user)[:200]:
        call = comment.call
        found.append(modules.MyItem(
            kind=_("意見公募への意見"), title=f"{call.title}(受付番号 {comment.receipt_number})",
            status=str(call.phase_label),
            url=_url(call, "publiccomment:results" if call.status == Call.Status.PUBLISHED else "publiccomment:call"),
            updated=call.results_published_at or comment.submitted_at))
    return found


def _calls_by(field, ids):
    """The announced calls held on these revisions or recommendations, linked by their state."""
    calls = (Call.objects.exclude(status=Call.Status.DRAFT).filter(**{f"{field}__in": ids})
             .select_related("organisation").order_by("announced_at", "pk"))
    found = {}
    for call in calls:
        published = call.status == Call.Status.PUBLISHED
        found.setdefault(getattr(call, field), []).append(modules.RecordLink(
            label=_("意見公募の結果") if published else _("意見公募"), title=call.title,
            url=_url(call, "publiccomment:results" if published else "publiccomment:call")))
    return found


def revision_links(ids):
    return _calls_by("plan_revision_id", ids)


def recommendation_links(ids):
    return _calls_by("recommendation_id", ids)


def bench_targets():
    """The published results page with the most comments, and the open calls list."""
    heaviest = (Call.objects.filter(status=Call.Status.PUBLISHED).annotate(n=Count("comments"))
                .order_by("-n", "pk").select_related("organisation").first())
    if heaviest is None:
        return []
    return [
        ("publiccomment.results", _("意見公募の結果(%(n)d件の意見)") % {"n": heaviest.n},
         _url(heaviest, "publiccomment:results")),
        ("publiccomment.index", _("意見公募の一覧"), reverse("publiccomment:index", args=[heaviest.organisation.slug])),
        ("publiccomment.api_results", _("API: 意見公募の結果"), reverse("api-v1:publiccomment_results",
                                                                   args=[heaviest.pk])),
    ]


def register():
    modules.register_opportunities(opportunities)
    modules.register_calendar(calendar)
    modules.register_search(modules.SearchSource(
        name="publiccomment.call", model=Call, documents=search_documents,
        follows={OpinionItem: _call_ids_of, Section: _call_ids_of}))
    modules.register_dataset(modules.Dataset(
        name="publiccomment.opinions", title=_("意見公募の結果(意見の概要と市の考え方)"),
        description=_("公表した意見公募ごとの、意見の概要・市の考え方・修正の有無。提出者の氏名等は含みません。"),
        url_name="publiccomment:open_data", rows=dataset_rows, updated=dataset_updated))
    modules.register_my_items(my_items)
    modules.register_bench_targets(bench_targets)
    modules.register_record_links("plans.revision", revision_links)
    modules.register_record_links("councils.recommendation", recommendation_links)
