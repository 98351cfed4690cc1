"""Scale data for the fund database (``manage.py generate_scale``; see ``kyodo/core/scale.py``).

Each generated municipality has one citizen fund with a round a fiscal year (two categories)
and its donations; the grants are a tenth of ``scale.rows`` (100 at s, 10,000 at m, 100,000 at
l), spread over the municipalities and years, every field in force that year, so the grant
database and its API are measured at their heaviest.
"""

from kyodo.collaboration.vocabularies import field_list_for_fiscal_year
from kyodo.core.scale import DISTRICTS, jst

from .models import DonationYear, Fund, FundRound, Grant, GrantCategory

TITLES = ["見守り訪問", "子ども食堂", "河川清掃", "防災講座", "郷土芸能の継承", "日本語教室", "朝市の活性化",
          "読み聞かせ会", "就労体験", "消費生活講座", "パソコン教室", "植樹祭"]


def generate(ctx):
    funds = ctx.table(Fund, ["organisation_id", "name", "purpose", "rules", "established_fiscal_year", "created_at"])
    rounds = ctx.table(FundRound, ["fund_id", "fiscal_year", "number"])
    categories = ctx.table(GrantCategory, ["round_id", "name", "cap"])
    grants = ctx.table(Grant, ["organisation_id", "fund_id", "round_id", "category_id", "fiscal_year",
                               "group_name", "title", "field", "area", "amount", "created_at"], batch=10_000)
    donations = ctx.table(DonationYear, ["fund_id", "fiscal_year", "count", "amount"])
    per_year = ctx.scale.per_org_year(max(1, ctx.scale.rows // 10))
    for org in ctx.organisations:
        rng = ctx.rng("fund", org.pk)
        fund = funds.add(org.pk, f"{org.name}まちづくりファンド", "市民活動団体の公益的な事業を助成します。",
                         "", ctx.first_year, jst(ctx.first_year, 4, 1))
        for year in ctx.years:
            round_ = rounds.add(fund, year, 1)
            general = categories.add(round_, "一般助成", 500_000)
            startup = categories.add(round_, "スタートアップ助成", 200_000)
            keys = [k.value if hasattr(k, "value") else k for k in field_list_for_fiscal_year(year).keys]
            donations.add(fund, year, rng.randint(50, 300), rng.randint(100, 2000) * 10_000)
            for n in range(per_year):
                is_startup = n % 4 == 3
                grants.add(org.pk, fund, round_, startup if is_startup else general, year,
                           f"{rng.choice(DISTRICTS)}{rng.choice(['の会', 'ネット', 'クラブ', '協議会'])}{n}",
                           rng.choice(TITLES), keys[n % len(keys)], f"{org.name}{rng.choice(DISTRICTS)}",
                           rng.randint(5, 20 if is_startup else 50) * 10_000, jst(year, 7, 1))


def purge(organisations):
    using = organisations.db
    ids = organisations.values("pk")
    Grant.objects.filter(organisation__in=ids)._raw_delete(using)
    DonationYear.objects.filter(fund__organisation__in=ids)._raw_delete(using)
    GrantCategory.objects.filter(round__fund__organisation__in=ids)._raw_delete(using)
    FundRound.objects.filter(fund__organisation__in=ids)._raw_delete(using)
    Fund.objects.filter(organisation__in=ids)._raw_delete(using)
