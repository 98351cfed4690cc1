"""Scale data for 出前講座 (``manage.py generate_scale``; see ``kyodo/core/scale.py``).

Every generated municipality has its 実施要綱, a menu of 30–45 themes each fiscal year (only
the current year's are 受付中), and requests numbered from 1 in each year — spread over the
year with the spring and autumn peaks of a real office. Past years' requests are nearly all
実施報告済 (a few declined or withdrawn); the current year's are in every state of the
workflow. The workflow's record (手続の記録) is written for the last two years only.
"""

import datetime

from kyodo.core.scale import DISTRICTS, audit_sample, jst, person

from .models import Category, LectureRules, ReceiptCounter, Request, Theme, Transition

S = Request.Status
# (title, category, division that lectures, minutes)
THEMES = [
    ("市の財政のいま", Category.CITY, "財政課", 60), ("わたしたちの税金の使いみち", Category.CITY, "財政課", 60),
    ("行政改革の取組", Category.CITY, "行政改革推進課", 90), ("広報紙ができるまで", Category.CITY, "広報広聴課", 60),
    ("情報公開と個人情報保護", Category.CITY, "総務課", 60), ("マイナンバーカードの使い方", Category.CITY, "戸籍住民課", 60),
    ("電子申請の使い方", Category.CITY, "情報政策課", 90), ("市の総合計画", Category.CITY, "企画課", 60),
    ("町内会の活動を元気に", Category.TOWN, "市民協働推進課", 90), ("市民活動団体と市の協働", Category.TOWN, "市民活動支援課", 90),
    ("都市計画のしくみ", Category.TOWN, "都市計画課", 60), ("冬の道路と除雪", Category.TOWN, "道路河川課", 60),
    ("公園づくりへの参加", Category.TOWN, "公園緑地課", 60), ("空き家の適正管理", Category.TOWN, "建築指導課", 60),
    ("ごみの減量とリサイクル", Category.ENVIRONMENT, "ごみ減量推進課", 60), ("家庭でできる省エネ", Category.ENVIRONMENT, "環境政策課", 60),
    ("食品ロスを減らそう", Category.ENVIRONMENT, "ごみ減量推進課", 60), ("地球温暖化と私たちの暮らし", Category.ENVIRONMENT, "環境政策課", 90),
    ("介護保険のしくみ", Category.WELFARE, "高齢者支援課", 90), ("認知症を知る", Category.WELFARE, "高齢者支援課", 90),
    ("健康づくりと介護予防", Category.WELFARE, "健康推進課", 90), ("障がいのある人への理解", Category.WELFARE, "障がい福祉課", 60),
    ("地域福祉の担い手", Category.WELFARE, "福祉総務課", 60), ("特定健診とがん検診", Category.WELFARE, "健康推進課", 60),
    ("子育て支援サービスの紹介", Category.CHILDREN, "子育て支援課", 60), ("保育園・認定こども園のしくみ", Category.CHILDREN, "保育課", 60),
    ("子どもの居場所づくり", Category.CHILDREN, "青少年課", 60), ("学校教育のいま", Category.CHILDREN, "学校教育課", 90),
    ("地震に備える", Category.SAFETY, "防災危機管理課", 90), ("冬の災害と避難", Category.SAFETY, "防災危機管理課", 60),
    ("悪質商法にだまされないために", Category.SAFETY, "生活安全課", 60), ("交通安全教室", Category.SAFETY, "生活安全課", 60),
    ("まちの歴史と文化財", Category.CULTURE, "生涯学習課", 90), ("生涯スポーツのすすめ", Category.CULTURE, "文化スポーツ課", 60),
    ("図書館を使いこなす", Category.CULTURE, "生涯学習課", 60), ("観光資源を生かしたまちづくり", Category.ECONOMY, "観光振興課", 90),
    ("地元の農業と地産地消", Category.ECONOMY, "農林水産課", 60), ("創業・起業の支援制度", Category.ECONOMY, "商工労働課", 60),
    ("ふるさと納税のしくみ", Category.ECONOMY, "企画課", 60), ("働き方改革と雇用", Category.ECONOMY, "商工労働課", 60),
    ("消防・救急のしくみ", Category.SAFETY, "防災危機管理課", 60), ("避難所運営ゲーム", Category.SAFETY, "防災危機管理課", 120),
    ("水道水ができるまで", Category.ENVIRONMENT, "環境政策課", 60), ("成年後見制度", Category.WELFARE, "福祉総務課", 60),
    ("子どもの権利を考える", Category.CHILDREN, "子育て支援課", 60),
]
GROUP_KINDS = [
    (Request.GroupKind.NEIGHBOURHOOD, "町内会", 30), (Request.GroupKind.SENIORS, "老人クラブ", 20),
    (Request.GroupKind.PTA, "小学校PTA", 10), (Request.GroupKind.WOMEN, "婦人会", 8),
    (Request.GroupKind.CIRCLE, "の会", 17), (Request.GroupKind.SCHOOL, "中学校", 5),
    (Request.GroupKind.COMPANY, "株式会社", 5), (Request.GroupKind.OTHER, "地区社会福祉協議会", 5),
]
# Requests per month, April first: spring and autumn are busy, winter and August quiet.
MONTH_WEIGHTS = [8, 9, 10, 10, 5, 10, 11, 10, 7, 5, 7, 8]
PAST_STATES = ([S.REPORTED] * 86 + [S.HELD] * 2 + [S.DECLINED] * 5 + [S.WITHDRAWN] * 7)
PATHS = {
    S.SUBMITTED: [], S.RECEIVED: [S.RECEIVED], S.ROUTED: [S.RECEIVED, S.ROUTED],
    S.SCHEDULING: [S.RECEIVED, S.ROUTED, S.SCHEDULING], S.DECIDED: [S.RECEIVED, S.ROUTED, S.DECIDED],
    S.HELD: [S.RECEIVED, S.ROUTED, S.DECIDED, S.HELD],
    S.REPORTED: [S.RECEIVED, S.ROUTED, S.DECIDED, S.HELD, S.REPORTED],
    S.DECLINED: [S.RECEIVED, S.DECLINED], S.WITHDRAWN: [S.RECEIVED, S.WITHDRAWN],
}


def generate(ctx):
    rules = ctx.table(LectureRules, ["organisation_id", "service_area"])
    themes = ctx.table(Theme, ["organisation_id", "fiscal_year", "number", "title", "summary",
                               "department_id", "duration_minutes", "category", "keywords",
                               "active"])
    requests = ctx.table(Request, [
        "organisation_id", "theme_id", "fiscal_year", "sequence", "status", "group_name",
        "group_kind", "representative", "phone", "email", "preferred_1", "venue",
        "venue_address", "audience", "questions", "department_id", "starts_at", "ends_at",
        "lecturer", "actual_audience", "report_questions", "decline_reason", "created_at"],
        batch=10_000)
    transitions = ctx.table(Transition, ["request_id", "from_status", "to_status", "actor_id",
                                         "by_applicant", "at", "note"], batch=10_000)
    counters = ctx.table(ReceiptCounter, ["organisation_id", "fiscal_year", "last"])
    per_year = ctx.scale.per_org_year(ctx.scale.rows)
    now = ctx.now
    for org in ctx.organisations:
        rng = ctx.rng("lectures", org.pk)
        rules.add(org.pk, org.name)
        departments = dict((name, pk) for pk, name in org.departments)
        menu = [entry for entry in THEMES if entry[2] in departments]
        for year in ctx.years:
            current = year == ctx.last_year
            chosen = sorted(rng.sample(range(len(menu)), min(len(menu), rng.randint(30, 45))))
            year_themes = []
            for number, index in enumerate(chosen, start=1):
                title, category, division, minutes = menu[index]
                pk = themes.add(org.pk, year, number, title, f"{title}について、担当職員がわかりやすく説明します。",
                                departments[division], minutes, category, title[:10], current)
                year_themes.append((pk, departments[division], division, minutes))
            count = round(per_year * rng.uniform(0.85, 1.15))
            if current:  # the year is not over: only the months gone by, and a few booked ahead
                count = round(count * min(1, max(0.1, (now.date() - datetime.date(year, 4, 1)).days / 365)))
            for sequence in range(1, count + 1):
                _request(ctx, rng, org, year, sequence, year_themes, requests, transitions, current)
            counters.add(org.pk, year, count)


def _request(ctx, rng, org, year, sequence, year_themes, requests, transitions, current):
    now = ctx.now
    theme_pk, department_pk, division, minutes = rng.choice(year_themes)
    kind, suffix, _weight = rng.choices(GROUP_KINDS, weights=[g[2] for g in GROUP_KINDS])[0]
    district = rng.choice(DISTRICTS)
    group = f"{district}{suffix}" if kind != Request.GroupKind.COMPANY else f"{suffix}{district}商事"
    month = rng.choices(range(12), weights=MONTH_WEIGHTS)[0]
    created = jst(year + (month >= 9), (month + 3) % 12 + 1, rng.randint(1, 28), rng.randint(9, 17))
    starts = created + datetime.timedelta(days=rng.randint(20, 60))
    starts = starts.replace(hour=rng.choice((10, 13, 14, 18, 19)), minute=0)
    if current:
        if starts < now - datetime.timedelta(days=7):
            state = rng.choice(PAST_STATES)
        elif created > now:
            created = now - datetime.timedelta(days=rng.randint(1, 20))
            state = rng.choice([S.SUBMITTED, S.RECEIVED, S.ROUTED, S.SCHEDULING])
        else:
            state = rng.choices([S.SUBMITTED, S.RECEIVED, S.ROUTED, S.SCHEDULING, S.DECIDED, S.HELD],
                                weights=[10, 10, 15, 15, 40, 10])[0]
    else:
        state = rng.choice(PAST_STATES)
    decided = state in (S.DECIDED, S.HELD, S.REPORTED)
    audience = rng.randint(10, 80)
    representative = person(rng)
    pk = requests.add(
        org.pk, theme_pk, year, sequence, state, group, kind, representative,
        f"0{rng.randint(120, 169)}-{rng.randint(20, 99)}-{rng.randint(1000, 9999)}",
        f"group{sequence}-{year}@{org.slug}.example.jp", starts, f"{district}会館",
        f"{org.name}{district}{rng.randint(1, 9)}丁目", audience,
        rng.choice(("", "", "身近な例を交えて話してほしい。", "質疑の時間を多めにとってほしい。")),
        department_pk if state != S.SUBMITTED else None,
        starts if decided else None,
        starts + datetime.timedelta(minutes=minutes) if decided else None,
        f"{division} {person(rng).split()[0]}" if decided else "",
        max(5, audience + rng.randint(-8, 5)) if state == S.REPORTED else None,
        rng.choice(("", "今後の予定について質問があった。", "身近な事例への関心が高かった。"))
        if state == S.REPORTED else "",
        "ご希望の日に講師の都合がつかなかったため。" if state == S.DECLINED else "",
        created)
    if year >= ctx.last_year - 1:
        previous, at = S.SUBMITTED, created
        staff = org.staff[0]
        for step in PATHS[state]:
            at = at + datetime.timedelta(days=2)
            if step in (S.HELD, S.REPORTED):
                at = max(at, starts + datetime.timedelta(hours=3))
            transitions.add(pk, previous, step, None if step == S.WITHDRAWN else staff.pk,
                            step == S.WITHDRAWN, min(at, now), "")
            previous = step
    if audit_sample(ctx, rng):
        ctx.log(org, Request, pk, Request(fiscal_year=year, sequence=sequence).receipt_number, created,
                changes={"status": ["None", str(state)], "group_name": ["None", group]})


def purge(organisations):
    using = organisations.db
    ids = organisations.values("pk")
    Transition.objects.filter(request__organisation__in=ids)._raw_delete(using)
    Request.objects.filter(organisation__in=ids)._raw_delete(using)
    ReceiptCounter.objects.filter(organisation__in=ids)._raw_delete(using)
    Theme.objects.filter(organisation__in=ids)._raw_delete(using)
    LectureRules.objects.filter(organisation__in=ids)._raw_delete(using)
