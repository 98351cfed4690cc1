"""個人情報の保存期間 — the one mechanism that anonymises personal data once its case is closed.

Modules declare what they keep in their own ``retention.py`` (found by autodiscovery)::

    retention.register(retention.Retained(
        key="lectures.request", label=_("出前講座の申込"), model="lectures.Request",
        organisation="organisation",                    # the lookup to the organisation
        closed=Q(status__in=[...]),                     # the case is closed
        closed_at=Max("transitions__at", ...),           # when it closed (date or date-time)
        erased=Q(erased_at__isnull=False),               # already anonymised
        erase={"representative": ERASED, "email": lambda r: f"erased-{r.pk}@invalid.example"},
        erased_at="erased_at",                           # optional field that records when
    ))

Each organisation sets how many days after the close the data is kept (:class:`RetentionPolicy`,
edited by its admin under /org/<slug>/manage/retention/). ``manage.py purge_personal_data``
(daily, see docs/operations.md) anonymises everything past its date; an action that erases on
demand (the secretariat erasing applicants after a selection) calls :func:`anonymise` with the
same declaration. Every anonymised record gets an audit entry saying who (システム, or the
person), what (which items) and why — never the values themselves.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import rules
from auditlog.context import disable_auditlog
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .actions import acting_as
from .models import AuditEntry, Organisation
from .rules import is_org_admin, is_platform_admin

logger = logging.getLogger(__name__)

#: What an anonymised name reads.
ERASED = "(消去済み)"


class RetentionPolicy(models.Model):
    """個人情報の保存期間 — how many days after a case closes its personal data is kept. One per
    organisation; without one, ``DEFAULT_DAYS`` applies."""

    DEFAULT_DAYS = 365
    MAX_DAYS = 3650

    organisation = models.OneToOneField(Organisation, verbose_name=_("団体"), on_delete=models.CASCADE,
                                        related_name="retention_policy")
    days_after_close = models.PositiveIntegerField(
        _("案件終了後の保存日数"), default=DEFAULT_DAYS,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_DAYS)],
        help_text=_("出前講座の申込(実施報告・取下げ・お断りの後)、傍聴の予約(会議の後)、市民会議の応募(選考の後)の"
                    "氏名・連絡先などを、この日数が過ぎたら消去します。0にすると次の処理で消去します。"))

    class Meta:
        app_label = "core"
        verbose_name = _("個人情報の保存期間")
        verbose_name_plural = _("個人情報の保存期間")

    def __str__(self):
        return f"{self.organisation}: {self.days_after_close}日"

    @property
    def audit_organisation_id(self):
        return self.organisation_id


auditlog.register(RetentionPolicy)
rules.add_perm("core.manage_retention", is_platform_admin | is_org_admin)


def policy_of(organisation):
    """The organisation's policy (unsaved, with the default, when it has none yet)."""
    return (RetentionPolicy.objects.filter(organisation=organisation).first()
            or RetentionPolicy(organisation=organisation))


def save_policy(actor, policy):
    if actor is None or not actor.has_perm("core.manage_retention", policy.organisation):
        raise PermissionDenied(_("個人情報の保存期間は団体管理者が設定します。"))
    with acting_as(actor), transaction.atomic():
        policy.full_clean()
        policy.save()
    return policy


# --- The registry ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Retained:
    """One kind of record holding personal data, and how its case closes."""

    key: str
    label: str
    model: str
    organisation: str
    closed: Q
    closed_at: object
    erased: Q
    erase: dict[str, object | Callable] = field(default_factory=dict)
    erased_at: str | None = None

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def due(self, organisation, cutoff):
        """Records of ``organisation`` whose case closed on or before ``cutoff``, not yet erased."""
        return (self.model_class._default_manager
                .filter(self.closed, **{self.organisation: organisation.pk})
                .exclude(self.erased)
                .alias(retention_closed_at=self.closed_at)
                .filter(retention_closed_at__lte=cutoff)
                .order_by("pk"))


REGISTRY = {}


def register(retained):
    REGISTRY[retained.key] = retained
    return retained


def registered():
    """Every declaration, once each module's ``retention.py`` has been imported."""
    autodiscover_modules("retention")
    return list(REGISTRY.values())


# --- Anonymising ------------------------------------------------------------------------------------

def anonymise(retained, objects, *, reason, actor=None, now=None):
    """Replace the personal items of ``objects`` and write one audit entry per record: who
    (``actor``, or システム), what (the items, not their values) and why (``reason``).
    Returns how many records were anonymised."""
    now = now or timezone.now()
    names = [retained.model_class._meta.get_field(name).verbose_name for name in retained.erase]
    what = gettext("%(items)sを消去しました。") % {"items": "・".join(str(n) for n in names)}
    content_type = ContentType.objects.get_for_model(retained.model_class)
    count = 0
    # The records' own audit entries would repeat what is erased (or leave its old value in the
    # log); the one entry written here says what happened instead.
    with transaction.atomic(), disable_auditlog():
        for obj in objects:
            for name, value in retained.erase.items():
                setattr(obj, name, value(obj) if callable(value) else value)
            if retained.erased_at:
                setattr(obj, retained.erased_at, now)
            obj.save(update_fields=[*retained.erase, *([retained.erased_at] if retained.erased_at else [])])
            AuditEntry.objects.create(
                content_type=content_type, object_pk=str(obj.pk), object_id=obj.pk,
                object_repr=f"{retained.label} #{obj.pk}", action=AuditEntry.Action.UPDATE,
                organisation_id=getattr(obj, "audit_organisation_id", None),
                actor=actor if actor is not None and actor.is_authenticated else None,
                actor_email=actor.email if actor is not None and actor.is_authenticated else None,
                changes={str(_("個人情報")): [None, what], str(_("理由")): [None, str(reason)]},
            )
            count += 1
    return count


def purge(*, now=None, organisations=None):
    """Anonymise every registered record whose case closed longer ago than its organisation's
    retention period. Returns ``{key: count}``."""
    now = now or timezone.now()
    counts = {}
    organisations = list(organisations if organisations is not None else Organisation.objects.all())
    policies = {p.organisation_id: p.days_after_close for p in RetentionPolicy.objects.all()}
    for retained in registered():
        counts[retained.key] = 0
        for organisation in organisations:
            days = policies.get(organisation.pk, RetentionPolicy.DEFAULT_DAYS)
            cutoff = now - datetime.timedelta(days=days)
            due = list(retained.due(organisation, cutoff))
            if due:
                reason = gettext("保存期間(案件終了後%(days)d日)が過ぎたため") % {"days": days}
                counts[retained.key] += anonymise(retained, due, reason=reason, now=now)
    logger.info("purge_personal_data: %s", counts)
    return counts


@task()
def purge_personal_data() -> dict:
    """The daily purge as a background task (enqueued by ``manage.py purge_personal_data --enqueue``)."""
    return purge()
