"""What 改革プラン declares to the site-wide pages (issue 18): its open data."""

from django.utils.translation import gettext_lazy as _

from kyodo.core import modules
from kyodo.portal.providers import counts, latest

from .models import ActionItem, Plan, ProgressReport


def _items():
    return ActionItem.objects.exclude(plan__status=Plan.Status.DRAFT)


def _reports():
    return ProgressReport.objects.filter(status=ProgressReport.Status.PUBLISHED)


def register():
    modules.register_dataset(modules.Dataset(
        name="plans.progress", title=_("改革プランの進捗(取組項目・成果指標・進捗報告)"),
        description=_("策定済みの計画の取組項目、成果指標の目標値と実績値、公表した進捗報告。"
                      "計画ごとにCSV・Excel・JSONでダウンロードできます(件数は取組項目の数)。"),
        url_name="plans:index", formats=("csv", "xlsx", "json"),
        rows=counts(_items, "plan__organisation_id"),
        updated=latest(_reports, "item__plan__organisation_id", "published_at"),
        layout=_("Kyodo 改革プラン進捗(docs/plans.md に列の説明)"),
    ))
