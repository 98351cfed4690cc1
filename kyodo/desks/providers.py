"""What 市民活動インフォメーション declares to the site-wide pages (kyodo.core.modules): its public
desks for the search index, two open-data datasets (the desks, the consultation statistics) and
its key pages for ``scripts/bench``. Each runs a constant number of queries and reads only what
the public pages show."""

from django.db.models import Count, Max
from django.urls import reverse

from kyodo.core import modules

from .models import Consultation, Desk


def search_documents(ids=None):
    desks = Desk.objects.filter(is_public=True).select_related("organisation")
    if ids is not None:
        desks = desks.filter(pk__in=ids)
    for desk in desks:
        yield modules.SearchDocument(
            key=f"desks.desk:{desk.pk}", organisation_id=desk.organisation_id, module="desks",
            kind="市民活動インフォメーション", title=desk.name,
            body="\n".join([desk.area_name, desk.place, desk.address, desk.services, desk.municipalities,
                            desk.notes]),
            url=reverse("desks:desk", args=[desk.organisation.slug, desk.pk]),
        )


SEARCH_SOURCE = modules.SearchSource(name="desks.desk", model=Desk, documents=search_documents)


def _desk_rows(organisation_ids):
    rows = (Desk.objects.filter(organisation_id__in=organisation_ids, is_public=True)
            .values("organisation_id").annotate(n=Count("pk")).order_by())
    return {row["organisation_id"]: row["n"] for row in rows}


def _statistics_rows(organisation_ids):
    rows = (Consultation.objects.filter(desk__organisation_id__in=organisation_ids)
            .values("desk__organisation_id").annotate(n=Count("pk")).order_by())
    return {row["desk__organisation_id"]: row["n"] for row in rows}


def _statistics_updated(organisation_ids):
    rows = (Consultation.objects.filter(desk__organisation_id__in=organisation_ids)
            .values("desk__organisation_id").annotate(at=Max("recorded_at")).order_by())
    return {row["desk__organisation_id"]: row["at"] for row in rows}


DATASETS = [
    modules.Dataset(
        name="desks.desks", title="市民活動インフォメーション(窓口一覧)",
        description="市民活動の相談窓口の名称、担当地域、設置場所、所在地、開設時間、連絡先、相談内容。",
        url_name="desks:download", rows=_desk_rows),
    modules.Dataset(
        name="desks.consultations", title="市民活動インフォメーションの相談件数(年度別)",
        description="窓口別・相談の分類別の相談件数(年度ごと)。相談者の個人情報は含みません。",
        url_name="desks:statistics", rows=_statistics_rows, updated=_statistics_updated),
]


def bench_targets():
    """The desks list of the organisation with the most desks."""
    row = (Desk.objects.filter(is_public=True).values("organisation__slug").annotate(n=Count("pk"))
           .order_by("-n", "organisation__slug").first())
    if row is None:
        return []
    slug = row["organisation__slug"]
    return [("desks_list", "市民活動インフォメーション一覧", reverse("desks:index", args=[slug]))]
