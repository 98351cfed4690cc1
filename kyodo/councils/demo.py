"""Demo data for 市民会議: 札幌市's 市役所改革市民会議 (seed 000).

From the seed: set up in 平成15年11月 to bring citizens' views into the reform; 15 members,
10 公募 and 5 指名; a term of about two years, its work continuing until 平成17年10月; it
deliberated on 市民サービス, コミュニケーション, 市役所経営資源 and 業務システムの改革 using
the draft plan, visited workplaces and exchanged views with staff, and gave its final
recommendation in 平成16年9月; its operating budget in 平成16年度 was 566万円 (報酬, 会場費,
議事録作成費). Members' names, the meetings' agendas, the recommendations' wording and the
ratings are illustrative (fictitious people). Safe to load again.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kyodo.core.models import User
from kyodo.plans.models import ActionItem, Plan

from .models import (
    Activity, Call, Council, CouncilBudget, Criterion, DEFAULT_CRITERIA, DEFAULT_SCALE,
    EvaluationRound, ItemVerdict, Meeting, Member, MemberProgress, Rating, Recommendation,
    RecommendationReport,
)

TOKYO = ZoneInfo("Asia/Tokyo")
ORG = "札幌市"
D = datetime.date

MEMBERS = [  # name, category, position, affiliation
    ("大川 正彦", "nominated", "chair", "大学教員(行政学)"),
    ("佐々木 由美", "nominated", "vice_chair", "消費者団体"),
    ("高橋 健一", "nominated", "member", "商工団体"),
    ("中村 恵子", "nominated", "member", "町内会連合会"),
    ("小林 大輔", "nominated", "member", "NPO支援センター"),
    ("会議 一郎", "public", "member", "公募委員"),
    ("田中 美咲", "public", "member", "公募委員"),
    ("山本 浩", "public", "member", "公募委員"),
    ("渡辺 直子", "public", "member", "公募委員"),
    ("伊藤 誠", "public", "member", "公募委員"),
    ("加藤 あゆみ", "public", "member", "公募委員"),
    ("吉田 修", "public", "member", "公募委員"),
    ("山田 千尋", "public", "member", "公募委員"),
    ("松本 隆", "public", "member", "公募委員"),
    ("井上 さやか", "public", "member", "公募委員"),
]

MEETINGS = [  # number, date, agenda
    (1, D(2003, 11, 20), "委嘱、会長・副会長の選出、市役所改革の現状について"),
    (2, D(2003, 12, 18), "審議の進め方、市民サービスの改革について"),
    (3, D(2004, 1, 22), "コミュニケーションの改革について"),
    (4, D(2004, 2, 19), "市役所経営資源の改革について"),
    (5, D(2004, 3, 25), "業務システムの改革について、第1回提言(案)"),
    (6, D(2004, 5, 20), "市役所改革プラン素案について"),
    (7, D(2004, 7, 15), "職場訪問の報告、最終提言の構成"),
    (8, D(2004, 9, 9), "最終提言(案)の取りまとめ"),
    (9, D(2005, 6, 16), "市役所改革プランの進み具合について"),
    (10, D(2005, 9, 29), "実施状況の評価の取りまとめ"),
]

RECOMMENDATIONS = [  # number, theme number, title, item codes, status, response, reason
    (1, 1, "区役所の窓口を市民の目線で見直すこと", ["1-1", "1-3"], "reflected",
     "番号案内と総合案内を全区に導入し、待ち時間を短縮しました。", ""),
    (2, 1, "窓口の開いている時間を市民の生活に合わせること", ["1-2"], "partly",
     "平日夜間の延長を試行しています。休日開庁は需要を見て判断します。", ""),
    (3, 1, "インターネットで手続ができるようにすること", ["1-4"], "partly",
     "電子申請の対象手続を段階的に増やしています。", ""),
    (4, 2, "市政の情報を分かりやすく積極的に公開すること", ["2-1", "2-6"], "reflected",
     "ホームページを改め、改革の進み具合を毎年公表しています。", ""),
    (5, 2, "職員が地域に出向いて市民と対話すること", ["2-2"], "reflected",
     "出前講座に市役所改革のテーマを加えました。", ""),
    (6, 2, "市民の声を施策に生かす仕組みをつくること", ["2-3"], "considering",
     "市民の声の分析と施策への反映の方法を検討しています。", ""),
    (7, 3, "職員数と人件費を市民に説明できる水準にすること", ["3-1"], "partly",
     "定員管理計画を作り、職員数を削減しています。", ""),
    (8, 3, "出資団体の必要性を一つずつ見直すこと", ["3-3"], "considering",
     "団体ごとの評価を進めています。", ""),
    (9, 3, "市の施設をすべて民間に任せること", ["3-4"], "not_reflected",
     "施設の性格に応じて指定管理者制度を導入しています。",
     "福祉施設など市が直接運営する必要のある施設があるため、すべてを民間に任せることはしません。"),
    (10, 4, "事業の成果を評価して予算に反映する仕組みをつくること", ["4-1"], "reflected",
     "平成17年度から行政評価制度を導入しました。", ""),
    (11, 4, "内部事務をITで効率化すること", ["4-3", "4-6"], "considering",
     "内部事務システムの統合は費用対効果を見直しています。", ""),
]

EVALUATED = ["1-1", "1-2", "1-4", "2-2", "2-3", "3-1", "4-1", "4-3"]


def at(day, hour=18):
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=TOKYO)


def load(world):
    organisation = world["organisations"][ORG]
    office = world["departments"][(ORG, ("市政推進室",))]
    plan = Plan.objects.filter(organisation=organisation, title="市役所改革プラン").first()
    with transaction.atomic():
        council, _ = Council.objects.update_or_create(
            organisation=organisation, name="市役所改革市民会議",
            defaults={
                "purpose": "住民参加により、市役所改革の推進に市民の意見を反映させるために設置しました。",
                "secretariat": office, "established_on": D(2003, 11, 1),
                "term_start": D(2003, 11, 1), "term_end": D(2005, 10, 31),
                "themes": "市民サービスの改革\nコミュニケーションの改革\n市役所経営資源の改革\n業務システムの改革",
                "method": ("市役所改革プランの素案をたたき台として審議テーマごとに議論し、提言書をとりまとめました。"
                           "委員自らが様々な職場に出向き、職員との意見交換を重ねました。"),
                "quota_public": 10, "quota_nominated": 5, "quota_expert": 0, "plan": plan,
            })
        for kind, amount, note in [("fees", 3_600_000, "15人×12回"), ("venue", 860_000, ""),
                                   ("minutes", 1_200_000, "議事録の作成委託")]:
            CouncilBudget.objects.update_or_create(council=council, fiscal_year=2004, kind=kind,
                                                   defaults={"amount": amount, "note": note})
        account = User.objects.filter(email="council@example.jp").first()
        members = []
        for order, (name, category, position, affiliation) in enumerate(MEMBERS):
            member, _ = Member.objects.update_or_create(
                council=council, name=name,
                defaults={"category": category, "position": position, "affiliation": affiliation,
                          "term_start": D(2003, 11, 1), "term_end": D(2005, 10, 31),
                          "sort_order": order,
                          "user": account if name == "会議 一郎" else None,
                          "user_accepted_at": (datetime.datetime(2003, 11, 1, tzinfo=TOKYO)
                                               if name == "会議 一郎" else None)})
            members.append(member)
        Call.objects.update_or_create(
            council=council, title="市役所改革市民会議 委員の公募",
            defaults={"seats": 10, "opens_on": D(2003, 9, 1), "closes_on": D(2003, 9, 30),
                      "requirements": "市内に住む20歳以上の方(市の職員・市議会議員を除く)。平日夜の会議に出席できる方。",
                      "essay_theme": "私が考える市役所改革", "essay_max_chars": 800,
                      "selection_method": "書類選考"})
        load_next_term(organisation, office, plan)
        for number, day, agenda in MEETINGS:
            minutes = f"第{number}回会議では「{agenda}」について審議した。委員から多くの意見が出され、事務局が次回までに論点を整理することとした。"
            meeting, _ = Meeting.objects.update_or_create(
                council=council, number=number,
                defaults={"starts_at": at(day), "ends_at": at(day, 20), "venue": "札幌市役所本庁舎 会議室",
                          "agenda": agenda, "is_open": True, "observer_seats": 10,
                          "observers": 3 + number % 4, "minutes_kind": Meeting.MinutesKind.SUMMARY,
                          "minutes": minutes, "approved_minutes": minutes,
                          "minutes_approved_on": day + datetime.timedelta(days=28)})
            meeting.attendees.set(members[: 12 + number % 4])
        for day, kind, title in [(D(2004, 6, 10), "visit", "中央区役所 戸籍住民課の窓口を訪問"),
                                 (D(2004, 6, 24), "exchange", "清掃事務所の職員との意見交換"),
                                 (D(2004, 7, 1), "exchange", "若手職員との意見交換会")]:
            Activity.objects.update_or_create(council=council, held_on=day, title=title,
                                              defaults={"kind": kind})
        load_recommendations(council, plan)
        if plan is not None:
            load_evaluations(council, plan, members)


def load_next_term(organisation, office, plan):
    """The next term (第2期) is a council of its own, starting after its open call for
    members closes: the selected applicants serve its term, within its quotas."""
    today = timezone.localdate()
    closes_on = today + datetime.timedelta(days=21)
    term_start = (closes_on.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)  # time to select
    council, _ = Council.objects.update_or_create(
        organisation=organisation, name="市役所改革市民会議(第2期)",
        defaults={
            "purpose": "市役所改革プランの進み具合を市民の目で評価し、次の改革に市民の意見を反映させるために設置します。",
            "secretariat": office, "established_on": term_start, "term_start": term_start,
            "term_end": term_start.replace(year=term_start.year + 2) - datetime.timedelta(days=1),
            "themes": "市役所改革プランの実施状況の評価", "quota_public": 5, "quota_nominated": 5,
            "quota_expert": 0, "plan": plan,
        })
    Call.objects.update_or_create(
        council__organisation=organisation, title="市役所改革市民会議 次期委員の公募",
        defaults={"council": council, "seats": 5, "opens_on": today - datetime.timedelta(days=7),
                  "closes_on": closes_on,
                  "requirements": "市内に住む18歳以上の方(市の職員・市議会議員を除く)。",
                  "essay_theme": "市役所改革プランの進み具合を市民としてどう評価するか",
                  "essay_max_chars": 800, "selection_method": "書類選考"})


def load_recommendations(council, plan):
    first, _ = RecommendationReport.objects.update_or_create(
        council=council, title="第1回提言", defaults={"submitted_on": D(2004, 3, 25),
                                                    "summary": "すぐに取り組める窓口サービスの改善を求めました(サービスアップ行動計画へ)。"})
    final, _ = RecommendationReport.objects.update_or_create(
        council=council, title="最終提言", defaults={"submitted_on": D(2004, 9, 30),
                                                   "summary": "市役所改革プランに盛り込むべき改革の方向と取組項目をまとめました。"})
    if plan is None:
        return
    items = {i.code: i for i in ActionItem.objects.filter(plan=plan)}
    themes = {t.number: t for t in plan.themes.all()}
    for number, theme, title, codes, status, response, reason in RECOMMENDATIONS:
        recommendation, _ = Recommendation.objects.update_or_create(
            report=final, number=number,
            defaults={"title": title, "theme": themes.get(theme), "status": status,
                      "response": response, "reason": reason,
                      "status_changed_at": at(D(2005, 6, 1), 10)})
        recommendation.items.set([items[c] for c in codes if c in items])
    Recommendation.objects.update_or_create(
        report=first, number=1, defaults={"title": "窓口の待ち時間をすぐに減らすこと",
                                          "status": "reflected",
                                          "response": "サービスアップ行動計画で番号案内を始めました。",
                                          "status_changed_at": at(D(2004, 6, 1), 10)})


def load_evaluations(council, plan, members):
    rng = random.Random(20051)
    items = [i for i in ActionItem.objects.filter(plan=plan, code__in=EVALUATED)]
    done = ensure_round(council, "平成17年度上半期 市役所改革実施状況の評価", 2005, items)
    if done.status == EvaluationRound.Status.OPEN:
        # Sheets sent in the fortnight before the round closed, not on the day the demo is loaded.
        fill(done, members, items, rng, submitted=len(members),
             sent=lambda index: at(D(2005, 10, 1 + index % 13), 9 + index % 8))
        done.status = EvaluationRound.Status.PUBLISHED
        done.closed_at = at(D(2005, 10, 14), 17)
        done.published_at = at(D(2005, 10, 28), 10)
        done.save()
        for item in items:
            ItemVerdict.objects.update_or_create(round=done, item=item, defaults={
                "evaluation": f"{item.title}はおおむね計画どおり進んでいるが、市民への説明をさらに充実させる必要がある。",
                "response": "ご指摘を踏まえ、進み具合と課題をより分かりやすく公表します。",
                "item_code": item.code, "item_title": item.title})
    current = ensure_round(council, "平成17年度 市役所改革実施状況の評価", 2005, items[:5])
    if not current.ratings.exists():
        fill(current, members[1:], items[:5], rng, submitted=6)


def ensure_round(council, title, year, items):
    round_, created = EvaluationRound.objects.get_or_create(
        council=council, title=title,
        defaults={"fiscal_year": year, "scale_max": 5, "scale_labels": [str(s) for s in DEFAULT_SCALE]})
    if created:
        round_.items.set(items)
        Criterion.objects.bulk_create(Criterion(round=round_, number=n, text=str(text))
                                      for n, text in enumerate(DEFAULT_CRITERIA, start=1))
    return round_


#: How members without an account sent their sheets; the secretariat entered them (代理入力).
PAPER_CHANNELS = (MemberProgress.Channel.PAPER, MemberProgress.Channel.FAX, MemberProgress.Channel.HAND)


def fill(round_, members, items, rng, *, submitted, sent=lambda index: timezone.now()):
    criteria = list(round_.criteria.all())
    secretariat = User.objects.filter(email="coordinator@sapporo.example.jp").first()
    ratings = []
    for index, member in enumerate(members):
        for item in items:
            lean = 4 if item.status == "done" else 3
            for criterion in criteria:
                score = max(1, min(5, lean + rng.choice((-1, 0, 0, 1))))
                comment = ""
                if rng.random() < 0.08:
                    comment = rng.choice(["取組の成果が市民に見えるようになってきた。",
                                          "職員の意識改革がまだ十分ではない。",
                                          "市民への説明をもっと分かりやすくしてほしい。",
                                          "環境の変化に合わせた見直しが行われている。"])
                ratings.append(Rating(round=round_, member=member, item=item, criterion=criterion,
                                      score=score, comment=comment))
        online = member.user_id is not None
        MemberProgress.objects.update_or_create(round=round_, member=member, defaults={
            "saved_at": sent(index),
            "submitted_at": sent(index) if index < submitted else None,
            "channel": MemberProgress.Channel.WEB if online else PAPER_CHANNELS[index % len(PAPER_CHANNELS)],
            "entered_by": None if online else secretariat})
    Rating.objects.bulk_create(ratings, ignore_conflicts=True)
    for index, member in enumerate(members):
        Rating.objects.filter(round=round_, member=member).update(updated_at=sent(index))
