"""The 意見公募 workflow as one table, and the one function that applies a step.

    作成中 ─announce─► 公示 (予告 → 募集中 → 締切, read from the dates)
                        └─review (after the last day)─► 集計・検討 ─publish─► 結果公表

A published call is corrected, never rewound: its published fields change through
``core.corrections`` with a reason shown on the public page.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core.actions import acting_as

from .models import Call

S = Call.Status
P = Call.Phase


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset  # phases the step may follow
    target: str


STEPS = {s.name: s for s in (
    Step("announce", _("公示する"), frozenset({P.DRAFT}), S.ANNOUNCED),
    Step("review", _("集計・検討を始める"), frozenset({P.CLOSED}), S.REVIEWING),
    Step("publish", _("結果を公表する"), frozenset({P.REVIEWING}), S.PUBLISHED),
)}

STAMPS = {S.ANNOUNCED: "announced_at", S.PUBLISHED: "results_published_at"}


def available(call):
    phase = call.current_phase
    return [step for step in STEPS.values() if phase in step.sources]


def apply(actor, call, name, *, changes=None):
    """Take step ``name`` if it can follow the call's phase (re-read under a lock)."""
    step = STEPS[name]
    with acting_as(actor), transaction.atomic():
        current = Call.objects.select_for_update().get(pk=call.pk)
        phase = current.phase()
        if phase not in step.sources:
            raise ValidationError(_("「%(phase)s」の意見公募には「%(step)s」はできません。") % {
                "phase": P(phase).label, "step": step.label}, code="illegal")
        for field, value in (changes or {}).items():
            setattr(call, field, value)
        call.status = step.target
        if step.target in STAMPS:
            setattr(call, STAMPS[step.target], timezone.now())
        call.full_clean()
        call.save()
    return call
