"""What the fund database declares to the rest of the site: its links, the grants to the
site-wide search and the open-data catalogue, its key page to the benchmark, and the grants a
partner received to the partner's page. Public data only, a constant number of queries."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyodo.collaboration.vocabularies import FIELD_SHORT
from kyodo.core import modules
from kyodo.core.japanese import format_yen, wareki_fiscal_year

from . import queries
from .models import Grant


def grant_documents(ids):
    grants = queries.standing().select_related("organisation", "fund")
    if ids is not None:
        grants = grants.filter(pk__in=ids)
    for grant in grants.iterator(chunk_size=2000):
        yield modules.SearchDocument(
            key=f"fund.grant:{grant.pk}", organisation_id=grant.organisation_id, module="fund",
            kind=_("ファンドの助成"), title=f"{grant.title}({grant.group_name})",
            body="\n".join(filter(None, [grant.fund.name, grant.group_name, str(FIELD_SHORT.get(grant.field, "")),
                                         grant.area, grant.summary, grant.report])),
            url=reverse("fund:grant", args=[grant.organisation.slug, grant.pk]),
            fiscal_year=grant.fiscal_year, published_at=grant.created_at)


def bench_targets():
    """The grant database of the organisation with the most grants (one query)."""
    busiest = (queries.standing().order_by().values("organisation__slug").annotate(n=Count("pk"))
               .order_by("-n").first())
    if busiest is None:
        return []
    slug = busiest["organisation__slug"]
    return [("fund.grants", _("助成データベース"), reverse("fund:grants", args=[slug])),
            ("fund.api", _("助成データベース API"), f"/api/v1/organisations/{slug}/fund/grants")]


def partner_grants(partner):
    """The grants the partner received, as one panel on its page (one query)."""
    grants = queries.grants_of_partner(partner)
    if not grants:
        return []
    figures = tuple((f"{wareki_fiscal_year(g.fiscal_year)} {g.fund.name}「{g.title}」", format_yen(g.amount))
                    for g in grants)
    return [modules.Panel(
        title=_("市民活動ファンドの助成"),
        url=reverse("fund:grants", args=[partner.organisation.slug]) + f"?q={partner.name}",
        figures=figures,
        note=_("合計 %(n)s件・%(total)s") % {"n": len(grants), "total": format_yen(sum(g.amount for g in grants))},
    )]


def register():
    from kyodo.portal.providers import counts, latest

    modules.register(modules.ModuleLink(
        title=gettext_lazy("市民活動ファンド"),
        summary=gettext_lazy("ファンドの助成データベース(団体・事業・分野・金額)と寄附の受入れ"),
        url_name="fund:index", order=45))
    modules.register(modules.ModuleLink(
        title=gettext_lazy("市民活動ファンドの管理"),
        summary=gettext_lazy("募集回と区分、助成と実績報告、寄附の受入れ"),
        url_name="fund:manage", permission="fund.manage", order=45), staff=True)
    modules.register_search(modules.SearchSource(name="fund.grant", model=Grant, documents=grant_documents))
    modules.register_dataset(modules.Dataset(
        name="fund.grants", title=gettext_lazy("市民活動ファンドの助成一覧"),
        description=gettext_lazy("ファンドが助成した団体名・事業名・分野(特定非営利活動促進法の分野)・"
                                 "活動地域・助成額・年度。絞り込んだ結果もダウンロードできます。"),
        url_name="fund:grants", formats=("csv", "xlsx", "json"),
        rows=counts(queries.standing(), "organisation_id"),
        updated=latest(queries.standing(), "organisation_id", "created_at"),
        layout=gettext_lazy("Kyodo 市民活動ファンド助成一覧(docs/fund.md)")))
    modules.register_bench_targets(bench_targets)
    modules.register_partner_section(partner_grants)
