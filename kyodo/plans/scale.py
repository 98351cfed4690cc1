"""Scale data for 改革プラン (``manage.py generate_scale``; see ``kyodo/core/scale.py``).

Every generated municipality runs two chains of consecutive plans across the fiscal years: a
行政改革推進プラン of five years reported quarterly (第1〜第3四半期 and the year), and a
市民サービス向上行動計画 of three years reported by half-year (上半期 and the year). Their
items are sized so that progress reports come to the scale's row count. Reports whose period
ended long ago are published; the latest are on their way (作成中, 提出済, 差戻し, 承認済), as
on a real coordinator's desk. Items take their status and progress from their latest published
report, indicators have targets each year and actuals from published annual reports.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from kyodo.core.scale import audit_sample

from .models import (
    ActionItem, Indicator, IndicatorActual, IndicatorTarget, ItemBudget, ItemSchedule, Plan,
    PlanDocument, ProgressReport, ReportTransition, Revision, Theme, fiscal_year_label,
)

S = ProgressReport.Status
P = ProgressReport.Period
I = ActionItem.Status  # noqa: E741

TRACKS = [
    # title, span, reporting period, periods reported, share of the reports
    ("第{n}次行政改革推進プラン", 5, P.Q1, (P.Q1, P.Q2, P.Q3, P.YEAR), 0.64),
    ("市民サービス向上行動計画({start}〜{end})", 3, P.FIRST_HALF, (P.FIRST_HALF, P.YEAR), 0.36),
]
THEMES = [
    ("市民サービスの向上", "市民の目線で窓口や手続を見直し、身近なサービスの質を高めます。"),
    ("市民参加と協働の推進", "情報を積極的に公開し、市民との対話と協働を市政に生かします。"),
    ("健全な財政運営", "事業を見直し、持続可能な財政基盤をつくります。"),
    ("効率的な組織と人材育成", "組織と職員の力を高め、効率的な行政運営を進めます。"),
    ("デジタル化による業務改革", "デジタル技術で手続を便利にし、仕事の進め方を変えます。"),
]
# (title, indicator, unit, higher is better) per theme
ITEMS = [
    [("窓口の待ち時間の短縮", "繁忙期の平均待ち時間", "分", False),
     ("証明書のコンビニ交付の拡大", "コンビニ交付の件数", "件", True),
     ("総合案内の設置", "総合案内の案内件数", "件", True),
     ("休日窓口の開設", "休日窓口の利用件数", "件", True),
     ("申請書類の簡素化", "削減した添付書類の数", "種類", True),
     ("子育て支援情報の一元化", "子育て情報サイトの閲覧件数", "件", True),
     ("高齢者の相談窓口の充実", "相談件数", "件", True),
     ("電話応対の向上", "電話応対に関する苦情件数", "件", False)],
    [("市政情報の積極的な公開", "ホームページの閲覧件数", "万件", True),
     ("出前講座の充実", "出前講座の開催回数", "回", True),
     ("市民の声の施策への反映", "市民の声への平均回答日数", "日", False),
     ("市民活動団体との協働事業の推進", "協働事業の件数", "件", True),
     ("審議会委員の公募の拡大", "公募委員のいる審議会の割合", "%", True),
     ("パブリックコメントの充実", "意見提出者数", "人", True),
     ("地域まちづくり組織の支援", "地域まちづくり組織の数", "団体", True)],
    [("事務事業の見直し", "経費の削減額", "百万円", True),
     ("未利用地の売却", "売却額", "百万円", True),
     ("使用料・手数料の見直し", "見直した使用料の件数", "件", True),
     ("公共施設の適正配置", "公共施設の延床面積", "千㎡", False),
     ("市税の収納率の向上", "市税の収納率", "%", True),
     ("補助金の見直し", "見直した補助金の件数", "件", True),
     ("指定管理者制度の活用", "指定管理者制度の導入施設数", "施設", True)],
    [("職員数の適正化", "職員数の削減数", "人", True),
     ("人事評価制度の運用", "人事評価の対象職員の割合", "%", True),
     ("職員研修の充実", "研修の受講者数", "人", True),
     ("組織機構の見直し", "課の数", "課", False),
     ("時間外勤務の縮減", "職員一人あたりの時間外勤務", "時間", False),
     ("女性職員の管理職登用", "管理職に占める女性の割合", "%", True)],
    [("電子申請の拡大", "電子申請できる手続の数", "手続", True),
     ("文書管理の電子化", "電子決裁の割合", "%", True),
     ("内部事務システムの統合", "庁内の業務システム数", "システム", False),
     ("キャッシュレス決済の導入", "キャッシュレス決済に対応した窓口数", "か所", True),
     ("オープンデータの推進", "公開データセット数", "件", True),
     ("テレワークの導入", "テレワーク実施職員数", "人", True)],
]
NARRATIVES = [
    "計画どおり取組を進めました。", "関係課と調整し、対象を拡大しました。",
    "利用者アンケートの結果を踏まえて内容を見直しました。", "モデル地区での試行を終え、全域に広げました。",
    "予算の範囲内で効率的に実施しました。", "市民の意見を取り入れて手順を改めました。",
]
PROBLEMS = ["", "", "人員の確保が課題です。", "周知が十分でなく、利用が伸びていません。",
            "関係機関との調整に時間を要しています。", "費用対効果の検証が必要です。"]
NEXT_STEPS = ["次期も計画に沿って取組を進めます。", "対象を広げて実施します。",
              "効果を検証し、必要に応じて見直します。", "周知を強化します。"]
REVISIONS = [
    (Revision.Reason.PROGRESS, "進捗状況を踏まえ、目標値を見直す。"),
    (Revision.Reason.CITIZEN_VOICE, "市民会議の提言を受け、取組内容を拡充する。"),
    (Revision.Reason.ENVIRONMENT, "社会経済情勢の変化に対応し、スケジュールを見直す。"),
    (Revision.Reason.FINANCE, "財政状況の変化により、実施時期を延期する。"),
]
DUE = {  # the month (after the period's end) in which a report is written, and its offset in years
    P.Q1: (7, 0), P.Q2: (10, 0), P.Q3: (1, 1), P.FIRST_HALF: (10, 0), P.YEAR: (5, 1),
}


@dataclass
class ItemInfo:
    pk: int
    code: str
    title: str
    status: str
    theme: int


@dataclass
class PlanInfo:
    pk: int
    title: str
    start: int
    end: int
    themes: list = field(default_factory=list)  # [(pk, number, title)]
    items: list = field(default_factory=list)  # [ItemInfo]


def generate(ctx):
    t = {
        "plan": ctx.table(Plan, ["organisation_id", "title", "summary", "start_fiscal_year",
                                 "end_fiscal_year", "status", "adopted_on",
                                 "coordinating_department_id", "reporting_period", "sort_order"]),
        "document": ctx.table(PlanDocument, ["plan_id", "title", "issuer", "issued_on", "url",
                                             "sort_order"]),
        "theme": ctx.table(Theme, ["plan_id", "number", "title", "description"]),
        "item": ctx.table(ActionItem, ["plan_id", "theme_id", "code", "title", "description",
                                       "status", "progress", "sort_order"]),
        "departments": ctx.table(ActionItem.departments.through, ["actionitem_id", "department_id"]),
        "schedule": ctx.table(ItemSchedule, ["item_id", "fiscal_year", "content"]),
        "budget": ctx.table(ItemBudget, ["item_id", "fiscal_year", "budget", "settlement"]),
        "indicator": ctx.table(Indicator, ["item_id", "name", "unit", "baseline", "baseline_year",
                                           "higher_is_better", "sort_order"]),
        "target": ctx.table(IndicatorTarget, ["indicator_id", "fiscal_year", "value"]),
        "report": ctx.table(ProgressReport, [
            "item_id", "fiscal_year", "period", "status", "item_status", "progress", "narrative",
            "problems", "next_steps", "created_by_id", "created_at", "published_at"], batch=10_000),
        "transition": ctx.table(ReportTransition, ["report_id", "from_status", "to_status",
                                                   "actor_id", "at", "comment"], batch=10_000),
        "actual": ctx.table(IndicatorActual, ["indicator_id", "report_id", "fiscal_year", "value"]),
        "revision": ctx.table(Revision, ["item_id", "reason_category", "reason", "before", "after",
                                         "actor_id", "revised_at"]),
    }
    ctx.plans = {}
    per_year = ctx.scale.per_org_year(ctx.scale.rows)
    today = ctx.now.date()
    for org in ctx.organisations:
        rng = ctx.rng("plans", org.pk)
        ctx.plans[org.pk] = []
        for order, (pattern, span, reporting, periods, share) in enumerate(TRACKS):
            n_items = max(2, round(per_year * share / len(periods)))
            start = ctx.first_year - rng.randrange(span)
            number = 1
            while start <= ctx.last_year:
                info = _plan(ctx, t, rng, org, pattern, number, start, start + span - 1, reporting,
                             periods, n_items, order, today)
                ctx.plans[org.pk].append(info)
                start += span
                number += 1


def _plan(ctx, t, rng, org, pattern, number, start, end, reporting, periods, n_items, order, today):
    title = pattern.format(n=number, start=fiscal_year_label(start).split("(")[0],
                           end=fiscal_year_label(end).split("(")[0])
    adopted = datetime.date(start, 3, rng.randint(1, 28))
    status = Plan.Status.ADOPTED if adopted <= today else Plan.Status.DRAFT
    pk = t["plan"].add(
        org.pk, title, f"{org.name}の{title}です。計画期間は{fiscal_year_label(start)}から"
        f"{fiscal_year_label(end)}まで。取組の進み具合を公表し、市民会議の評価を受けます。",
        start, end, status, adopted if status == Plan.Status.ADOPTED else None,
        org.coordinator_department or None, reporting, order * 100 + number)
    info = PlanInfo(pk, title, start, end)
    t["document"].add(pk, f"{title}の策定について(市民会議提言)", f"{org.name}行政改革市民会議",
                      adopted - datetime.timedelta(days=90), "", 0)
    themes = rng.sample(range(len(THEMES)), 4)
    for number_, theme_index in enumerate(themes, start=1):
        theme_title, description = THEMES[theme_index]
        info.themes.append((t["theme"].add(pk, number_, theme_title, description), number_,
                            theme_title))
    years = [y for y in range(start, end + 1) if ctx.first_year <= y <= ctx.last_year]
    for index in range(n_items):
        theme_number = index % 4
        theme_pk = info.themes[theme_number][0]
        pool = ITEMS[themes[theme_number]]
        name, indicator_name, unit, higher = pool[(index // 4) % len(pool)]
        round_ = index // (4 * len(pool))
        item_title = name if round_ == 0 else f"{name}({('第二', '第三', '第四', '第五')[min(round_, 4) - 1]}期)"
        code = f"{theme_number + 1}-{index // 4 + 1}"
        _item(ctx, t, rng, org, info, theme_pk, code, item_title, indicator_name, unit, higher,
              years, start, periods, index, today)
    return info


def _item(ctx, t, rng, org, info, theme_pk, code, title, indicator_name, unit, higher, years,
          start, periods, order, today):
    departments = rng.sample(org.departments, min(len(org.departments), rng.choice((1, 1, 2))))
    fate = rng.random()  # a few items are cancelled or under review
    step = rng.choice((15, 20, 25, 34, 50))
    item_pk = t["item"].next_id
    staff = rng.choice(org.staff)
    baseline = Decimal(rng.choice((0, 10, 25, 40, 60, 120, 300, 1500)))
    indicator_pk = t["indicator"].add(item_pk, indicator_name, unit, baseline, start - 1, higher, 0)
    progress, status = 0, I.NOT_STARTED
    for year_index, year in enumerate(years):
        t["schedule"].add(item_pk, year, f"{title}:{('準備・調査', '試行', '実施', '拡大', '検証')[min(year_index, 4)]}")
        if rng.random() < 0.6:
            budget = rng.randrange(5, 500) * 100_000
            t["budget"].add(item_pk, year, budget,
                            int(budget * rng.uniform(0.85, 1.0)) if year < ctx.last_year else None)
        growth = Decimal(1 + 0.1 * (year_index + 1)) if higher else Decimal(1 - 0.05 * (year_index + 1))
        target = (baseline * growth).quantize(Decimal(1)) if baseline else Decimal(10 * (year_index + 1))
        t["target"].add(indicator_pk, year, target)
        for period in periods:
            month, later = DUE[period]
            due = datetime.date(year + later, month, 15)
            if due > today:
                continue
            age = (today - due).days
            if fate < 0.02 and progress >= 30:
                item_status = I.CANCELLED
            elif fate < 0.07 and progress >= 40:
                item_status = I.UNDER_REVIEW
            else:
                if period == P.YEAR:
                    progress = min(100, progress + step)
                item_status = I.DONE if progress >= 100 else I.IN_PROGRESS
            if age > 120:
                state = S.PUBLISHED
            else:
                state = rng.choices([S.PUBLISHED, S.APPROVED, S.SUBMITTED, S.RETURNED, S.DRAFT],
                                    weights=[40, 15, 20, 5, 20])[0]
            created = datetime.datetime.combine(due, datetime.time(10), tzinfo=ctx.now.tzinfo)
            published = created + datetime.timedelta(days=25) if state == S.PUBLISHED else None
            report_pk = t["report"].add(
                item_pk, year, period, state, item_status, progress, rng.choice(NARRATIVES),
                "" if item_status == I.DONE else rng.choice(PROBLEMS), rng.choice(NEXT_STEPS),
                staff.pk, created, published)
            if age < 730:  # the workflow's record of the last two years
                steps = {S.DRAFT: [], S.SUBMITTED: [(S.DRAFT, S.SUBMITTED)],
                         S.RETURNED: [(S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.RETURNED)],
                         S.APPROVED: [(S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.APPROVED)],
                         S.PUBLISHED: [(S.DRAFT, S.SUBMITTED), (S.SUBMITTED, S.APPROVED),
                                       (S.APPROVED, S.PUBLISHED)]}[state]
                for n, (before, after) in enumerate(steps):
                    t["transition"].add(report_pk, before, after, staff.pk,
                                        created + datetime.timedelta(days=5 + 8 * n),
                                        "実績値の算定方法を記載してください。" if after == S.RETURNED else "")
            if period == P.YEAR and state == S.PUBLISHED:
                t["actual"].add(indicator_pk, report_pk, year,
                                (target * Decimal(rng.uniform(0.7, 1.15))).quantize(Decimal(1)))
            if state == S.PUBLISHED:
                status = item_status
            if audit_sample(ctx, rng):
                ctx.log(org, ProgressReport, report_pk,
                        f"{code} {fiscal_year_label(year)} {P(period).label}", created,
                        changes={"status": ["None", str(state)], "progress": ["None", str(progress)]},
                        actor=staff)
    if fate < 0.1 and years:
        category, reason = rng.choice(REVISIONS)
        t["revision"].add(item_pk, category, reason, {"description": title},
                          {"description": f"{title}(見直し後)"}, rng.choice(org.staff).pk,
                          datetime.datetime.combine(datetime.date(years[-1], 6, 1), datetime.time(10),
                                                    tzinfo=ctx.now.tzinfo))
    shown_progress = 100 if status == I.DONE else (progress if status != I.NOT_STARTED else 0)
    pk = t["item"].add(info.pk, theme_pk, code, title, f"{title}に取り組みます。", status,
                       shown_progress if status != I.NOT_STARTED else 0, order)
    assert pk == item_pk
    for department_pk, _name in departments:
        t["departments"].add(item_pk, department_pk)
    info.items.append(ItemInfo(item_pk, code, title, status, theme_pk))


def purge(organisations):
    using = organisations.db
    plans = Plan.objects.filter(organisation__in=organisations.values("pk")).values("pk")
    items = ActionItem.objects.filter(plan__in=plans).values("pk")
    for model, lookup in [
        (IndicatorActual, {"report__item__in": items}),
        (ReportTransition, {"report__item__in": items}),
        (ProgressReport, {"item__in": items}),
        (IndicatorTarget, {"indicator__item__in": items}),
        (Indicator, {"item__in": items}),
        (ItemSchedule, {"item__in": items}),
        (ItemBudget, {"item__in": items}),
        (Revision, {"item__in": items}),
        (ActionItem.departments.through, {"actionitem__in": items}),
        (ActionItem, {"plan__in": plans}),
        (Theme, {"plan__in": plans}),
        (PlanDocument, {"plan__in": plans}),
        (Plan, {"pk__in": list(plans.values_list("pk", flat=True))}),
    ]:
        model.objects.filter(**lookup)._raw_delete(using)
