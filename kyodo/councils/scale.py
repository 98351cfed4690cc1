"""Scale data for 市民会議 (``manage.py generate_scale``; see ``kyodo/core/scale.py``).

Every generated 行政改革推進プラン gets the council that watches it: its members (指名,
学識経験者, 公募), the public call that recruited them, its operating budget, meetings with
approved minutes and attendance, activities, a recommendation report whose 提言 point at the
plan's items, and — in some fiscal years — an evaluation round in which every member rates
eight items on the five criteria of the seed. Rounds are spread so that the councils' ratings
come to half the scale's rating count; past rounds are published with the council's verdicts,
the current year's is open.
"""

import datetime

from kyodo.core.scale import jst, person

from .models import (
    DEFAULT_CRITERIA, DEFAULT_SCALE, Activity, Call, Council, CouncilBudget, Criterion,
    EvaluationRound, ItemVerdict, Meeting, Member, MemberProgress, Rating, Recommendation,
    RecommendationReport,
)

D = datetime.date
AGENDAS = ["委嘱、会長・副会長の選出、計画の概要について", "取組項目の進み具合について", "重点項目ごとの審議",
           "職場訪問の報告", "提言(案)について", "実施状況の評価について", "評価結果の取りまとめ"]
RECOMMENDATIONS = [
    "窓口サービスを市民の目線で見直すこと", "市政の情報を分かりやすく公開すること",
    "事業の成果を評価して予算に反映すること", "職員の意識改革を進めること",
    "市民活動団体との協働を広げること", "デジタル化で手続を便利にすること",
    "公共施設の在り方を市民と話し合うこと", "市民の声を施策に生かす仕組みをつくること",
    "財政の見通しを市民に示すこと", "若い世代の参加を広げること", "審議会の公開を徹底すること",
    "補助金の効果を検証すること",
]
STATUSES = [(Recommendation.Status.REFLECTED, 40), (Recommendation.Status.PARTLY, 30),
            (Recommendation.Status.CONSIDERING, 20), (Recommendation.Status.NOT_REFLECTED, 10)]
ITEMS_PER_ROUND = 8
MEMBERS_RANGE = (12, 15)


def generate(ctx):
    t = {
        "council": ctx.table(Council, [
            "organisation_id", "name", "purpose", "secretariat_id", "established_on", "term_start",
            "term_end", "themes", "method", "quota_public", "quota_nominated", "quota_expert",
            "plan_id"]),
        "budget": ctx.table(CouncilBudget, ["council_id", "fiscal_year", "kind", "amount", "note"]),
        "member": ctx.table(Member, ["council_id", "name", "category", "position", "term_start",
                                     "term_end", "affiliation", "sort_order"]),
        "call": ctx.table(Call, ["council_id", "title", "seats", "opens_on", "closes_on",
                                 "requirements", "essay_theme"]),
        "meeting": ctx.table(Meeting, [
            "council_id", "number", "starts_at", "ends_at", "venue", "agenda", "observer_seats",
            "observers", "minutes", "minutes_approved_on"]),
        "attendee": ctx.table(Meeting.attendees.through, ["meeting_id", "member_id"], batch=20_000),
        "activity": ctx.table(Activity, ["council_id", "held_on", "kind", "title"]),
        "report": ctx.table(RecommendationReport, ["council_id", "title", "submitted_on", "summary"]),
        "recommendation": ctx.table(Recommendation, [
            "report_id", "number", "theme_id", "title", "response", "status", "reason",
            "status_changed_at"]),
        "recommendation_item": ctx.table(Recommendation.items.through,
                                         ["recommendation_id", "actionitem_id"]),
        "round": ctx.table(EvaluationRound, ["council_id", "title", "fiscal_year", "scale_labels",
                                             "status", "deadline", "closed_at", "published_at"]),
        "round_item": ctx.table(EvaluationRound.items.through, ["evaluationround_id", "actionitem_id"]),
        "criterion": ctx.table(Criterion, ["round_id", "number", "text"]),
        "rating": ctx.table(Rating, ["round_id", "member_id", "item_id", "criterion_id", "score",
                                     "comment"], batch=20_000),
        "progress": ctx.table(MemberProgress, ["round_id", "member_id", "saved_at", "submitted_at"]),
        "verdict": ctx.table(ItemVerdict, ["round_id", "item_id", "evaluation", "response"]),
    }
    councils = [(org, plan) for org in ctx.organisations for plan in ctx.plans[org.pk]
                if "行政改革" in plan.title]
    org_years = sum(len([y for y in range(p.start, p.end + 1) if y in ctx.years]) for _o, p in councils)
    per_round = sum(MEMBERS_RANGE) / 2 * ITEMS_PER_ROUND * len(DEFAULT_CRITERIA)
    round_rate = min(1.0, ctx.scale.rows / 2 / per_round / max(1, org_years))
    carry = 0.5  # rounds are placed evenly, not by chance, so even ``s`` gets its share
    for org, plan in councils:
        rng = ctx.rng("councils", org.pk, plan.pk)
        council, members = _council(ctx, t, rng, org, plan)
        for year in range(plan.start, plan.end + 1):
            if year not in ctx.years:
                continue
            carry += round_rate
            if carry >= 1 and plan.items:
                carry -= 1
                _round(ctx, t, rng, council, plan, members, year)


def _council(ctx, t, rng, org, plan):
    start, end = D(plan.start - 1, 10, 1), D(plan.end + 1, 3, 31)
    n_members = rng.randint(*MEMBERS_RANGE)
    n_nominated, n_expert = 4, 2
    name = f"{plan.title.split('行政改革')[0]}行政改革市民会議"
    council = t["council"].add(
        org.pk, name, f"市民の意見を{plan.title}の推進に反映させるために設置しました。",
        org.coordinator_department or org.departments[0][0], start, start, end,
        "\n".join(title for _pk, _n, title in plan.themes),
        "計画の取組項目を重点項目ごとに審議し、職場訪問と職員との意見交換を重ねます。",
        n_members - n_nominated - n_expert, n_nominated, n_expert, plan.pk)
    members = []
    for order in range(n_members):
        category = "nominated" if order < n_nominated else "expert" if order < n_nominated + n_expert else "public"
        position = "chair" if order == 0 else "vice_chair" if order == 1 else "member"
        affiliation = {"nominated": rng.choice(["町内会連合会", "商工会議所", "社会福祉協議会", "消費者協会"]),
                       "expert": rng.choice(["大学教員(行政学)", "大学教員(財政学)", "税理士"]),
                       "public": "公募委員"}[category]
        members.append(t["member"].add(council, person(rng), category, position, start, end,
                                       affiliation, order))
    t["call"].add(council, f"{name} 委員の公募", n_members - n_nominated - n_expert,
                  D(start.year, 8, 1), D(start.year, 8, 31),
                  "市内に住む18歳以上の方(市の職員・議員を除く)。", "私が考える行政改革")
    number = 0
    today = ctx.now.date()
    for year in range(plan.start - 1, plan.end + 1):
        if year not in ctx.years and year + 1 not in ctx.years:
            continue
        t["budget"].add(council, year, "fees", n_members * 8_000 * 4, f"{n_members}人×4回")
        t["budget"].add(council, year, "venue", rng.randrange(10, 40) * 10_000, "")
        for month in (5, 8, 11, 2):
            day = D(year + (month < 4), month, rng.randint(5, 25))
            if day < start or day > min(end, today) or year not in ctx.years:
                continue
            number += 1
            starts = jst(day.year, day.month, day.day, 18)
            agenda = AGENDAS[min(number - 1, len(AGENDAS) - 1)] if number <= 3 else rng.choice(AGENDAS[1:])
            approved = day + datetime.timedelta(days=28)
            meeting = t["meeting"].add(
                council, number, starts, starts + datetime.timedelta(hours=2),
                f"{org.name}役所 会議室", agenda, 10, rng.randint(0, 8),
                f"第{number}回会議では「{agenda}」について審議した。委員から多くの意見が出され、事務局が次回までに論点を整理することとした。",
                approved if approved <= today else None)
            for member in members:
                if rng.random() < 0.85:
                    t["attendee"].add(meeting, member)
        if year in ctx.years and rng.random() < 0.5:
            t["activity"].add(council, D(year, 7, rng.randint(1, 28)), rng.choice(["visit", "exchange"]),
                              rng.choice(["窓口職場の訪問", "若手職員との意見交換", "公共施設の見学"]))
    submitted = D(plan.start, 9, 30)
    if submitted <= today and plan.items:
        report = t["report"].add(council, "提言書", submitted,
                                 f"{plan.title}の推進にあたり、市民の立場から提言しました。")
        for number, title in enumerate(rng.sample(RECOMMENDATIONS, rng.randint(6, 10)), start=1):
            status = rng.choices([s for s, _w in STATUSES], weights=[w for _s, w in STATUSES])[0]
            item = rng.choice(plan.items)
            recommendation = t["recommendation"].add(
                report, number, item.theme, title, "ご提言の趣旨を踏まえ、取組を進めます。", status,
                "財政状況を踏まえ、現時点では実施を見送ります。" if status == Recommendation.Status.NOT_REFLECTED else "",
                jst(submitted.year + 1, 6, 1))
            t["recommendation_item"].add(recommendation, item.pk)
    return council, members


def _round(ctx, t, rng, council, plan, members, year):
    current = year == ctx.last_year
    status = EvaluationRound.Status.OPEN if current else EvaluationRound.Status.PUBLISHED
    round_ = t["round"].add(
        council, f"{year}年度 行政改革の実施状況の評価", year, [str(s) for s in DEFAULT_SCALE], status,
        D(year + 1, 9, 30) if not current else D(year + 1, 2, 28),
        jst(year + 1, 10, 5) if not current else None, jst(year + 1, 10, 25) if not current else None)
    items = rng.sample(plan.items, min(ITEMS_PER_ROUND, len(plan.items)))
    criteria = [t["criterion"].add(round_, n, str(text)) for n, text in enumerate(DEFAULT_CRITERIA, start=1)]
    for item in items:
        t["round_item"].add(round_, item.pk)
    for index, member in enumerate(members):
        submitted = not current or index < len(members) // 2
        saved = jst(year + 1, 9, rng.randint(1, 28)) if not current else ctx.now
        t["progress"].add(round_, member, saved, saved if submitted else None)
        for item in items:
            lean = 4 if item.status == "done" else 3
            for criterion in criteria:
                t["rating"].add(round_, member, item.pk, criterion,
                                max(1, min(5, lean + rng.choice((-1, 0, 0, 1)))),
                                rng.choice(("", "", "", "", "市民への説明をもっと分かりやすくしてほしい。",
                                            "取組の成果が見えるようになってきた。")))
    if not current:
        for item in items:
            t["verdict"].add(round_, item.pk, f"{item.title}はおおむね計画どおり進んでいる。",
                             "ご指摘を踏まえ、進み具合と課題をより分かりやすく公表します。")


def purge(organisations):
    using = organisations.db
    councils = Council.objects.filter(organisation__in=organisations.values("pk")).values("pk")
    rounds = EvaluationRound.objects.filter(council__in=councils).values("pk")
    meetings = Meeting.objects.filter(council__in=councils).values("pk")
    reports = RecommendationReport.objects.filter(council__in=councils).values("pk")
    for model, lookup in [
        (Rating, {"round__in": rounds}),
        (MemberProgress, {"round__in": rounds}),
        (ItemVerdict, {"round__in": rounds}),
        (Criterion, {"round__in": rounds}),
        (EvaluationRound.items.through, {"evaluationround__in": rounds}),
        (EvaluationRound, {"council__in": councils}),
        (Recommendation.items.through, {"recommendation__report__in": reports}),
        (Recommendation, {"report__in": reports}),
        (RecommendationReport, {"council__in": councils}),
        (Meeting.attendees.through, {"meeting__in": meetings}),
        (Meeting, {"council__in": councils}),
        (Activity, {"council__in": councils}),
        (Call, {"council__in": councils}),
        (Member, {"council__in": councils}),
        (CouncilBudget, {"council__in": councils}),
        (Council, {"pk__in": list(councils.values_list("pk", flat=True))}),
    ]:
        model.objects.filter(**lookup)._raw_delete(using)
