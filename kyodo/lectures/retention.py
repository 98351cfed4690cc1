"""How long 出前講座 keeps applicants' personal data (kyodo/core/retention.py): a request's
group contact, venue and free text are anonymised once its case has closed — reported,
withdrawn or declined — and the organisation's retention period has passed. What the
statistics and open data need (theme, dates, audience, status) stays."""

from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from kyodo.core import retention

from .models import Request

CLOSED = [Request.Status.REPORTED, Request.Status.WITHDRAWN, Request.Status.DECLINED]

REQUESTS = retention.register(retention.Retained(
    key="lectures.request", label=_("出前講座の申込"), model="lectures.Request",
    organisation="organisation_id",
    closed=Q(status__in=CLOSED),
    closed_at=Max("transitions__at", filter=Q(transitions__to_status__in=CLOSED)),
    erased=Q(erased_at__isnull=False),
    erase={
        "group_name": retention.ERASED, "representative": retention.ERASED,
        "phone": "", "email": lambda r: f"erased-{r.pk}@invalid.example",
        "venue": retention.ERASED, "venue_address": "", "questions": "", "equipment": "",
        "report_questions": "", "decline_reason": "",
    },
    erased_at="erased_at",
))
