"""How long 意見公募 keeps commenters' personal data (kyodo/core/retention.py): a comment's
name, address area, contact and — when a passage was masked — the original text are erased
once the call's results are published and the organisation's retention period has passed.
The (masked) comment text, its type, channel and grouping stay: they are the public record."""

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kyodo.core import retention

COMMENTS = retention.register(retention.Retained(
    key="publiccomment.comment", label=_("意見公募の提出意見"), model="publiccomment.Comment",
    organisation="call__organisation_id",
    closed=Q(call__status="published"),
    closed_at=F("call__results_published_at"),
    erased=Q(erased_at__isnull=False),
    erase={"name": retention.ERASED, "address_area": "", "email": "", "phone": "", "original_body": ""},
    erased_at="erased_at",
))
