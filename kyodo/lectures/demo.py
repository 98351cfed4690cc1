"""Demo data for 出前講座: 札幌市's menu (出前講座テーマ集) and a year of requests.

From the seed: 広報部広報課 is the reception desk; since 平成15年10月 the menu includes
市役所改革, lectured by 市政推進室. The 32 themes below are illustrative, spread over the
demo's real departments; the groups, venues and people are fictitious. Requests cover the
current fiscal year in every state, from a request just submitted to lectures reported.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kyodo.core.japanese import fiscal_year
from kyodo.core.models import User

from .models import LectureRules, ReceiptCounter, Request, Theme, Transition

ORG = "札幌市"
TOKYO = ZoneInfo("Asia/Tokyo")

DEPARTMENTS = {
    "市政推進室": ("市政推進室",), "広報課": ("総務局", "広報部", "広報課"),
    "市民の声を聞く課": ("総務局", "広報部", "市民の声を聞く課"), "総務課": ("総務局", "行政部", "総務課"),
    "情報システム課": ("総務局", "情報化推進部", "情報システム課"), "財政課": ("財政局", "財政部", "財政課"),
    "市民活動促進課": ("市民まちづくり局", "地域振興部", "市民活動促進課"),
    "区政課": ("市民まちづくり局", "地域振興部", "区政課"),
    "戸籍住民課": ("市民まちづくり局", "市民生活部", "戸籍住民課"),
    "高齢福祉課": ("保健福祉局", "高齢保健福祉部", "高齢福祉課"),
    "保健福祉局総務課": ("保健福祉局", "総務部", "総務課"),
    "循環型社会推進課": ("環境局", "環境事業部", "循環型社会推進課"),
    "子ども企画課": ("子ども未来局", "子ども育成部", "子ども企画課"),
    "道路維持課": ("建設局", "土木部", "道路維持課"),
}

THEMES = [  # title, department, category, minutes, summary, keywords
    ("市役所改革 ― 市民志向・成果志向の市役所へ", "市政推進室", "city", 90, "市役所改革プランの考え方と取組の進み具合を説明します。", "市役所改革 行政改革 プラン"),
    ("札幌市の財政のいま", "財政課", "city", 60, "予算のしくみと市の財政状況をわかりやすく説明します。", "予算 財政 市債"),
    ("わたしたちの税金の使いみち", "財政課", "city", 60, "市税がどのような事業に使われているかを紹介します。", "税金 予算"),
    ("行政評価のしくみ", "市政推進室", "city", 60, "事業の成果を評価して改善につなげるしくみを説明します。", "行政評価 成果"),
    ("広報さっぽろができるまで", "広報課", "city", 60, "広報紙の企画から配布までを紹介します。", "広報 情報発信"),
    ("市民の声を市政に生かす", "市民の声を聞く課", "city", 60, "市民の声の受け付けと施策への反映のしくみを説明します。", "広聴 意見"),
    ("情報公開と個人情報保護", "総務課", "city", 60, "情報公開制度と個人情報の取扱いを説明します。", "情報公開 個人情報"),
    ("電子申請の使い方", "情報システム課", "city", 90, "自宅からできる手続と電子申請の使い方を紹介します。", "電子申請 インターネット"),
    ("区役所の窓口サービス", "戸籍住民課", "city", 60, "住民票や戸籍の手続と窓口の改善を紹介します。", "窓口 住民票 戸籍"),
    ("まちづくりセンターと地域の自治", "区政課", "town", 90, "まちづくりセンターの役割と地域の自主運営を紹介します。", "まちづくりセンター 自治"),
    ("町内会の活動を元気に", "市民活動促進課", "town", 90, "町内会・自治会の活動の工夫と市の支援を紹介します。", "町内会 自治会"),
    ("市民活動団体と市の協働", "市民活動促進課", "town", 90, "NPOや市民活動団体と市が協働する事例を紹介します。", "協働 NPO"),
    ("冬の道路と除雪のしくみ", "道路維持課", "town", 60, "除雪の計画と作業、市民にお願いしたいことを説明します。", "除雪 雪 道路"),
    ("道路の維持管理", "道路維持課", "town", 60, "道路の点検と補修のしくみを紹介します。", "道路 補修"),
    ("ごみの減量とリサイクル", "循環型社会推進課", "environment", 60, "ごみの分け方と減らし方を説明します。", "ごみ リサイクル 分別"),
    ("家庭でできる省エネ", "循環型社会推進課", "environment", 60, "家庭でできる省エネルギーの工夫を紹介します。", "省エネ 地球温暖化"),
    ("食品ロスを減らそう", "循環型社会推進課", "environment", 60, "食べ残しや買いすぎを減らす工夫を紹介します。", "食品ロス"),
    ("介護保険のしくみ", "高齢福祉課", "welfare", 90, "介護保険サービスの利用のしかたを説明します。", "介護保険 高齢者"),
    ("認知症を知る", "高齢福祉課", "welfare", 90, "認知症の理解と地域での見守りを説明します。", "認知症 見守り"),
    ("高齢者の見守りネットワーク", "高齢福祉課", "welfare", 60, "地域で高齢者を見守るしくみを紹介します。", "見守り 地域"),
    ("健康づくりと介護予防", "保健福祉局総務課", "welfare", 90, "運動と食事による健康づくりを紹介します。", "健康 介護予防 運動"),
    ("地域福祉の担い手", "保健福祉局総務課", "welfare", 60, "民生委員や地域福祉活動を紹介します。", "民生委員 福祉"),
    ("子育て支援サービスの紹介", "子ども企画課", "children", 60, "子育て支援の制度とサービスを紹介します。", "子育て 支援"),
    ("子どもの権利を考える", "子ども企画課", "children", 60, "子どもの権利と大人の役割を考えます。", "子ども 権利"),
    ("放課後の子どもの居場所", "子ども企画課", "children", 60, "児童会館や放課後の居場所づくりを紹介します。", "児童会館 放課後"),
    ("地震に備える", "総務課", "safety", 90, "家庭でできる地震への備えを説明します。", "防災 地震 備え"),
    ("冬の災害と避難", "総務課", "safety", 60, "大雪や停電への備えと避難を説明します。", "防災 冬 避難"),
    ("悪質商法にだまされないために", "戸籍住民課", "safety", 60, "よくある悪質商法の手口と対策を紹介します。", "消費者 悪質商法"),
    ("インターネットを安全に使う", "情報システム課", "safety", 60, "詐欺メールやウイルスへの注意点を説明します。", "インターネット 安全"),
    ("札幌の歴史とまちの成り立ち", "広報課", "culture", 90, "札幌のまちづくりの歴史を紹介します。", "歴史 まちづくり"),
    ("市の施設を使いこなす", "区政課", "culture", 60, "区民センターや体育館など市の施設を紹介します。", "施設 スポーツ 文化"),
    ("指定管理者制度と公共施設", "市政推進室", "city", 60, "公共施設の管理を民間に任せるしくみを説明します。", "指定管理者 公共施設"),
]

GROUPS = [
    ("北一条町内会", "neighbourhood", "中央区北1条西5丁目 北一条会館"), ("山鼻南町内会", "neighbourhood", "中央区南22条西11丁目 山鼻会館"),
    ("円山小学校PTA", "pta", "中央区南5条西23丁目 円山小学校"), ("白石ふれあい老人クラブ", "seniors", "白石区本通1丁目 白石区民センター"),
    ("手稲ひまわり会", "seniors", "手稲区前田1条11丁目 手稲区民センター"), ("豊平川を楽しむ会", "circle", "豊平区平岸3条3丁目 平岸会館"),
    ("厚別西婦人会", "women", "厚別区厚別西2条3丁目 厚別西会館"), ("東区子育てサロンあおぞら", "circle", "東区北16条東8丁目 東区民センター"),
    ("札幌北高等学校", "school", "北区北25条西11丁目 札幌北高等学校"), ("清田区まちづくり協議会", "neighbourhood", "清田区平岡1条1丁目 清田区民センター"),
    ("南区シニア大学同窓会", "seniors", "南区真駒内幸町2丁目 南区民センター"), ("西区環境ネット", "circle", "西区琴似2条7丁目 西区民センター"),
]
PEOPLE = ["佐藤 一郎", "鈴木 花子", "高橋 修", "田中 和子", "伊藤 誠", "渡辺 恵", "山本 勇", "中村 陽子"]
LECTURERS = {"市政推進室": ["市政推進室 推進 誠", "市政推進室 改革 進"], "default": ["担当係長", "担当課長", "担当主査"]}

STATES = ["reported"] * 22 + ["held"] * 3 + ["decided"] * 5 + ["scheduling"] * 2 + ["routed"] * 2 + \
         ["received"] * 2 + ["submitted"] * 3 + ["declined"] * 2 + ["withdrawn"] * 2


def load(world):
    organisation = world["organisations"][ORG]
    departments = {short: world["departments"][(ORG, path)] for short, path in DEPARTMENTS.items()}
    LectureRules.objects.update_or_create(organisation=organisation, defaults={"service_area": "札幌市"})
    year = fiscal_year(timezone.localdate())
    with transaction.atomic():
        themes = []
        for number, (title, department, category, minutes, summary, keywords) in enumerate(THEMES, start=1):
            theme, _created = Theme.objects.update_or_create(
                organisation=organisation, fiscal_year=year, number=number,
                defaults={"title": title, "department": departments[department], "category": category,
                          "duration_minutes": minutes, "summary": summary, "keywords": keywords, "active": True})
            themes.append(theme)
        if Request.objects.filter(organisation=organisation, fiscal_year=year).exists():
            return
        load_requests(organisation, themes, year)


def load_requests(organisation, themes, year):
    rng = random.Random(2005)
    reception = User.objects.filter(email="reception@sapporo.example.jp").first()
    now = timezone.now()
    start_of_year = datetime.datetime(year, 4, 1, 10, tzinfo=TOKYO)
    sequence = 0
    for index, state in enumerate(STATES):
        theme = themes[0] if index % 6 == 0 else rng.choice(themes)
        group, kind, venue = GROUPS[index % len(GROUPS)]
        address_part, _space, venue_name = venue.rpartition(" ")
        past = state in ("reported", "held")
        if past:
            span = max(1, (now - start_of_year).days - 20)
            starts = start_of_year + datetime.timedelta(days=rng.randrange(span), hours=rng.choice([0, 3, 8]))
        else:
            starts = now + datetime.timedelta(days=20 + rng.randrange(60), hours=rng.choice([0, 3, 8]))
        starts = starts.replace(minute=0, second=0, microsecond=0)
        if starts.astimezone(TOKYO).hour < 10:
            starts = starts.replace(hour=1)  # 10:00 in Tokyo
        # Received over the past weeks (each step two days apart), not all on the day the demo
        # is loaded.
        created = min(now - datetime.timedelta(days=12 + index % 7), starts - datetime.timedelta(days=30))
        sequence += 1
        request = Request.objects.create(
            organisation=organisation, theme=theme, fiscal_year=year, sequence=sequence, status=state,
            group_name=group, group_kind=kind, representative=PEOPLE[index % len(PEOPLE)],
            phone=f"011-{200 + index:03d}-{1000 + index:04d}", email=f"group{index}@example.jp",
            preferred_1=starts, venue=venue_name, venue_address=f"札幌市{address_part}",
            audience=rng.randrange(12, 60), department=theme.department, created_at=created,
            questions=rng.choice(["", "身近な例を交えて話してほしい。", "質疑の時間を多めにとってほしい。"]),
        )
        decided = state in ("decided", "held", "reported")
        if decided:
            lecturers = LECTURERS.get(theme.department.name, LECTURERS["default"])
            request.starts_at = starts
            request.ends_at = starts + datetime.timedelta(minutes=theme.duration_minutes)
            request.lecturer = f"{theme.department.name} {rng.choice(lecturers).split(' ')[-1]}"
        if state == "reported":
            request.actual_audience = max(8, request.audience + rng.randrange(-5, 6))
            request.report_questions = rng.choice(["今後の予定について質問があった。", "身近な事例への関心が高かった。", ""])
        if state == "declined":
            request.decline_reason = "ご希望の日に講師の都合がつかず、ほかの日程も合わなかったため。"
        request.save()
        path = {"submitted": [], "received": ["received"], "routed": ["received", "routed"],
                "scheduling": ["received", "routed", "scheduling"],
                "decided": ["received", "routed", "decided"], "held": ["received", "routed", "decided", "held"],
                "reported": ["received", "routed", "decided", "held", "reported"],
                "declined": ["received", "declined"], "withdrawn": ["received", "withdrawn"]}[state]
        previous, at = "submitted", created
        for step in path:
            at = at + datetime.timedelta(days=2)
            if step in ("held", "reported"):
                at = max(at, request.starts_at + datetime.timedelta(hours=3))
            Transition.objects.create(request=request, from_status=previous, to_status=step,
                                      actor=None if step == "withdrawn" else reception, by_applicant=step == "withdrawn",
                                      at=min(at, now))
            previous = step
    ReceiptCounter.objects.update_or_create(organisation=organisation, fiscal_year=year,
                                            defaults={"last": sequence})
