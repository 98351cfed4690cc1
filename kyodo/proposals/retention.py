"""How long 協働事業提案制度 keeps proposers' contact details (kyodo/core/retention.py): the
contact person, e-mail, phone and address of a proposal are anonymised once its case has closed
and the organisation's retention period has passed. The proposal itself (group, content, scores,
decision) stays: the published results and the 協働事業 rest on it.

A case closes when the proposal is withdrawn (取下げ), when it was rejected and the results are
published, when it was adopted and its 実施報告 is in — or, for an adopted proposal never
reported, ``UNREPORTED_CLOSE_DAYS`` after the results were published — and, for a draft never
submitted, at the call's deadline."""

import datetime

from django.db.models import Case, DateTimeField, ExpressionWrapper, F, Q, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kyodo.core import retention

from .models import Call, Proposal

S = Proposal.Status
#: Days after the results' publication when an adopted proposal never reported counts as closed
#: (a fiscal year's project and its report, with room to spare).
UNREPORTED_CLOSE_DAYS = 730
PUBLISHED = Q(call__status=Call.Status.PUBLISHED)

PROPOSALS = retention.register(retention.Retained(
    key="proposals.proposal", label=_("協働事業提案の連絡先"), model="proposals.Proposal",
    organisation="call__organisation_id",
    closed=(Q(status__in=[S.WITHDRAWN, S.DRAFT]) | (Q(status__in=[S.ADOPTED, S.REJECTED]) & PUBLISHED)),
    closed_at=Case(
        When(status=S.WITHDRAWN, then=Coalesce("withdrawn_at", "created_at")),
        When(status=S.DRAFT, then=F("call__closes_at")),
        When(status=S.REJECTED, then=F("call__published_at")),
        When(status=S.ADOPTED, reported_at__isnull=False, then=F("reported_at")),
        default=ExpressionWrapper(F("call__published_at") + datetime.timedelta(days=UNREPORTED_CLOSE_DAYS),
                                  output_field=DateTimeField()),
        output_field=DateTimeField()),
    erased=Q(erased_at__isnull=False),
    erase={"contact_name": retention.ERASED,
           "contact_email": lambda p: f"erased-{p.pk}@invalid.example",
           "contact_phone": "", "contact_address": ""},
    erased_at="erased_at",
))
