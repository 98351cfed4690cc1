"""監査ログを読める形に — the audit log as a person (and an information-disclosure request) reads it.

django-auditlog stores what the database held: choice codes, foreign-key ids, ``True``, UTC
times without a zone. This module turns a page of entries into rows a municipal official can
read and hand over: field labels, choice labels, the related object's name, はい/いいえ, 和暦
with JST times, 「(なし)」 for nothing, 「申込者」 or 「システム」 when no account acted.

Personal data: a model lists its private contact fields next to its fields::

    PERSONAL_FIELDS = ("representative", "phone", "email", "venue_address")

and their values are shown as 「＊＊＊（個人情報のため非表示）」 unless the reader holds a
role that handles the organisation's personal data (``core.see_personal_data`` in rules.py).
The screen and the export use the same rows, so both mask alike.

Names are looked up in bulk for a whole page: one query per kind of related object, whatever
the number of entries.
"""

import datetime
import json
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import japanese
from .downloads import Column
from .models import AuditEntry, Role, RoleAssignment
from .templatetags.japanese import wareki

logger = logging.getLogger(__name__)

MASKED = _("＊＊＊（個人情報のため非表示）")
EMPTY = _("(なし)")
APPLICANT = _("申込者")
SIGNED_IN_RESIDENT = _("申込者（ログイン利用者）")
SYSTEM = _("システム")

ACTION_LABELS = {
    AuditEntry.Action.CREATE: _("作成"),
    AuditEntry.Action.UPDATE: _("変更"),
    AuditEntry.Action.DELETE: _("削除"),
    AuditEntry.Action.ACCESS: _("書き出し"),
}


def personal_fields(model):
    """The names of ``model``'s fields that hold personal data (its ``PERSONAL_FIELDS``)."""
    return frozenset(getattr(model, "PERSONAL_FIELDS", ()))


@dataclass
class Change:
    """One changed field: its label and the values before and after, as text."""

    label: str
    before: str
    after: str
    masked: bool = False


@dataclass
class Line:
    """One audit entry as it is read: when, who, what was done to which object, and how."""

    entry: AuditEntry
    when: str
    actor: str
    action: str
    kind: str
    name: str
    changes: list = field(default_factory=list)

    @property
    def side(self):
        """Which value a reader needs: only the new one for a creation (and an export's note),
        only the old one for a deletion, both for a change."""
        if self.entry.action in (AuditEntry.Action.CREATE, AuditEntry.Action.ACCESS):
            return "after"
        if self.entry.action == AuditEntry.Action.DELETE:
            return "before"
        return "both"


def readable(entries, organisation, *, show_personal):
    """The ``entries`` (with ``actor`` and ``content_type`` selected) as :class:`Line` rows.

    ``show_personal`` says whether the reader handles personal data; when false, the values of
    personal fields, and the names of residents who acted with an account, are masked.
    """
    entries = list(entries)
    names = _Names()
    nameless = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:
            continue
        if not _has_own_name(model) and entry.object_id is not None:
            nameless[model].add(entry.object_id)
        hidden = set() if show_personal else personal_fields(model)
        for name, change in (entry.changes_dict or {}).items():
            model_field = _field(model, name)
            if model_field is None or name in hidden or not _is_key(model_field):
                continue
            for value in _pair(change):
                names.want(model_field.related_model, _pk(model_field, value))
    objects = {model: names.load_objects(model, ids) for model, ids in nameless.items()}
    names.resolve()
    residents = set() if show_personal else _residents(entries, organisation)

    lines = []
    for entry in entries:
        model = entry.content_type.model_class()
        lines.append(Line(
            entry=entry,
            when=local_time(entry.timestamp),
            actor=_actor(entry, residents),
            action=str(ACTION_LABELS.get(entry.action, entry.get_action_display())),
            kind=str(model._meta.verbose_name) if model else entry.content_type.model,
            name=_object_name(entry, model, objects),
            changes=_changes(entry, model, names, show_personal),
        ))
    return lines


def local_time(value):
    """令和8年4月1日 10:00 — a moment in Japan time."""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{wareki(value)} {value:%H:%M}"


# --- Who acted ------------------------------------------------------------------------------------

def _residents(entries, organisation):
    """Ids of the actors on the page who hold no role in ``organisation`` (residents who acted
    with an account: applicants; their name is personal data)."""
    actor_ids = {e.actor_id for e in entries if e.actor_id}
    if not actor_ids:
        return set()
    with_roles = set(RoleAssignment.objects.filter(
        Q(organisation=organisation) | Q(role=Role.PLATFORM_ADMIN), user_id__in=actor_ids,
    ).values_list("user_id", flat=True))
    return actor_ids - with_roles


def _actor(entry, residents):
    if entry.actor_id:
        return str(SIGNED_IN_RESIDENT) if entry.actor_id in residents else str(entry.actor)
    if entry.actor_email:  # the account has been deleted since
        return entry.actor_email
    # No account: written during a web request (the public forms of a lecture request, a
    # council application, a 傍聴 reservation) or by a scheduled task, which has no address.
    return str(APPLICANT) if entry.remote_addr else str(SYSTEM)


# --- Which object -------------------------------------------------------------------------------

def _has_own_name(model):
    return model.__str__ is not models.Model.__str__


def _parent_field(model):
    """The foreign key that says what a nameless object belongs to (its first one that is not
    the organisation): 評価シート → 協働評価."""
    for model_field in model._meta.concrete_fields:
        if model_field.many_to_one and model_field.related_model._meta.label != "core.Organisation":
            return model_field
    return None


def name_of(obj):
    """The name of an object: its own ``__str__``, or 「<parent>の<kind>」 for models without one
    (the parent must be loaded already: no query is made here)."""
    model = type(obj)
    if _has_own_name(model):
        return str(obj)
    parent = _parent_field(model)
    if parent is not None and parent.is_cached(obj) and getattr(obj, parent.name) is not None:
        return _("%(parent)s の%(kind)s") % {"parent": name_of(getattr(obj, parent.name)),
                                             "kind": model._meta.verbose_name}
    return _("%(kind)s No.%(pk)s") % {"kind": model._meta.verbose_name, "pk": obj.pk}


def _object_name(entry, model, objects):
    if model is None:
        return entry.object_repr
    if _has_own_name(model):
        return entry.object_repr  # the name as it was when the change was made
    obj = objects.get(model, {}).get(entry.object_id)
    if obj is not None:
        return name_of(obj)
    return _("%(kind)s No.%(pk)s（削除済み）") % {"kind": model._meta.verbose_name,
                                               "pk": entry.object_pk}


class _Names:
    """Names of related objects, collected over a page and then read in one query per model."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.names = {}

    def want(self, model, pk):
        if pk is not None:
            self.wanted[model].add(pk)

    def load_objects(self, model, ids):
        # select_related() follows the non-null keys, so a name built from parents costs nothing.
        return model._default_manager.select_related().in_bulk(ids)

    def resolve(self):
        missing = defaultdict(set)
        for model, ids in self.wanted.items():
            found = self.load_objects(model, ids)
            for pk in ids:
                if pk in found:
                    self.names[(model, pk)] = name_of(found[pk])
                else:
                    missing[model].add(pk)
        if missing:
            self._name_deleted(missing)

    def _name_deleted(self, missing):
        """Objects deleted since: their name as the audit log last recorded it (one query)."""
        kinds = ContentType.objects.get_for_models(*missing)
        query = Q()
        for model, ids in missing.items():
            query |= Q(content_type=kinds[model], object_pk__in=[str(pk) for pk in ids])
        recorded = {}
        for content_type_id, object_pk, text in AuditEntry.objects.filter(query).order_by(
                "timestamp", "id").values_list("content_type_id", "object_pk", "object_repr"):
            recorded[(content_type_id, object_pk)] = text
        for model, ids in missing.items():
            for pk in ids:
                text = recorded.get((kinds[model].pk, str(pk)))
                self.names[(model, pk)] = (
                    _("%(name)s（削除済み）") % {"name": text} if text
                    else _("%(kind)s No.%(pk)s（削除済み）") % {
                        "kind": model._meta.verbose_name, "pk": pk})

    def get(self, model, pk):
        return self.names.get((model, pk))


# --- What changed ---------------------------------------------------------------------------------

def _field(model, name):
    """The model field a change is about, or None for one that is not a column of its own
    (reverse relations, which auditlog writes as 「…Evaluation.None」, and the primary key)."""
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not model_field.concrete or model_field.primary_key:
        return None
    return model_field


def _is_key(model_field):
    return model_field.many_to_one or model_field.one_to_one


def _pair(change):
    values = list(change) if isinstance(change, (list, tuple)) else [None, change]
    return (values + [None, None])[:2]


def _empty(value):
    return value is None or value == "" or value == "None"


def _pk(model_field, value):
    if _empty(value):
        return None
    try:
        return model_field.target_field.to_python(value)
    except Exception:  # a value written before the key's type changed
        return None


def _changes(entry, model, names, show_personal):
    rows = []
    hidden = set() if show_personal or model is None else personal_fields(model)
    for name, change in (entry.changes_dict or {}).items():
        if model is None:
            rows.append(Change(name, *(_text(v) for v in _pair(change))))
            continue
        if isinstance(change, dict) and change.get("type") == "m2m":
            rows.append(_m2m_change(model, name, change, name in hidden))
            continue
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            # Not a field: a note written with the entry (the export's conditions), or a
            # field removed since. Its key is its label.
            rows.append(Change(name, *(_text(v) for v in _pair(change))))
            continue
        model_field = _field(model, name)
        if model_field is None:
            continue
        label = str(model_field.verbose_name)
        before, after = _pair(change)
        if name in hidden:
            rows.append(Change(label, *(str(EMPTY) if _empty(v) else str(MASKED)
                                        for v in (before, after)), masked=True))
        else:
            rows.append(Change(label, _value(model_field, before, names),
                               _value(model_field, after, names)))
    return rows


def _m2m_change(model, name, change, masked):
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        label = name
    objects = "、".join(str(o) for o in change.get("objects") or ()) or str(EMPTY)
    if masked:
        objects = str(MASKED)
    if change.get("operation") == "delete":
        return Change(label, objects, _("(外した)"), masked=masked)
    return Change(label, _("(追加)"), objects, masked=masked)


def _text(value):
    if _empty(value):
        return str(EMPTY)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _value(model_field, value, names):
    """A stored value as text for a person: labels, names, はい/いいえ, 和暦 and JST."""
    if _empty(value):
        return str(EMPTY)
    if _is_key(model_field):
        pk = _pk(model_field, value)
        return names.get(model_field.related_model, pk) or _text(value)
    if model_field.choices:
        labels = {str(code): label for code, label in model_field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(model_field, models.BooleanField):
        return str(_("はい") if value in (True, "True", "true", 1, "1") else _("いいえ"))
    if isinstance(model_field, models.DateTimeField):
        moment = _parse(datetime.datetime.fromisoformat, value)
        if moment is None:
            return _text(value)
        if timezone.is_naive(moment):  # auditlog stores UTC without the zone
            moment = moment.replace(tzinfo=datetime.timezone.utc)
        return local_time(moment)
    if isinstance(model_field, models.DateField):
        day = _parse(datetime.date.fromisoformat, value)
        return wareki(day) if day else _text(value)
    if isinstance(model_field, models.TimeField):
        moment = _parse(datetime.time.fromisoformat, value)
        return f"{moment:%H:%M}" if moment else _text(value)
    if model_field.name.endswith("fiscal_year") and str(value).isdigit():
        return japanese.wareki_fiscal_year(int(value))
    return _text(value)


def _parse(parse, value):
    try:
        return parse(str(value))
    except (TypeError, ValueError):
        return None


# --- The export for information-disclosure requests (情報公開請求) -------------------------------

EXPORT_COLUMNS = [
    Column("entry", _("記録番号"), number=True),
    Column("when", _("日時")),
    Column("actor", _("操作者")),
    Column("action", _("操作")),
    Column("kind", _("対象の種類")),
    Column("name", _("対象")),
    Column("object_id", _("対象の番号"), number=True),
    Column("field", _("項目")),
    Column("before", _("変更前")),
    Column("after", _("変更後")),
]
EXPORT_BATCH = 500


def export_rows(queryset, organisation, *, show_personal):
    """One row per changed field of every entry of ``queryset`` (an entry without changes gets
    one row), read in batches so that any length streams in constant memory and each batch
    costs the same few queries as a page of the screen."""
    batch = []
    for entry in queryset.iterator(chunk_size=EXPORT_BATCH):
        batch.append(entry)
        if len(batch) == EXPORT_BATCH:
            yield from _export_batch(batch, organisation, show_personal)
            batch = []
    yield from _export_batch(batch, organisation, show_personal)


def _export_batch(entries, organisation, show_personal):
    for line in readable(entries, organisation, show_personal=show_personal):
        head = {"entry": line.entry.pk, "when": line.when, "actor": line.actor,
                "action": line.action, "kind": line.kind, "name": line.name,
                "object_id": line.entry.object_id}
        for change in line.changes or [Change("", "", "")]:
            yield dict(head, field=change.label, before=change.before, after=change.after)


# --- The record of a download ---------------------------------------------------------------------

def record_export(actor, organisation, *, format_label, conditions, masked):
    """Write the audit entry of an export of the audit log itself: who took which entries out,
    in which format, with or without personal data (for the 情報公開 answer's own trail)."""
    from auditlog.context import auditlog_value

    context = auditlog_value.get(None) or {}
    entry = AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(organisation),
        object_pk=str(organisation.pk), object_id=organisation.pk, object_repr=str(organisation),
        action=AuditEntry.Action.ACCESS, organisation=organisation,
        actor=actor, actor_email=actor.email, remote_addr=context.get("remote_addr"),
        changes={
            str(_("書き出したもの")): [None, _("監査ログ（%(format)s）") % {"format": format_label}],
            str(_("条件")): [None, conditions or str(_("すべて"))],
            str(_("個人情報")): [None, str(_("非表示") if masked else _("表示"))],
        },
    )
    logger.info("audit log export by %s for %s (%s, masked=%s)", actor.pk, organisation.slug,
                format_label, masked)
    return entry
