"""What 出前講座 declares to the site-wide pages (issue 18): the lecture menu of every
organisation accepting requests (いま参加できること), a resident's requests on their my page
(by the addresses they proved are theirs), and its open data (statistics, イベント一覧)."""

from django.db.models import Count, Max
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.core import modules
from kyodo.portal.providers import counts, latest

from .models import Request, Theme
from .queries import HELD_STATES


def lecture_menus(organisation_ids, now):
    """One entry per organisation with active themes (one query)."""
    themes = Theme.objects.filter(active=True)
    if organisation_ids is not None:
        themes = themes.filter(organisation_id__in=list(organisation_ids))
    menus = (themes.order_by().values("organisation_id", "organisation__slug", "organisation__name")
             .annotate(n=Count("pk")).order_by("organisation__local_government_code"))
    return [modules.Opportunity(
        organisation_id=m["organisation_id"], kind=_("出前講座"),
        title=_("%(name)sの出前講座(%(n)d講座)") % {"name": m["organisation__name"], "n": m["n"]},
        url=reverse("lectures:catalogue", args=[m["organisation__slug"]]),
        summary=_("職員が地域の集まりに出向いて説明します。随時受付。"),
    ) for m in menus]


def my_requests(user):
    """The requests filed with an address the user has verified as theirs (two queries)."""
    from allauth.account.models import EmailAddress

    addresses = [e.lower() for e in EmailAddress.objects.filter(user=user, verified=True)
                 .values_list("email", flat=True)]
    if not addresses:
        return []
    requests = (Request.objects.annotate(address=Lower("email"), last_change=Max("transitions__at"))
                .filter(address__in=addresses, erased_at__isnull=True)
                .select_related("theme", "organisation").order_by("-created_at")[:100])
    return [modules.MyItem(
        kind=_("出前講座の申込"), title=f"{r.receipt_number} {r.theme.title}({r.organisation.name})",
        status=str(r.get_status_display()), url=reverse("lectures:status", args=[r.organisation.slug]),
        updated=r.last_change or r.created_at,
    ) for r in requests]


def _held():
    return Request.objects.filter(status__in=HELD_STATES)


def register():
    modules.register_opportunities(lecture_menus)
    modules.register_my_items(my_requests)
    modules.register_dataset(modules.Dataset(
        name="lectures.statistics", title=gettext_lazy("出前講座の年度別統計"),
        description=gettext_lazy("年度ごとの申込・実施・お断りの件数と参加者数(講座別・担当課別・月別)。"
                                 "件数は申込の数。"),
        url_name="lectures:statistics", formats=("csv", "xlsx", "json"),
        rows=counts(Request.objects.all(), "organisation_id"),
        updated=latest(Request.objects.all(), "organisation_id", "created_at"),
        layout=gettext_lazy("Kyodo 出前講座統計(docs/lectures.md)"),
    ))
    modules.register_dataset(modules.Dataset(
        name="lectures.events", title=gettext_lazy("イベント一覧(実施した出前講座)"),
        description=gettext_lazy("実施した出前講座の日時・講座名・担当課・参加者数。会場は地域名のみ。"),
        url_name="lectures:events_csv", formats=("csv",),
        rows=counts(_held, "organisation_id"),
        updated=latest(_held, "organisation_id", "starts_at"),
        layout=gettext_lazy("自治体標準オープンデータセット イベント一覧"),
    ))
