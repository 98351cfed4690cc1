"""Downloads of the grant database (CSV with BOM, Excel, JSON) through core.downloads: public
fields only, the filters of the page applied."""

from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.collaboration.vocabularies import FIELD_SHORT
from kyodo.core import downloads

from . import queries


def columns():
    C = downloads.Column
    return [
        C("id", _("ID"), number=True), C("fund", _("ファンド")), C("fiscal_year", _("年度"), number=True),
        C("round", _("募集回"), number=True), C("category", _("区分")), C("group_name", _("団体名")),
        C("title", _("事業名")), C("field", _("分野コード")), C("field_label", _("分野")),
        C("area", _("活動地域")), C("amount", _("助成額(円)"), number=True),
        C("reported_on", _("実績報告日")),
    ]


def rows(queryset):
    for row in queries.grant_rows(queryset):
        yield {
            "id": row["pk"], "fund": row["fund__name"], "fiscal_year": row["fiscal_year"],
            "round": row["round__number"], "category": row["category__name"] or "",
            "group_name": row["group_name"], "title": row["title"], "field": row["field"],
            "field_label": str(FIELD_SHORT.get(row["field"], row["field"])), "area": row["area"],
            "amount": row["amount"], "reported_on": row["reported_on"],
        }


def grants_response(organisation, queryset, fmt):
    filename = f"{organisation.slug}-fund-grants.{fmt}"
    head = {"organisation": organisation.name, "dataset": "fund.grants",
            "generated_at": timezone.now().isoformat()}
    return downloads.response(fmt, filename, columns(), rows(queryset), sheet_title=_("助成一覧"),
                              head=head)
