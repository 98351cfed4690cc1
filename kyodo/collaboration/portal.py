"""What 協働 declares to the site-wide pages (issue 18): its open data — the partner
directory, published projects and the survey reports. (It has nothing open to the public
for participation: its surveys are answered by departments.)"""

from django.utils.translation import gettext_lazy as _

from kyodo.core import modules
from kyodo.portal.providers import counts, latest

from .models import Partner, Project, SurveyCampaign


def _partners():
    return Partner.objects.filter(verified_at__isnull=False)


def _projects():
    return Project.objects.filter(published_at__isnull=False, withdrawn_at__isnull=True)


def _surveys():
    return SurveyCampaign.objects.filter(status=SurveyCampaign.Status.PUBLISHED)


def register():
    modules.register_dataset(modules.Dataset(
        name="collaboration.partners", title=_("市民活動団体の名簿"),
        description=_("確認済みの市民活動団体・NPOの名称、種別、活動分野、活動地域と、団体が公開を選んだ連絡先。"
                      "APIでJSONを取得できます。"),
        url_name="collaboration:partners", formats=("html", "json"),
        rows=counts(_partners, "organisation_id"),
        updated=latest(_partners, "organisation_id", "verified_at"),
        layout=_("Kyodo 市民活動団体名簿(docs/collaboration.md)"),
    ))
    modules.register_dataset(modules.Dataset(
        name="collaboration.projects", title=_("協働事業の一覧"),
        description=_("公表された協働事業の年度・事業名・担当課・協働の形態・分野・相手方・予算。"
                      "APIでJSONを取得できます。"),
        url_name="collaboration:projects", formats=("html", "json"),
        rows=counts(_projects, "organisation_id"),
        updated=latest(_projects, "organisation_id", "published_at"),
        layout=_("Kyodo 協働事業(docs/collaboration.md)"),
    ))
    modules.register_dataset(modules.Dataset(
        name="collaboration.surveys", title=_("協働取組実態調査の結果"),
        description=_("年度ごとの協働事業の件数と予算を、形態・分野・部局別に集計した結果。"
                      "年度ごとにCSV・Excel・JSONでダウンロードできます(件数は公表した年度の数)。"),
        url_name="collaboration:reports", formats=("csv", "xlsx", "json"),
        rows=counts(_surveys, "organisation_id"),
        updated=latest(_surveys, "organisation_id", "published_at"),
        layout=_("Kyodo 協働取組実態調査(docs/collaboration.md)"),
    ))
