"""How long 出前講座 keeps applicants' personal data (kyodo/core/retention.py): a request's
group contact, venue and free text are anonymised once its case has closed and the
organisation's retention period has passed. What the statistics and open data need (theme,
dates, audience, status) stays.

A case closes when the request is reported, withdrawn or declined — or, for a lecture left
decided or held with no 実施報告, ``UNREPORTED_CLOSE_DAYS`` after its date: the report
reminder (notices.py) has asked for it long before, and the contact is no longer needed to
hold the lecture, so it must not be kept for ever."""

import datetime

from django.db.models import Case, DateTimeField, ExpressionWrapper, F, Max, Q, When
from django.utils.translation import gettext_lazy as _

from kyodo.core import retention

from .models import Request

CLOSED = [Request.Status.REPORTED, Request.Status.WITHDRAWN, Request.Status.DECLINED]
UNREPORTED = [Request.Status.DECIDED, Request.Status.HELD]
#: Days after the lecture date when a lecture never reported counts as closed.
UNREPORTED_CLOSE_DAYS = 90

REQUESTS = retention.register(retention.Retained(
    key="lectures.request", label=_("出前講座の申込"), model="lectures.Request",
    organisation="organisation_id",
    closed=Q(status__in=CLOSED) | Q(status__in=UNREPORTED, starts_at__isnull=False),
    closed_at=Case(
        When(status__in=UNREPORTED, then=ExpressionWrapper(
            F("starts_at") + datetime.timedelta(days=UNREPORTED_CLOSE_DAYS), output_field=DateTimeField())),
        default=Max("transitions__at", filter=Q(transitions__to_status__in=CLOSED)),
        output_field=DateTimeField()),
    erased=Q(erased_at__isnull=False),
    erase={
        "group_name": retention.ERASED, "representative": retention.ERASED,
        "phone": "", "email": lambda r: f"erased-{r.pk}@invalid.example",
        "venue": retention.ERASED, "venue_address": "", "questions": "", "equipment": "",
        "report_questions": "", "decline_reason": "",
    },
    erased_at="erased_at",
))
