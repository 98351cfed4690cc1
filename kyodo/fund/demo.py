"""Demo data of the fund database: 北海道's 道民チャレンジ21世紀ファンド (seed 004: its database was
built in 平成13年度 and run from 平成14年度), with one round a year from 平成13年度 to 平成17年度,
two categories each, 90 grants across the activity fields in force each year (12 fields until
平成14年度, 17 from 平成15年度), some to partners of the demo directory, and the donations of each
year with a few donors who consented to publication.

The fund's name and its years come from the seed; the rules, groups, projects, amounts and
donations are illustrative — plausible for a prefectural citizen fund of FY2001–FY2005, not real
records. Safe to load again: everything is keyed naturally (the fund's name, a round's year and
number, a grant's round, group and project).
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction

from kyodo.collaboration.models import Partner
from kyodo.collaboration.vocabularies import field_list_for_fiscal_year
from kyodo.core.models import User

from . import actions
from .models import DonationYear, Donor, Fund, FundRound, Grant, GrantCategory

ORG = "北海道"
COORDINATOR = "coordinator@hokkaido.example.jp"
FUND_NAME = "道民チャレンジ21世紀ファンド"
PURPOSE = ("道民や企業からの寄附を財源に、地域の課題に自ら取り組む市民活動団体(NPO・ボランティア団体など)の"
           "公益的な事業を助成し、「自主・自律」の北海道づくりを進めます。")
RULES = """対象: 道内に活動拠点のある市民活動団体(法人格の有無は問いません)。営利・宗教・政治活動を目的とする団体は対象外です。
対象事業: 募集年度内に行う、公益的で先駆的な事業。団体の経常的な運営費、施設の建設、他の公的助成を受ける事業は対象外です。
区分と上限額: 一般助成は1件50万円まで、スタートアップ助成(設立3年以内の団体)は1件20万円まで。
審査: 公募の審査委員会が、公益性・先駆性・実現可能性・地域への波及効果を審査します。
報告: 事業終了後30日以内に実績報告書と収支決算書を提出してください。"""

AREAS = ["札幌市", "石狩管内", "渡島管内", "檜山管内", "後志管内", "空知管内", "上川管内", "留萌管内",
         "宗谷管内", "網走管内", "胆振管内", "日高管内", "十勝管内", "釧路管内", "根室管内", "全道"]

GROUPS = [
    "NPO法人 北の森づくり", "NPO法人 さっぽろ子育てネット", "NPO法人 北海道福祉サポートセンター",
    "NPO法人 まちづくり研究会ほっかいどう", "NPO法人 北海道災害ボランティアネット",
    "NPO法人 北海道国際交流ネットワーク", "NPO法人 ITサポートほっかいどう",
    "函館朝市まちづくりの会", "小樽運河ボランティアガイドの会", "夕張メロンの里おこし会",
    "旭川手話サークル", "留萌子ども劇場", "稚内国際交流協会", "北見市民オーケストラ",
    "室蘭環境市民ネット", "浦河馬のまちづくり会", "帯広子育てサロン「ひだまり」",
    "釧路湿原保全ボランティア", "根室北方領土を語る会", "苫小牧点字図書の会",
    "江差追分を伝える会", "岩見沢高齢者給食の会", "富良野自然塾ボランティア", "名寄子ども食堂準備会",
    "網走流氷の海を守る会", "伊達市民活動センター運営委員会", "恵庭読み聞かせの会",
    "千歳防犯パトロール隊", "登別手づくり福祉市場", "紋別地域安全ネット",
]

TITLES = {
    "health": ["高齢者の見守り訪問事業", "障がい者の地域生活支援講座", "介護者の集い「ほっと一息」"],
    "social_education": ["地域の歴史を学ぶ市民講座", "親子で学ぶ生涯学習フェスタ", "公民館まつり協働企画"],
    "community": ["空き店舗を活用したまちの縁側づくり", "商店街の雪かきボランティア", "まちなか花いっぱい運動"],
    "culture": ["郷土芸能の記録と継承", "市民ミュージカル公演", "子どもスポーツ交流大会"],
    "environment": ["河川の水辺清掃と生きもの調査", "市民参加の植樹祭", "生ごみ堆肥化の普及"],
    "disaster": ["災害ボランティアコーディネーター養成講座", "防災マップづくりワークショップ"],
    "safety": ["通学路の見守り隊", "地域防犯パトロールの拡充"],
    "human_rights": ["人権を考える市民フォーラム", "平和を語り継ぐ朗読会"],
    "international": ["在住外国人のための日本語教室", "姉妹都市との青少年交流"],
    "gender": ["男女共同参画セミナー", "女性の起業を応援する講座"],
    "children": ["子どもの居場所「放課後ひろば」", "自然体験キャンプ", "子育て情報誌の発行"],
    "information": ["高齢者のためのパソコン教室", "NPO情報発信ホームページ講座"],
    "science": ["子ども科学実験教室", "星空観察会"],
    "economy": ["地場産品を生かしたコミュニティビジネス", "朝市の活性化事業"],
    "employment": ["若者の就労体験プログラム", "障がい者の就労支援工房"],
    "consumer": ["悪質商法から身を守る出前講座", "消費生活相談員の養成"],
    "support": ["市民活動団体の運営相談会", "NPOの会計・労務講座"],
}

DONATIONS = {  # 年度: (件数, 金額)
    2001: (214, 18_450_000), 2002: (187, 15_920_000), 2003: (203, 16_780_000),
    2004: (176, 13_640_000), 2005: (168, 12_910_000),
}
DONORS = {  # 年度: [(name, consented to publication)]
    2001: [("北海道信用金庫協会", True), ("株式会社 北の大地製菓", True), ("道民の方(個人)", False)],
    2002: [("北海道電力労働組合", True), ("個人の寄附者A", False)],
    2003: [("株式会社 さっぽろ印刷", True), ("石狩ロータリークラブ", True)],
    2004: [("十勝農業協同組合連合会", True), ("個人の寄附者B", False)],
    2005: [("株式会社 函館みなと観光", True)],
}

JST = ZoneInfo("Asia/Tokyo")


def load(world):
    org = world["organisations"][ORG]
    coordinator = User.objects.get(email=COORDINATOR)
    with transaction.atomic():
        fund = Fund.objects.filter(organisation=org, name=FUND_NAME).first()
        if fund is None:
            fund = actions.save_fund(coordinator, Fund(organisation=org, name=FUND_NAME, purpose=PURPOSE,
                                                       rules=RULES, established_fiscal_year=2001))
        partners = {p.name: p for p in Partner.objects.filter(organisation=org)}
        rng = random.Random(2001)
        for year in range(2001, 2006):
            round_ = FundRound.objects.filter(fund=fund, fiscal_year=year, number=1).first()
            if round_ is None:
                round_ = actions.save_round(coordinator, FundRound(
                    fund=fund, fiscal_year=year, number=1, opens_on=datetime.date(year, 5, 1),
                    closes_on=datetime.date(year, 6, 15),
                    notes="一般助成とスタートアップ助成を募集します。"))
            general = _category(coordinator, round_, "一般助成", 500_000)
            startup = _category(coordinator, round_, "スタートアップ助成", 200_000)
            keys = [k.value if hasattr(k, "value") else k for k in field_list_for_fiscal_year(year).keys]
            existing = set(Grant.objects.filter(round=round_).values_list("group_name", "title"))
            for n in range(18):
                field = keys[(n + year) % len(keys)]
                group = GROUPS[(n * 7 + year) % len(GROUPS)]
                titles = TITLES[field]
                title = titles[(n + year) % len(titles)]
                if (group, title) in existing:
                    continue
                is_startup = n % 4 == 3
                category = startup if is_startup else general
                amount = rng.randrange(5, category.cap // 10_000 + 1) * 10_000
                grant = Grant(round=round_, category=category, group_name=group,
                              # registered when the round's grants were decided, that summer
                              created_at=datetime.datetime(year, 7, 20, 10, tzinfo=JST),
                              partner=partners.get(group), title=title, field=field,
                              area=AREAS[(n * 5 + year) % len(AREAS)], amount=amount,
                              summary=f"{group}が{AREAS[(n * 5 + year) % len(AREAS)]}で行う「{title}」。")
                if year < 2005 or n % 3:
                    grant.report = (f"延べ{rng.randrange(30, 400)}人が参加しました。"
                                    "参加者アンケートでは8割以上が「また参加したい」と答えました。")
                    grant.reported_on = datetime.date(year + 1, 3, 31) - datetime.timedelta(days=rng.randrange(0, 40))
                actions.save_grant(coordinator, grant)
                existing.add((group, title))
            _donations(coordinator, fund, year)


def _category(actor, round_, name, cap):
    category = GrantCategory.objects.filter(round=round_, name=name).first()
    return category or actions.save_category(actor, GrantCategory(round=round_, name=name, cap=cap))


def _donations(actor, fund, year):
    count, amount = DONATIONS[year]
    donation_year = DonationYear.objects.filter(fund=fund, fiscal_year=year).first()
    if donation_year is None:
        donation_year = actions.save_donation_year(actor, DonationYear(fund=fund, fiscal_year=year,
                                                                       count=count, amount=amount))
    names = set(donation_year.donors.values_list("name", flat=True))
    for name, public in DONORS[year]:
        if name not in names:
            actions.add_donor(actor, Donor(donation_year=donation_year, name=name, name_public=public))
