"""The 進捗報告 workflow: which step may follow which, as one table, and the one function
that applies a step.

    作成中 ──submit──► 提出済 ──approve──► 承認済 ──publish──► 公表済
       ▲                 │                   │
       │                 └──return──► 差戻し ◄┘ (return, with a comment)
       └─────────────── submit (again) ◄──┘

Who may take a step is decided in ``rules.py`` and checked by ``actions.py``; this module
knows only the states. Every step is recorded as a ``ReportTransition`` (from, to, who, when,
comment) in the same transaction as the change, with the audit log's actor set.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.actions import acting_as

from .models import ActionItem, ProgressReport, ReportTransition

S = ProgressReport.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    permission: str
    comment_required: bool = False
    #: Said when the report is in a state this step cannot start from.
    refusal: str = ""


TRANSITIONS = {
    t.name: t for t in (
        Transition("submit", _("提出"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED,
                   "plans.report_on_item",
                   refusal=_("作成中または差戻しの進捗報告だけを提出できます。")),
        Transition("return", _("差戻し"), frozenset({S.SUBMITTED, S.APPROVED}), S.RETURNED,
                   "plans.review_report", comment_required=True,
                   refusal=_("提出済または承認済の進捗報告だけを差し戻せます。")),
        Transition("approve", _("承認"), frozenset({S.SUBMITTED}), S.APPROVED,
                   "plans.review_report",
                   refusal=_("提出済の進捗報告だけを承認できます。")),
        Transition("publish", _("公表"), frozenset({S.APPROVED}), S.PUBLISHED,
                   "plans.review_report",
                   refusal=_("承認されていない進捗報告は公表できません。主管課の承認を先に受けてください。")),
    )
}


def available(report):
    """The steps that can follow the report's current state (whoever takes them)."""
    return [t for t in TRANSITIONS.values() if report.status in t.sources]


def apply(actor, report, name, *, comment="", at=None):
    """Take step ``name`` on ``report``, recording who, when and the comment.

    Refuses an unknown step, a step that cannot follow the current state, or a missing
    comment where one is required, with a ValidationError in Japanese. The report is re-read
    under a lock, so two people approving at once cannot both succeed. ``at`` is for imports
    and the demo, which replay steps taken in the past.
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("不明な手続です: %(name)s") % {"name": name}, code="unknown")
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise ValidationError(
            {"comment": _("%(step)sの理由をコメントに入力してください。") % {"step": transition.label}},
            code="comment_required",
        )
    at = at or timezone.now()
    with acting_as(actor), transaction.atomic():
        current = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if current.status not in transition.sources:
            raise ValidationError(transition.refusal, code="illegal_transition")
        from_status = current.status
        report.status = transition.target
        fields = ["status", "updated_at"]
        if transition.target == S.PUBLISHED:
            report.published_at = at
            report.item_title = report.item.title
            fields += ["published_at", "item_title"]
        report.save(update_fields=fields)
        ReportTransition.objects.create(
            report=report, from_status=from_status, to_status=transition.target,
            actor=actor if actor is not None and actor.is_authenticated else None,
            at=at, comment=comment,
        )
        if transition.target == S.PUBLISHED:
            settle_item(report.item)
    return report


def settle_item(item):
    """The item shows the status and progress of its latest published report (by period, then
    publication); after the last one is withdrawn, those of an item nobody reported on yet.
    Called on publication, correction and withdrawal."""
    published = ProgressReport.objects.filter(item=item, status=S.PUBLISHED).only(
        "fiscal_year", "period", "published_at", "item_status", "progress",
    )
    latest = max(published, default=None,
                 key=lambda r: (r.period_key, r.published_at or timezone.now(), r.pk))
    if latest is None:
        state = (ActionItem._meta.get_field("status").default,
                 ActionItem._meta.get_field("progress").default)
    else:
        state = (latest.item_status, latest.progress)
    if (item.status, item.progress) != state:
        item.status, item.progress = state
        item.save(update_fields=["status", "progress"])
