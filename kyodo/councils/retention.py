"""How long 市民会議 keeps residents' personal data (kyodo/core/retention.py): applicants' after
the selection of their call is final, 傍聴 reservers' after the meeting. Selected applicants
keep their member record; the application keeps only its status."""

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from kyodo.core import retention

ERASED_DOMAIN = "@invalid.example"

APPLICATIONS = retention.register(retention.Retained(
    key="councils.application", label=_("市民会議の応募"), model="councils.Application",
    organisation="call__council__organisation_id",
    # The selection is final when no application of the call is still waiting for it; the
    # period runs from the call's closing day.
    closed=~Q(call__applications__status="received"),
    closed_at=F("call__closes_on"),
    erased=Q(erased_at__isnull=False),
    erase={"name": retention.ERASED, "name_kana": retention.ERASED,
           "email": lambda a: f"erased-{a.pk}{ERASED_DOMAIN}",
           "phone": "", "address": "", "essay": "", "birth_year": None},
    erased_at="erased_at",
))

RESERVATIONS = retention.register(retention.Retained(
    key="councils.reservation", label=_("傍聴の予約"), model="councils.Reservation",
    organisation="meeting__council__organisation_id",
    closed=Q(),
    closed_at=Coalesce("meeting__ends_at", "meeting__starts_at"),
    erased=Q(email__endswith=ERASED_DOMAIN),
    erase={"name": retention.ERASED, "email": lambda r: f"erased-{r.pk}{ERASED_DOMAIN}"},
))
