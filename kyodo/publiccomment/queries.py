"""The reads the pages of 意見公募 share, each a constant number of queries whatever the number
of comments: the public list, a call with its documents and sections, the results (counts by
channel and commenter type, the opinion table, the final text as a diff), the staff lists."""

import difflib

from django.db.models import Count, Prefetch

from kyodo.core import corrections

from .models import Call, Channel, Comment, CommenterType, Document, OpinionItem, Section


def public_calls(organisation):
    return (Call.objects.filter(organisation=organisation).exclude(status=Call.Status.DRAFT)
            .select_related("department", "organisation").order_by("-opens_on", "-id"))


def call_detail(organisation, call_id, *, public=True, with_text=True):
    """The call with what its pages show; ``with_text=False`` leaves out its documents and
    sections (the results read their own)."""
    calls = Call.objects.filter(organisation=organisation).select_related("organisation", "department")
    if public:
        calls = calls.exclude(status=Call.Status.DRAFT)
    if with_text:
        # The links to a plan, a revision or a recommendation are read with the text; the
        # results read them only inside their shared fragment. (Joining all eight tables on
        # every request cost PostgreSQL 5 ms of planning for a 1 ms query.)
        calls = calls.select_related("plan", "plan_revision__item__plan",
                                     "recommendation__report__council")
        calls = calls.prefetch_related(
            Prefetch("documents", queryset=Document.objects.order_by("id")),
            Prefetch("sections", queryset=Section.objects.order_by("number")))
    return calls.filter(pk=call_id).first()


def counts(call):
    """Comments by channel and by commenter type (two small grouped queries), every choice
    listed, zeros included."""
    by_channel = dict(call.comments.values_list("channel").annotate(n=Count("id")).order_by())
    by_type = dict(call.comments.values_list("commenter_type").annotate(n=Count("id")).order_by())
    return {
        "total": sum(by_channel.values()),
        "by_channel": [{"key": value, "label": label, "count": by_channel.get(value, 0)}
                       for value, label in Channel.choices],
        "by_type": [{"key": value, "label": label, "count": by_type.get(value, 0)}
                    for value, label in CommenterType.choices],
    }


def opinion_items(call):
    """The opinion items with their section and the number of comments behind each."""
    return list(call.opinion_items.select_related("section").annotate(n_comments=Count("comments"))
                .order_by("number"))


def diff(before, after):
    """The change from ``before`` to ``after`` as runs of ("equal"|"delete"|"insert", text):
    whole lines first (an added sentence reads as one addition), then character by character
    within the lines that changed (Japanese has no spaces between words)."""
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    runs = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in lines.get_opcodes():
        old, new = "".join(old_lines[a1:a2]), "".join(new_lines[b1:b2])
        if op == "equal":
            runs.append(("equal", old))
        elif op == "replace":
            chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
            for cop, c1, c2, d1, d2 in chars.get_opcodes():
                if cop == "equal":
                    runs.append(("equal", old[c1:c2]))
                else:
                    if c2 > c1:
                        runs.append(("delete", old[c1:c2]))
                    if d2 > d1:
                        runs.append(("insert", new[d1:d2]))
        else:
            if old:
                runs.append(("delete", old))
            if new:
                runs.append(("insert", new))
    return runs


def final_text(call):
    """Each section with its final text and, when it changed, the diff from the draft."""
    sections = list(call.sections.order_by("number"))
    for section in sections:
        section.diff = diff(section.text, section.final_text) if section.changed else None
    return sections


def published_comments(call):
    """The comments as the public may read them (only when the call says so): number, type,
    section, the (masked) text — never a name, address or contact."""
    return (call.comments.select_related("section").order_by("sequence")
            .only("id", "call_id", "sequence", "commenter_type", "channel", "section__number", "section__heading",
                  "body", "masked_at", "mask_reason"))


def results(call, *, with_comments=False):
    """Everything the results page (and its PDF) shows, in a fixed number of queries."""
    items = opinion_items(call)
    trail = corrections.corrections_of(items)
    sections = final_text(call)
    section_trail = corrections.corrections_of(sections)
    context = {
        "counts": counts(call), "items": items, "sections": sections,
        "item_trail": trail, "section_trail": section_trail,
        "modified_count": sum(1 for item in items if item.modified),
    }
    if with_comments and call.publish_comments:
        context["comments"] = published_comments(call)
    return context


def staff_calls(organisation, user):
    """The calls on the staff list, with comment counts; those the user may manage first."""
    return (Call.objects.filter(organisation=organisation).select_related("department")
            .annotate(n_comments=Count("comments", distinct=True),
                      n_items=Count("opinion_items", distinct=True))
            .order_by("-opens_on", "-id"))


def staff_comments(call, *, ungrouped=False, channel=None):
    comments = (call.comments.select_related("section", "entered_by")
                .prefetch_related(Prefetch("opinion_items", queryset=OpinionItem.objects.only("id", "number", "call_id")))
                .order_by("sequence"))
    if ungrouped:
        comments = comments.filter(opinion_items__isnull=True)
    if channel:
        comments = comments.filter(channel=channel)
    return comments


def ungrouped_count(call):
    return call.comments.filter(opinion_items__isnull=True).count()


def open_calls(organisation_ids=None, today=None):
    """Calls announced and open on ``today`` (募集中)."""
    from django.utils import timezone

    today = today or timezone.localdate()
    calls = Call.objects.filter(status=Call.Status.ANNOUNCED, opens_on__lte=today, closes_on__gte=today)
    if organisation_ids is not None:
        calls = calls.filter(organisation_id__in=organisation_ids)
    return calls.select_related("organisation", "department").order_by("closes_on", "id")


def my_comments(user):
    return (Comment.objects.filter(user=user).select_related("call__organisation")
            .order_by("-submitted_at"))


def comment_totals(calls):
    """{call id: number of comments} for many calls in one query."""
    return dict(Comment.objects.filter(call__in=calls).values_list("call_id").annotate(n=Count("id")).order_by())



