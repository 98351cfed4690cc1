"""Corrections and withdrawals with a trail (訂正・取下げ; issue 14 item 3).

A published record — a progress report, minutes, a material, a response to a recommendation,
survey results, an evaluation — is never silently overwritten or deleted. The role that
published it corrects or withdraws it through :func:`correct` or :func:`withdraw`, with a
reason; a ``Correction`` keeps who, when, why and the public values before and after; the
public page shows the notice and the earlier version (``{% correction_notices obj %}``).

A file withdrawn for a personal-data incident (``Kind.REMOVED``) stops being served at once by
the module's download view (it asks :func:`is_removed`), and is kept only for the audit.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actions import acting_as


class Correction(models.Model):
    """訂正・取下げの記録 — one correction or withdrawal of a published record."""

    class Kind(models.TextChoices):
        CORRECTED = "corrected", _("訂正")
        WITHDRAWN = "withdrawn", _("取下げ")
        REMOVED = "removed", _("公開停止")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("団体"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
    )
    kind = models.CharField(_("種別"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("理由"), max_length=2000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作者"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("日時"), default=timezone.now)
    #: Public values before and after, by field label: {"本文": "…"} (what the notice shows).
    before = models.JSONField(_("訂正前"), default=dict, blank=True)
    after = models.JSONField(_("訂正後"), default=dict, blank=True)

    class Meta:
        app_label = "core"
        verbose_name = _("訂正・取下げ")
        verbose_name_plural = _("訂正・取下げ")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_target")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.reason[:40]}"


def _text(value):
    if value is None:
        return ""
    if hasattr(value, "name") and hasattr(value, "url") and not isinstance(value, str):  # a file
        return value.name.rsplit("/", 1)[-1] if value else ""
    return str(value)


def _label(obj, field):
    return str(obj._meta.get_field(field).verbose_name)


def _clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("訂正・取下げの理由を入力してください。公開ページに表示されます。")})
    if len(reason) > 2000 or "\x00" in reason:
        raise ValidationError({"reason": _("理由は2000文字以内で入力してください。")})
    return reason


def correct(actor, obj, *, reason, changes, organisation=None):
    """Change published fields of ``obj`` (``changes``: field → new value) and keep the trail.

    Refuses a correction that changes nothing. Returns the ``Correction``.
    """
    reason = _clean_reason(reason)
    changed = {field: value for field, value in changes.items() if getattr(obj, field) != value}
    if not changed:
        raise ValidationError(_("訂正する内容が変わっていません。"))
    with acting_as(actor), transaction.atomic():
        before = {_label(obj, f): _text(getattr(obj, f)) for f in changed}
        for field, value in changed.items():
            setattr(obj, field, value)
        obj.full_clean()
        obj.save()
        return _record(actor, obj, Correction.Kind.CORRECTED, reason, organisation, before,
                       {_label(obj, f): _text(getattr(obj, f)) for f in changed})


def record_correction(actor, obj, *, reason, before, after, organisation=None):
    """Keep the trail of a correction the module writes itself because one publication spans
    several rows (a call's published results: its 審査講評 and each proposal's reason), on the
    record the public page shows. ``before``/``after``: public values by label."""
    reason = _clean_reason(reason)
    if before == after:
        raise ValidationError(_("訂正する内容が変わっていません。"))
    with acting_as(actor):
        return _record(actor, obj, Correction.Kind.CORRECTED, reason, organisation, before, after)


def withdraw(actor, obj, *, reason, changes=None, removed=False, organisation=None):
    """Withdraw ``obj`` from publication (``changes`` sets the module's own state, e.g. a status).

    ``removed`` marks a withdrawal for a personal-data incident: the record (or file) is no
    longer served at all, only kept for the audit.
    """
    reason = _clean_reason(reason)
    with acting_as(actor), transaction.atomic():
        for field, value in (changes or {}).items():
            setattr(obj, field, value)
        if changes:
            obj.save()
        kind = Correction.Kind.REMOVED if removed else Correction.Kind.WITHDRAWN
        return _record(actor, obj, kind, reason, organisation, {}, {})


def _record(actor, obj, kind, reason, organisation, before, after):
    if organisation is None:
        organisation_id = getattr(obj, "audit_organisation_id", None)
    else:
        organisation_id = organisation.pk
    return Correction.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        organisation_id=organisation_id, kind=kind, reason=reason,
        actor=actor if actor is not None and actor.is_authenticated else None,
        before=before, after=after,
    )


def corrections_of(objects):
    """{pk: [Correction, …]} for ``objects`` of one model, in one query (oldest first)."""
    objects = [o for o in objects if o is not None]
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(objects[0])
    found = {}
    for correction in Correction.objects.filter(
        content_type=content_type, object_id__in=[o.pk for o in objects]
    ):
        found.setdefault(correction.object_id, []).append(correction)
    return found


def is_removed(obj):
    """Was ``obj`` withdrawn for a personal-data incident (never to be served again)?"""
    return Correction.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        kind=Correction.Kind.REMOVED,
    ).exists()


def reason_field():
    """The form field every correction or withdrawal form asks for."""
    from django import forms

    return forms.CharField(
        label=_("訂正・取下げの理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("公開ページに、日付とともに表示されます。"),
    )

