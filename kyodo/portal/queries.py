"""Reads of the portal: what a person follows with its latest change, the organisation
directory, the open-data catalogue."""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.core import modules
from kyodo.core.models import AuditEntry, Organisation
from kyodo.core.queries import ORGANISATION_CARD

from .models import DEFAULT_LICENCE, Follow, OpenDataLicence


@dataclass(frozen=True)
class Followable:
    """What can be followed: how to load it public-only, name it and link to it."""

    label: str  # app_label.model_name
    kind: str
    public: object  # callable() -> queryset of what a visitor may see (and so follow)
    url: object  # callable(obj) -> path
    name: object = str


def _item_url(item):
    return reverse("plans:item", args=[item.plan.organisation.slug, item.plan_id, item.pk])


def _followables():
    def model(label):
        return apps.get_model(label)

    return {f.label: f for f in (
        Followable("plans.actionitem", _("取組項目"),
                   lambda: model("plans.actionitem").objects.exclude(plan__status="draft")
                   .select_related("plan__organisation"),
                   _item_url, lambda item: f"{item.code} {item.title}"),
        Followable("councils.council", _("市民会議"),
                   lambda: model("councils.council").objects.select_related("organisation"),
                   lambda c: reverse("councils:council", args=[c.organisation.slug, c.pk])),
        Followable("collaboration.partner", _("市民活動団体"),
                   lambda: model("collaboration.partner").objects.filter(verified_at__isnull=False)
                   .select_related("organisation"),
                   lambda p: p.get_absolute_url()),
        Followable("core.organisation", _("団体"), lambda: Organisation.objects.all(),
                   lambda o: o.get_absolute_url()),
    )}


FOLLOWABLES = None


def followables():
    global FOLLOWABLES
    if FOLLOWABLES is None:
        FOLLOWABLES = _followables()
    return FOLLOWABLES


def target_key(obj):
    """"plans.actionitem:12" — how a follow button names what it follows."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def find_target(key):
    """The followable public object named by ``key``, or None."""
    label, _sep, pk = str(key).partition(":")
    followable = followables().get(label)
    if followable is None or not pk.isascii() or not pk.isdigit() or len(pk) > 18:
        return None
    return followable.public().filter(pk=int(pk)).first()


@dataclass
class FollowedThing:
    follow: Follow
    kind: str
    name: str
    url: str
    changed: object  # the latest change recorded in the audit log, else when it was followed
    key: str


def follows_of(user):
    """What ``user`` follows, each with its latest change (a constant number of queries: the
    follows, one per kind of thing followed, and one for the audit log)."""
    follows = list(Follow.objects.filter(user=user).select_related("content_type"))
    if not follows:
        return []
    by_label = defaultdict(list)
    for follow in follows:
        by_label[follow.content_type.app_label + "." + follow.content_type.model].append(follow)
    objects = {}
    for label, group in by_label.items():
        followable = followables().get(label)
        if followable is None:
            continue
        for obj in followable.public().filter(pk__in=[f.object_id for f in group]):
            objects[(label, obj.pk)] = obj
    condition = Q(pk__in=[])
    for follow in follows:
        condition |= Q(content_type_id=follow.content_type_id, object_pk=str(follow.object_id))
    latest = {(row["content_type_id"], row["object_pk"]): row["last"] for row in
              AuditEntry.objects.filter(condition).values("content_type_id", "object_pk")
              .annotate(last=Max("timestamp")).order_by()}
    shown = []
    for follow in follows:
        label = follow.content_type.app_label + "." + follow.content_type.model
        obj = objects.get((label, follow.object_id))
        if obj is None:
            continue  # no longer public (or deleted): nothing to show
        followable = followables()[label]
        shown.append(FollowedThing(
            follow=follow, kind=followable.kind, name=followable.name(obj), url=followable.url(obj),
            changed=latest.get((follow.content_type_id, str(follow.object_id))) or follow.created_at,
            key=f"{label}:{obj.pk}",
        ))
    return sorted(shown, key=lambda t: t.changed, reverse=True)


def is_following(user, obj):
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, content_type=ContentType.objects.get_for_model(obj),
                                 object_id=obj.pk).exists()


# --- The organisation directory (団体一覧) ---------------------------------------------------

DIRECTORY_PAGE = 60


def organisation_directory(text=""):
    """Every organisation in code order (prefecture, then its municipalities), narrowed to
    those whose name, reading or English name contains ``text``."""
    found = Organisation.objects.only(*ORGANISATION_CARD, "name_kana").order_by("local_government_code")
    if text:
        found = found.filter(Q(name__icontains=text) | Q(name_kana__icontains=text)
                             | Q(name_en__icontains=text))
    return found


# --- The open-data catalogue ------------------------------------------------------------------

@dataclass
class CatalogueEntry:
    dataset: modules.Dataset
    organisation: Organisation
    rows: int
    updated: object
    url: str
    licence: str
    licence_url: str


def licences(organisations):
    """{organisation_id: (name, url)} — CC BY 4.0 unless set (one query)."""
    found = {lic.organisation_id: (lic.name, lic.url)
             for lic in OpenDataLicence.objects.filter(organisation__in=organisations)}
    return {o.pk: found.get(o.pk, DEFAULT_LICENCE) for o in organisations}


def catalogue(organisations, *, include_empty=False):
    """Every registered dataset of every organisation in ``organisations`` (2 queries per
    dataset — its row counts and update dates for all of them at once — and one for the
    licences)."""
    organisations = list(organisations)
    ids = [o.pk for o in organisations]
    licence_of = licences(organisations)
    entries = []
    for dataset in sorted(modules.datasets(), key=lambda d: d.name):
        rows = dataset.rows(ids) if dataset.rows else {}
        updated = dataset.updated(ids) if dataset.updated else {}
        for organisation in organisations:
            count = rows.get(organisation.pk, 0)
            if not count and not include_empty:
                continue
            name, url = licence_of[organisation.pk]
            entries.append(CatalogueEntry(
                dataset=dataset, organisation=organisation, rows=count,
                updated=updated.get(organisation.pk), licence=name, licence_url=url,
                url=reverse(dataset.url_name, args=[organisation.slug]),
            ))
    return entries
