"""The 出前講座 request workflow as one table, and the one function that applies a step.

    申込 ─receive─► 受付 ─route─► 回付 ─schedule─► 日程調整 ─decide─► 決定 ─hold─► 実施 ─report─► 実施報告済
                     ◄────── return (受付窓口へ戻す, reason required) ─┘
      └───────────────┴──── decline (お断り, reason required) ───────┘
      └───────────────┴──── withdraw (取下げ, by the applicant) ─────────────────┘

Who may take a step is in ``rules.py``; the applicant withdraws with the receipt number and
e-mail address instead of an account.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.actions import acting_as

from .models import Request, Transition

S = Request.Status
OPEN_STATES = frozenset({S.SUBMITTED, S.RECEIVED, S.ROUTED, S.SCHEDULING})


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset
    target: str
    permission: str  # "" for the applicant's own step
    note_required: bool = False


STEPS = {s.name: s for s in (
    Step("receive", _("受付"), frozenset({S.SUBMITTED}), S.RECEIVED, "lectures.receive"),
    Step("route", _("担当課へ回付"), frozenset({S.RECEIVED}), S.ROUTED, "lectures.receive"),
    Step("schedule", _("日程調整を始める"), frozenset({S.ROUTED}), S.SCHEDULING, "lectures.handle"),
    # A department that is not the right one sends the request back for routing again.
    Step("return", _("受付窓口へ戻す"), frozenset({S.ROUTED, S.SCHEDULING}), S.RECEIVED, "lectures.handle",
         note_required=True),
    Step("decide", _("決定"), frozenset({S.ROUTED, S.SCHEDULING}), S.DECIDED, "lectures.handle"),
    Step("hold", _("実施した"), frozenset({S.DECIDED}), S.HELD, "lectures.handle"),
    Step("report", _("実施報告"), frozenset({S.HELD}), S.REPORTED, "lectures.handle"),
    Step("decline", _("お断り"), OPEN_STATES, S.DECLINED, "lectures.decline", note_required=True),
    Step("withdraw", _("取下げ"), OPEN_STATES | {S.DECIDED}, S.WITHDRAWN, ""),
)}


def available(request):
    return [s for s in STEPS.values() if request.status in s.sources and s.permission]


def apply(actor, request, name, *, note="", by_applicant=False, changes=None):
    """Take step ``name``: refuse it unless it can follow the current state (re-read under a
    lock), apply ``changes`` to the request, and record the transition (kept on the request as
    ``last_transition``, for the notices that depend on where it came from)."""
    step = STEPS[name]
    note = (note or "").strip()
    if step.note_required and not note:
        raise ValidationError({"note": _("%(step)sの理由を書いてください。") % {"step": step.label}})
    with acting_as(actor), transaction.atomic():
        current = Request.objects.select_for_update().get(pk=request.pk)
        if current.status not in step.sources:
            raise ValidationError(_("「%(status)s」の申込には「%(step)s」はできません。") % {
                "status": current.get_status_display(), "step": step.label}, code="illegal")
        from_status = current.status
        for field, value in (changes or {}).items():
            setattr(request, field, value)
        request.status = step.target
        request.save()
        request.last_transition = Transition.objects.create(
            request=request, from_status=from_status, to_status=step.target,
            actor=actor if actor is not None and actor.is_authenticated else None,
            by_applicant=by_applicant, at=timezone.now(), note=note)
    return request
