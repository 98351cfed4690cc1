"""How long events keep registrants' personal data (kyodo/core/retention.py): a registration's
name, kana, e-mail, phone, group, area and needs are anonymised once the session it was for has
ended and the organisation's retention period has passed, and a resident's registration is no
longer linked to their account. What the counts, reports and staff training records need
(session, seats, status, attendance, the staff member's account on a staff-only event) stays."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kyodo.core import retention

REGISTRATIONS = retention.register(retention.Retained(
    key="events.registration", label=_("イベントの申込"), model="events.Registration",
    organisation="organisation_id",
    closed=Q(session__ends_at__isnull=False),
    closed_at=F("session__ends_at"),
    erased=Q(erased_at__isnull=False),
    erase={
        "name": retention.ERASED, "name_kana": "", "email": lambda r: f"erased-{r.pk}@invalid.example",
        "phone": "", "group_name": "", "area": "", "needs": "",
        "user": lambda r: r.user if r.event.audience == "staff" else None,  # a training record stays
    },
    erased_at="erased_at",
))
