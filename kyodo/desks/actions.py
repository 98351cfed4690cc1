"""The writes of 市民活動インフォメーション: keeping the consultation log and setting up desks.
Each checks the rule, validates the whole record and saves in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyodo.core import pagecache
from kyodo.core.actions import acting_as

from .models import Consultation, DeskHours

REFUSALS = {
    "desks.keep_log": _("相談記録は、この窓口の担当部署の職員・主管課・団体管理者がつけます。"),
    "desks.manage_desks": _("窓口の設定は主管課か団体管理者が行います。"),
}


def require(actor, permission, obj):
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied(REFUSALS[permission])


@transaction.atomic
def record_consultation(actor, desk, *, date, topic, channel, count):
    """Add a line to the desk's log. A future date is refused (a log records what happened)."""
    require(actor, "desks.keep_log", desk)
    if date and date > timezone.localdate():
        raise ValidationError({"date": _("相談日に未来の日付は入力できません。")})
    with acting_as(actor):
        consultation = Consultation(desk=desk, date=date, topic=topic, channel=channel, count=count,
                                    recorded_by=actor)
        consultation.full_clean(exclude=["fiscal_year"])
        consultation.save()
    pagecache.invalidate_now_and_on_commit()
    return consultation


@transaction.atomic
def delete_consultation(actor, consultation):
    """Remove a line entered by mistake (the audit log keeps what it said)."""
    require(actor, "desks.keep_log", consultation.desk)
    with acting_as(actor):
        consultation.delete()
    pagecache.invalidate_now_and_on_commit()


@transaction.atomic
def save_desk(actor, desk, hours=(), *, covered=None):
    """Create or update a desk and replace its opening hours with ``hours`` — a list of dicts
    (weekdays, opens, closes, note) and, when given, its ``covered`` organisations. Nothing is saved when any line is wrong."""
    require(actor, "desks.manage_desks", desk.organisation)
    with acting_as(actor):
        desk.full_clean()
        desk.save()
        lines = []
        for order, line in enumerate(hours):
            item = DeskHours(desk=desk, sort_order=order, **line)
            item.full_clean()
            lines.append(item)
        desk.hours.all().delete()
        for item in lines:
            item.save()
        if covered is not None:
            desk.covered_organisations.set(covered)
    pagecache.invalidate_now_and_on_commit()
    return desk

