"""Demo data for 協働: 北海道's partners, two published years of the collaboration survey
(平成16・17年度, over 150 projects), an open survey for 平成18年度, two-sided evaluations, the
timeline of seed 004's table (平成10〜17年度, ☆ = continuing) and the seed's list of nine
municipalities' initiatives.

From the seed: the initiatives, who runs them (総合企画部 until 平成14年度, then 環境生活部
生活振興課), the ☆ marks, and the municipalities' items. The partners, projects, budgets and
ratings are illustrative — plausible for a prefecture in FY2004–FY2006, not real records.

Writes go through the actions (so they are audited and checked) with the demo's coordinator
and department staff as actors; historical dates are set afterwards, so that a survey of
平成17年度 reads as published in 平成18年. Safe to load again: everything is keyed naturally
(a year's campaign, a partner's name, a project's department+year+title, an initiative's title).
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kyodo.core import actions as core_actions
from kyodo.core.models import RoleAssignment, User

from kyodo.core.rules import forget_roles

from . import actions
from .rules import forget_partners
from .models import (
    Evaluation, EvaluationCriterion, EvaluationSheet, EvaluationTemplate, Initiative, Partner,
    PartnerMember, Project, Side, Stage, SurveyCampaign, SurveyResponse,
)

TOKYO = ZoneInfo("Asia/Tokyo")
ORG = "北海道"
COORDINATOR = "coordinator@hokkaido.example.jp"
PARTNER_USER = "partner@example.jp"


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=TOKYO)


# --- Partners (name, kana, type, area, fields, founded, description) --------------------------------
PARTNERS = [
    ("NPO法人 北の森づくり", "きたのもりづくり", "npo", "石狩管内", ["environment", "children"], 1999,
     "植樹会と「森の学校」を通じて、道民参加の森づくりを進めています。"),
    ("NPO法人 さっぽろ子育てネット", "さっぽろこそだてねっと", "npo", "札幌市", ["children", "health"], 2001,
     "子育て中の親子の居場所づくりと、子育て情報の発信をしています。"),
    ("NPO法人 北海道福祉サポートセンター", "ほっかいどうふくしさぽーとせんたー", "npo", "全道", ["health", "support"], 2000,
     "地域の福祉活動団体への助言・研修を行う中間支援組織です。"),
    ("NPO法人 まちづくり研究会ほっかいどう", "まちづくりけんきゅうかいほっかいどう", "npo", "全道", ["community", "support"], 2002,
     "商店街の活性化や住民参加のまちづくりを調査・支援しています。"),
    ("NPO法人 道東エコツーリズム協会", "どうとうえこつーりずむきょうかい", "npo", "釧路・根室管内", ["tourism", "environment"], 2003,
     "自然と地域文化を生かした体験型観光のガイドを育成しています。"),
    ("NPO法人 ほっかいどう農村ネットワーク", "ほっかいどうのうそんねっとわーく", "npo", "空知管内", ["rural", "economy"], 2002,
     "都市と農村の交流、農業体験の受け入れを進めています。"),
    ("NPO法人 北海道災害ボランティアネット", "ほっかいどうさいがいぼらんてぃあねっと", "npo", "全道", ["disaster", "safety"], 2000,
     "災害時のボランティアセンター運営を支援し、平時は防災学習を行っています。"),
    ("NPO法人 人権ひろばほっかいどう", "じんけんひろばほっかいどう", "npo", "札幌市", ["human_rights"], 2001,
     "人権学習の講座と相談窓口を運営しています。"),
    ("NPO法人 北海道国際交流ネットワーク", "ほっかいどうこくさいこうりゅうねっとわーく", "npo", "全道", ["international", "culture"], 1999,
     "在住外国人の生活支援と、海外の地域との交流を行っています。"),
    ("NPO法人 男女共同参画ほっかいどう", "だんじょきょうどうさんかくほっかいどう", "npo", "全道", ["gender"], 2002,
     "男女共同参画の学習会と、女性の起業支援をしています。"),
    ("NPO法人 ITサポートほっかいどう", "あいてぃーさぽーとほっかいどう", "npo", "全道", ["information"], 2003,
     "高齢者向けパソコン講座と、市民活動団体のウェブ発信支援をしています。"),
    ("NPO法人 北海道サイエンスひろば", "ほっかいどうさいえんすひろば", "npo", "札幌市", ["science", "social_education"], 2004,
     "子ども向けの科学実験教室を各地で開いています。"),
    ("NPO法人 しごとづくりネットワーク", "しごとづくりねっとわーく", "npo", "全道", ["employment", "economy"], 2003,
     "若者の就労体験と職業訓練を支援しています。"),
    ("NPO法人 消費者ネット北海道", "しょうひしゃねっとほっかいどう", "npo", "全道", ["consumer"], 2002,
     "悪質商法の被害防止のための出前講座を行っています。"),
    ("NPO法人 ほっかいどう生涯学習協会", "ほっかいどうしょうがいがくしゅうきょうかい", "npo", "全道", ["social_education", "culture"], 1999,
     "公民館と連携した市民講座を企画しています。"),
    ("NPO法人 北海道スポーツクラブ連絡会", "ほっかいどうすぽーつくらぶれんらくかい", "npo", "全道", ["culture", "health"], 2004,
     "総合型地域スポーツクラブの設立と運営を支援しています。"),
    ("NPO法人 道産子まちの防犯隊", "どさんこまちのぼうはんたい", "npo", "石狩管内", ["safety", "children"], 2004,
     "通学路の見守りと地域安全マップづくりをしています。"),
    ("石狩川流域ネットワーク", "いしかりがわりゅういきねっとわーく", "voluntary", "石狩管内", ["environment"], 1998,
     "石狩川の清掃と水辺の自然観察会を続けている任意団体です。"),
    ("旭川まちなかボランティアの会", "あさひかわまちなかぼらんてぃあのかい", "volunteer", "旭川市", ["community", "health"], 2000,
     "中心市街地の清掃と高齢者の買い物支援をしています。"),
    ("ふれあい給食ボランティア江別", "ふれあいきゅうしょくぼらんてぃあえべつ", "volunteer", "江別市", ["health"], 1997,
     "ひとり暮らし高齢者への配食と見守りをしています。"),
    ("中央地区町内会連合会", "ちゅうおうちくちょうないかいれんごうかい", "neighbourhood", "札幌市中央区", ["community", "safety"], 1965,
     "地区の町内会の連合組織です。防災訓練と除雪ボランティアを行っています。"),
    ("ニセコ地域自治会協議会", "にせこちいきじちかいきょうぎかい", "neighbourhood", "ニセコ町", ["community", "tourism"], 1980,
     "自治会の連絡調整と、地域の景観づくりを進めています。"),
    ("北海道地域商店街振興株式会社", "ほっかいどうちいきしょうてんがいしんこう", "company", "全道", ["economy", "community"], 1995,
     "商店街の共同事業とコミュニティビジネスの立ち上げを支援しています。"),
    ("北洋地域エネルギー株式会社", "ほくようちいきえねるぎー", "company", "全道", ["environment", "economy"], 2001,
     "木質バイオマスの利用を地域と進めている企業です。"),
    ("北海道教育大学 地域連携センター", "ほっかいどうきょういくだいがくちいきれんけいせんたー", "university", "全道", ["social_education", "children"], 2003,
     "学生ボランティアの派遣と、地域の学習支援を行っています。"),
    ("北海道地域福祉協議会", "ほっかいどうちいきふくしきょうぎかい", "other", "全道", ["health", "support"], 1955,
     "社会福祉法人。福祉ボランティアの養成を行っています。"),
    ("道民ボランティア活動推進協議会", "どうみんぼらんてぃあかつどうすいしんきょうぎかい", "other", "全道", ["support", "ordinance"], 2004,
     "道の条例で定める活動を含め、ボランティア活動全般を推進しています。"),
]

# Leaf departments of 北海道 (kyodo/core/demo/world.py) and the projects each runs.
D = {
    "政策室": ("総合企画部", "政策室"),
    "地域主権局": ("総合企画部", "地域主権局"),
    "行政改革課": ("総務部", "行政改革室", "行政改革課"),
    "人事課": ("総務部", "人事局", "人事課"),
    "生活振興課": ("環境生活部", "生活文化・青少年室", "生活振興課"),
    "環境政策課": ("環境生活部", "環境室", "環境政策課"),
    "地域福祉課": ("保健福祉部", "福祉局", "地域福祉課"),
    "商工振興課": ("経済部", "商工局", "商工振興課"),
    "農村振興局": ("農政部", "農村振興局"),
    "森林計画課": ("水産林務部", "森林計画課"),
    "まちづくり局": ("建設部", "まちづくり局"),
    "生涯学習推進局": ("教育庁", "生涯学習推進局"),
    "石狩支庁地域政策部": ("石狩支庁", "地域政策部"),
}

# department → [(title, forms, fields, partner names, budget in 万円)]
PROJECTS = {
    "政策室": [
        ("道民政策提案フォーラム", ["policy", "co_hosting"], ["community"], ["NPO法人 まちづくり研究会ほっかいどう"], 120),
        ("地域課題懇談会の開催", ["policy"], ["community", "support"], ["道民ボランティア活動推進協議会"], 40),
        ("北海道未来づくりワークショップ", ["committee", "policy"], ["community", "social_education"], ["北海道教育大学 地域連携センター"], 80),
        ("政策評価への道民参加", ["policy", "information"], ["support"], ["NPO法人 北海道福祉サポートセンター"], 0),
    ],
    "地域主権局": [
        ("地域づくり連携事業", ["cooperation"], ["community"], ["NPO法人 まちづくり研究会ほっかいどう"], 300),
        ("市町村協働推進研修", ["commission"], ["support"], ["NPO法人 北海道福祉サポートセンター"], 150),
        ("地域活性化プラットフォーム形成事業", ["committee"], ["community", "economy"], ["北海道地域商店街振興株式会社", "NPO法人 まちづくり研究会ほっかいどう"], 900),
        ("移住・交流情報発信", ["information", "commission"], ["community", "information"], ["NPO法人 ITサポートほっかいどう"], 250),
    ],
    "行政改革課": [
        ("行政サービス点検への市民参加", ["policy"], ["support"], ["道民ボランティア活動推進協議会"], 0),
        ("窓口サービス改善モニター", ["commission"], ["consumer"], ["NPO法人 消費者ネット北海道"], 60),
    ],
    "人事課": [
        ("ＮＰＯへの職員派遣研修", ["cooperation"], ["support"], ["NPO法人 北海道福祉サポートセンター"], 200),
        ("新任職員の協働研修", ["commission"], ["support", "social_education"], ["NPO法人 まちづくり研究会ほっかいどう"], 50),
    ],
    "生活振興課": [
        ("協働推進セミナー", ["co_hosting"], ["support"], ["NPO法人 北海道福祉サポートセンター"], 100),
        ("市民活動地域交流会", ["committee"], ["support", "community"], ["道民ボランティア活動推進協議会"], 180),
        ("支庁市民活動インフォメーションの運営", ["commission"], ["support"], ["NPO法人 北海道福祉サポートセンター"], 600),
        ("協働ハンドブックの改訂", ["cooperation"], ["support"], ["NPO法人 まちづくり研究会ほっかいどう"], 90),
        ("消費生活出前講座", ["commission"], ["consumer"], ["NPO法人 消費者ネット北海道"], 230),
        ("コミュニティビジネス支援講座", ["subsidy", "co_hosting"], ["economy", "employment"], ["北海道地域商店街振興株式会社", "NPO法人 しごとづくりネットワーク"], 400),
        ("男女共同参画地域講座", ["commission"], ["gender"], ["NPO法人 男女共同参画ほっかいどう"], 140),
        ("人権啓発パネル展", ["co_hosting", "endorsement"], ["human_rights"], ["NPO法人 人権ひろばほっかいどう"], 30),
        ("国際交流ボランティア研修", ["cooperation"], ["international"], ["NPO法人 北海道国際交流ネットワーク"], 70),
    ],
    "環境政策課": [
        ("道民の森づくり事業", ["commission", "co_hosting"], ["environment", "children"], ["NPO法人 北の森づくり"], 1200),
        ("石狩川クリーンアップ作戦", ["co_hosting"], ["environment"], ["石狩川流域ネットワーク", "中央地区町内会連合会"], 80),
        ("環境教育リーダー養成講座", ["commission"], ["environment", "social_education"], ["NPO法人 北の森づくり"], 350),
        ("地球温暖化防止活動推進", ["cooperation", "information"], ["environment"], ["北洋地域エネルギー株式会社"], 200),
        ("水辺の自然観察会", ["endorsement"], ["environment", "children"], ["石狩川流域ネットワーク"], 0),
        ("木質バイオマス利用協議会", ["committee"], ["environment", "economy"], ["北洋地域エネルギー株式会社"], 150),
        ("エコツーリズム推進モデル事業", ["subsidy"], ["environment", "culture"], ["NPO法人 道東エコツーリズム協会"], 500),
    ],
    "地域福祉課": [
        ("ボランティア養成講座", ["commission"], ["health"], ["北海道地域福祉協議会"], 420),
        ("高齢者見守りネットワーク", ["cooperation"], ["health", "safety"], ["ふれあい給食ボランティア江別", "中央地区町内会連合会"], 160),
        ("子育てサロン運営支援", ["subsidy"], ["children", "health"], ["NPO法人 さっぽろ子育てネット"], 300),
        ("福祉有償運送の推進", ["committee"], ["health"], ["NPO法人 北海道福祉サポートセンター"], 100),
        ("地域福祉活動リーダー研修", ["commission"], ["health", "support"], ["NPO法人 北海道福祉サポートセンター"], 210),
        ("配食サービス団体連絡会", ["information"], ["health"], ["ふれあい給食ボランティア江別"], 0),
        ("災害ボランティアセンター運営訓練", ["co_hosting"], ["disaster", "health"], ["NPO法人 北海道災害ボランティアネット"], 120),
    ],
    "商工振興課": [
        ("商店街にぎわい創出事業", ["subsidy"], ["economy", "community"], ["北海道地域商店街振興株式会社"], 800),
        ("若者しごと体験事業", ["commission"], ["employment"], ["NPO法人 しごとづくりネットワーク"], 650),
        ("女性起業家セミナー", ["co_hosting"], ["gender", "economy"], ["NPO法人 男女共同参画ほっかいどう"], 90),
        ("地域ＩＴ人材育成", ["commission"], ["information", "employment"], ["NPO法人 ITサポートほっかいどう"], 380),
        ("消費者トラブル防止キャンペーン", ["cooperation"], ["consumer"], ["NPO法人 消費者ネット北海道"], 60),
    ],
    "農村振興局": [
        ("都市と農村の交流推進", ["commission"], ["community", "economy"], ["NPO法人 ほっかいどう農村ネットワーク"], 450),
        ("農業体験受入れ協議会", ["committee"], ["social_education", "children"], ["NPO法人 ほっかいどう農村ネットワーク"], 120),
        ("グリーン・ツーリズム情報発信", ["information"], ["economy"], ["NPO法人 道東エコツーリズム協会"], 50),
        ("農村景観づくり", ["cooperation"], ["community", "environment"], ["ニセコ地域自治会協議会"], 200),
    ],
    "森林計画課": [
        ("森林ボランティア活動支援", ["subsidy"], ["environment"], ["NPO法人 北の森づくり"], 300),
        ("木育推進事業", ["commission", "co_hosting"], ["children", "environment"], ["NPO法人 北の森づくり", "北海道教育大学 地域連携センター"], 260),
        ("道民参加の植樹祭", ["committee"], ["environment"], ["NPO法人 北の森づくり", "中央地区町内会連合会"], 700),
    ],
    "まちづくり局": [
        ("地域の景観づくり支援", ["subsidy"], ["community"], ["ニセコ地域自治会協議会"], 250),
        ("道路愛護ボランティア(アダプト)", ["cooperation"], ["community", "safety"], ["中央地区町内会連合会", "旭川まちなかボランティアの会"], 100),
        ("まちなか居住推進懇談会", ["policy"], ["community"], ["NPO法人 まちづくり研究会ほっかいどう"], 0),
        ("除雪ボランティア推進", ["cooperation"], ["community", "health"], ["中央地区町内会連合会"], 80),
    ],
    "生涯学習推進局": [
        ("道民カレッジ連携講座", ["co_hosting"], ["social_education"], ["NPO法人 ほっかいどう生涯学習協会"], 180),
        ("子ども科学教室", ["commission"], ["science", "children"], ["NPO法人 北海道サイエンスひろば"], 220),
        ("放課後子ども教室", ["subsidy"], ["children"], ["北海道教育大学 地域連携センター"], 550),
        ("総合型地域スポーツクラブ育成", ["subsidy"], ["culture", "health"], ["NPO法人 北海道スポーツクラブ連絡会"], 300),
        ("家庭教育支援ネットワーク", ["committee"], ["social_education", "children"], ["NPO法人 さっぽろ子育てネット"], 90),
        ("読書ボランティア研修", ["commission"], ["social_education", "culture"], ["NPO法人 ほっかいどう生涯学習協会"], 40),
    ],
    "石狩支庁地域政策部": [
        ("石狩地域づくり懇談会", ["policy", "committee"], ["community"], ["石狩川流域ネットワーク"], 30),
        ("地域安全マップづくり", ["cooperation"], ["safety", "children"], ["NPO法人 道産子まちの防犯隊"], 60),
        ("地域防災リーダー研修", ["commission"], ["disaster", "safety"], ["NPO法人 北海道災害ボランティアネット"], 110),
        ("管内市民活動団体交流会", ["co_hosting"], ["support"], ["道民ボランティア活動推進協議会"], 25),
    ],
}

#: Projects the prefecture runs in every region (one record per region, as the survey lists them).
REGIONS = ["道央", "道南", "道北", "オホーツク", "十勝", "釧路・根室"]
PER_REGION = {"市民活動地域交流会", "森林ボランティア活動支援", "地域福祉活動リーダー研修",
              "道民カレッジ連携講座", "農業体験受入れ協議会", "女性起業家セミナー"}


def _per_region(entries):
    expanded = []
    for title, forms, fields, partners, man in entries:
        if title in PER_REGION:
            expanded += [(f"{title}({region})", forms, fields, partners, man // 3 or 10)
                         for region in REGIONS]
        else:
            expanded.append((title, forms, fields, partners, man))
    return expanded


PROJECTS = {department: _per_region(entries) for department, entries in PROJECTS.items()}

EXTRA_PARTNERS = [  # partners of the surveyed projects that are not in the directory
    ("○○地区子ども会育成連絡協議会", "neighbourhood"), ("地元商工会青年部", "other"),
    ("道内の大学ゼミナール", "university"), ("ボランティアサークル「ひだまり」", "volunteer"),
    ("地域のまちづくり実行委員会", "voluntary"),
]

#: Departments that answered 「該当なし」 in a year.
NONE_IN = {2004: {"行政改革課"}, 2005: {"人事課"}}


# --- Initiatives: seed 004's table (fiscal year, category, kind, title, continuing, dept) -----------
SOGO = "総合企画部"
KANKYO = "環境生活部"
TIMELINE = [
    (1998, "basis", "guideline", "構造改革の基本方向の検討", False, SOGO, ""),
    (1999, "basis", "guideline", "自主・自律の北海道をめざして－構造改革の基本方向－", False, SOGO,
     "平成11年4月に「構造改革の基本方向」を定め、「市民と行政の協働による自律した地域社会の創造」という改革の方向を示した。"),
    (2000, "basis", "ordinance", "北海道市民活動促進条例", False, SOGO, ""),
    (2000, "evaluation", "system", "年度別協働取組実態調査", True, SOGO,
     "毎年度、道の各部署が行う協働事業の実態を調査し、結果を公表している。"),
    (2001, "evaluation", "system", "「道民チャレンジ21世紀ファンド」のデータベース構築", False, SOGO, ""),
    (2001, "staff", "training", "市民活動地域交流会", False, SOGO, ""),
    (2002, "basis", "ordinance", "北海道行政基本条例", False, SOGO, ""),
    (2002, "basis", "guideline", "北海道協働推進基本指針", False, SOGO,
     "平成15年3月策定。平成15年度から17年度を推進期間として、指針に基づく取組を進めている。"),
    (2002, "basis", "guideline", "自主・自律の北海道をめざして－構造改革の取組－", False, SOGO, ""),
    (2002, "mechanism", "system", "コミュニティビジネスへの支援", True, SOGO, ""),
    (2002, "evaluation", "system", "「道民チャレンジ21世紀ファンド」のデータベース運用", True, SOGO, ""),
    (2002, "evaluation", "system", "「市民と行政の協働」のホームページ開設", True, SOGO, ""),
    (2002, "evaluation", "system", "協働ハンドブックの作成", False, SOGO, ""),
    (2002, "staff", "training", "新任職員研修", True, SOGO, ""),
    (2002, "staff", "training", "市民活動地域交流会(平成14年度)", False, SOGO, ""),
    (2003, "mechanism", "meeting", "政策課題の検討、協議会の設置", True, "知事政策部参事",
     "知事政策部参事が所管。"),
    (2003, "mechanism", "system", "政策評価基本指針に協働の視点から事業評価を盛り込む", True, KANKYO, ""),
    (2003, "mechanism", "meeting", "協働推進ネットワーク協議会の設置", False, KANKYO, "平成16年度に統合。"),
    (2003, "evaluation", "system", "協働評価手法の検討", False, KANKYO, ""),
    (2003, "staff", "training", "協働推進セミナー", False, KANKYO, ""),
    (2003, "staff", "training", "ＮＰＯへの長期派遣研修", True, KANKYO, ""),
    (2003, "staff", "training", "ＮＰＯ・ボランティアの専門研修", True, KANKYO, ""),
    (2004, "mechanism", "meeting", "ＮＰＯ・ボランティア活動及び協働推進協議会の設置", False, KANKYO,
     "平成17年度に統合。"),
    (2004, "mechanism", "meeting", "庁内検討ワーキンググループの設置", True, KANKYO, ""),
    (2004, "evaluation", "system", "協働評価システムの試行と確立", False, KANKYO, ""),
    (2004, "staff", "training", "協働推進セミナー(平成16年度)", False, KANKYO, ""),
    (2005, "mechanism", "meeting", "ＮＰＯ協働推進会議の設置", True, KANKYO, ""),
    (2005, "mechanism", "organisation", "支庁に市民活動インフォメーションの設置", True, KANKYO, ""),
    (2005, "mechanism", "system", "地域活性化プラットフォーム形成事業の実施", True, KANKYO, ""),
    (2005, "evaluation", "guideline", "協働評価実施要綱の策定", False, KANKYO, ""),
    (2005, "evaluation", "system", "協働評価システムの本格実施", False, KANKYO, ""),
]

# The seed's list of municipalities (50音順): (organisation, kind, category, title, fiscal year,
# date, department, description)
REGIONAL = [
    ("旭川市", "ordinance", "basis", "旭川市市民参加推進条例", 2003, datetime.date(2003, 4, 1), "",
     "平成15年4月1日施行。基本計画や重要な条例の策定などに市民参加を義務づけ、市民参加推進会議を置く。"),
    ("江別市", "meeting", "mechanism", "えべつ市民活動・協働ネットワーク懇談会", 2005, None, "",
     "市民活動団体と市が協働について話し合う懇談会を開いている。"),
    ("栗山町", "organisation", "mechanism", "協働のまち推進係の設置", 2004, datetime.date(2004, 4, 1),
     "総務部情報推進課", "平成16年4月に総務部情報推進課に協働のまち推進係を設置。"),
    ("札幌市", "meeting", "basis", "札幌市市民活動促進条例検討協議会", 2005, None,
     "地域振興部 市民活動促進課", "市民活動促進条例の検討協議会がスタート。"),
    ("札幌市", "system", "basis", "市民自治基本条例の検討", 2005, None,
     "地域振興部 区政課 市民自治担当", "「市民自治基本条例」の検討など、市民自治の推進を行っている。"),
    ("白老町", "system", "mechanism", "情報共有制度", 2005, None,
     "経営企画課 企画グループ", "町民まちづくり活動センターを拠点に、町政の情報を町民と共有する制度がある。"),
    ("千歳市", "meeting", "mechanism", "都市経営会議", 2005, None, "",
     "「都市経営会議」の中で「市民参加」や「市民との協働」を話し合っている。"),
    ("ニセコ町", "ordinance", "basis", "ニセコ町まちづくり基本条例(自治基本条例)", 2000, None, "",
     "全国で初めての自治基本条例とされる。平成12年12月制定、平成13年4月施行(資料により「平成12年施行」とも)。情報共有と参加を原則とする。"),
    ("根室市", "system", "mechanism", "根室市まちづくり協働事業の提案募集", 2005, None, "",
     "市民からまちづくり協働事業の提案を募集している。"),
    ("中標津町", "meeting", "mechanism", "中標津町パートナーシップで進めるまちづくり町民会議", 2005, None,
     "", "町民と町がパートナーシップでまちづくりを話し合う町民会議。"),
]

SCALE = [[5, "はるかに上回った"], [4, "やや上回った"], [3, "想定の範囲"], [2, "やや低い"],
         [1, "はるかに低い"]]
CRITERIA = {
    Stage.BEFORE: [("目的の共有", "事業の目的と成果目標を双方で話し合い、共有できたか"),
                   ("役割分担の明確化", "それぞれの役割と責任を事前に取り決めたか"),
                   ("対等な関係", "相手を対等なパートナーとして企画段階から参加できたか")],
    Stage.MIDWAY: [("事業の進捗状況", "計画どおりに進んでいるか"),
                   ("相互理解", "相手の立場・特性を理解し合えているか"),
                   ("情報公開", "事業の情報を双方が公開しているか")],
    Stage.AFTER: [("目的の共有", "事業の目的を最後まで共有できたか"),
                  ("対等な関係", "対等な立場で協議し、意思決定できたか"),
                  ("役割分担・責任の明確化", "役割と責任を果たせたか"),
                  ("相互理解", "互いの特性を理解し、生かし合えたか"),
                  ("情報公開", "事業の過程と結果を公開できたか"),
                  ("成果", "目標とした成果を上げられたか"),
                  ("自己変革", "協働を通じて自らの仕事の進め方が変わったか")],
}

#: (project title, fiscal year, (administration scores), (partner scores), status, joint comment)
EVALUATIONS = [
    ("道民の森づくり事業", 2005, (4, 4, 4, 4, 3, 5, 3), (4, 3, 2, 3, 3, 5, 4), "published",
     "植樹会の参加者は目標を上回った。役割分担について団体側は行政の関与が少ないと感じており、来年度は企画会議を共同で開く。"),
    ("協働推進セミナー", 2005, (4, 4, 4, 4, 4, 3, 4), (4, 4, 4, 3, 4, 3, 4), "published",
     "双方の評価はおおむね一致した。参加者の固定化が課題で、支庁での開催を検討する。"),
    ("ボランティア養成講座", 2005, (3, 3, 4, 3, 3, 4, 3), (4, 2, 3, 2, 3, 4, 3), "published",
     "対等な関係と相互理解で評価に差が出た。委託仕様を団体と協議して決める方式に改める。"),
    ("若者しごと体験事業", 2005, (4, 3, 3, 3, 2, 4, 3), (4, 4, 3, 4, 4, 4, 4), "published",
     "団体は情報公開を高く評価したが、行政側は事業報告の公表が遅れたと自己評価した。"),
    ("子ども科学教室", 2005, (5, 4, 4, 4, 4, 5, 4), (5, 4, 5, 4, 4, 5, 4), "published",
     "双方とも高い評価。講師の確保を団体と共同で進める。"),
    ("商店街にぎわい創出事業", 2005, (3, 3, 3, 3, 3, 3, 2), (2, 2, 3, 2, 3, 3, 3), "revealed", ""),
    ("都市と農村の交流推進", 2005, (4, 4, 4, 4, 4, 4, 4), None, "open", ""),
]


def _department(world, name):
    return world["departments"][(ORG, D[name])]


def _user(email, name, role, organisation, department=None):
    """A demo user holding ``role`` (granted through the foundation's action), with the demo
    password."""
    from kyodo.core.demo.world import DEMO_PASSWORD

    exists = RoleAssignment.objects.filter(user__email=email, role=role,
                                           organisation=organisation,
                                           department=department).exists()
    if not exists:
        core_actions.assign_role(None, email=email, role=role, organisation=organisation,
                                 department=department, display_name=name, accepted=True)
    user = User.objects.get(email=email)
    if not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load_partners(org, coordinator):
    partners = {}
    for name, kana, ptype, area, fields, founded, description in PARTNERS:
        partner = Partner.objects.filter(organisation=org, name=name).first()
        if partner is None:
            partner = Partner(organisation=org, name=name, name_kana=kana, partner_type=ptype,
                              area=area, founded_year=founded, description=description,
                              contact_name="担当者", email=f"info{len(partners) + 1}@example.org",
                              email_public=True, phone=f"011-200-{len(partners) + 1000:04d}")
            actions.save_partner(coordinator, partner, fields=fields)
            # Registered and checked before the first survey, not on the day the demo is loaded.
            registered = at(2005, 4, 1 + len(partners) % 28)
            Partner.objects.filter(pk=partner.pk).update(created_at=registered, verified_at=registered)
            partner.created_at = partner.verified_at = registered
        partners[name] = partner
    return partners


def _projects_for(year, department):
    """Most projects run both years; a few start in 平成17年度 or end in 平成16年度."""
    pool = PROJECTS[department]
    rng = random.Random(f"{department}-{year}")
    chosen = []
    for index, entry in enumerate(pool):
        if year == 2004 and index == len(pool) - 1 and len(pool) > 3:
            continue  # new in 平成17年度
        if year == 2005 and index == 0 and rng.random() < 0.3 and len(pool) > 4:
            continue  # ended after 平成16年度
        chosen.append(entry)
    return chosen


def load_survey(world, org, coordinator, partners, year, *, publish_on):
    if SurveyCampaign.objects.filter(organisation=org, fiscal_year=year).exists():
        return SurveyCampaign.objects.get(organisation=org, fiscal_year=year)
    today = datetime.date(year + 1, 4, 20)
    campaign = actions.create_campaign(
        coordinator, org, fiscal_year=year, deadline=datetime.date(year + 1, 5, 31),
        instructions="貴部署で実施した協働事業を登録してください。協働事業がない場合は「該当なし」と回答してください。")
    actions.open_campaign(coordinator, campaign, today=today)
    rng = random.Random(year)
    extra_index = 0
    for department_name in D:
        department = _department(world, department_name)
        response = SurveyResponse.objects.get(campaign=campaign, department=department)
        if department_name in NONE_IN.get(year, ()):
            response.status = SurveyResponse.Status.NONE
        else:
            for title, forms, fields, partner_names, man in _projects_for(year, department_name):
                partner_rows = [{"name": n, "partner_type": partners[n].partner_type,
                                 "partner": partners[n], "role": rng.choice([
                                     "企画・運営", "講師・指導", "参加者の募集", "会場の運営",
                                     "情報提供", "事業の実施"])} for n in partner_names]
                if rng.random() < 0.25:
                    extra_name, extra_type = EXTRA_PARTNERS[extra_index % len(EXTRA_PARTNERS)]
                    extra_index += 1
                    partner_rows.append({"name": extra_name, "partner_type": extra_type,
                                         "role": "協力"})
                budget = int(man * 10_000 * (1 + (year - 2004) * rng.choice([0, 0.05, 0.1, -0.05])))
                previous = Project.objects.filter(department=department, fiscal_year=year - 1,
                                                  title=title).first()
                project = Project(
                    organisation=org, campaign=campaign, department=department, fiscal_year=year,
                    title=title, budget=budget or None, continued_from=previous,
                    purpose=f"{title}を、{partner_names[0]}との協働により効果的に進める。",
                    content="企画段階から協議し、役割を分担して実施した。",
                    results=f"延べ{rng.randint(3, 60) * 10}人が参加した。",
                    start_date=datetime.date(year, rng.choice([4, 5, 6]), 1),
                    end_date=datetime.date(year + 1, 3, rng.choice([15, 31])),
                )
                actions.save_project(coordinator, project, forms=forms, fields=fields,
                                     partners=partner_rows, today=today)
            response.status = SurveyResponse.Status.SUBMITTED
        response.submitted_at = at(year + 1, 5, rng.randint(1, 28))
        response.save()
        Project.objects.filter(campaign=campaign, department=department).update(
            created_at=response.submitted_at)
    actions.close_campaign(coordinator, campaign)
    actions.publish_campaign(coordinator, campaign)
    SurveyCampaign.objects.filter(pk=campaign.pk).update(
        opened_at=at(year + 1, 4, 20), closed_at=at(year + 1, 6, 1), published_at=publish_on)
    Project.objects.filter(campaign=campaign).update(published_at=publish_on)
    return campaign


def load_open_survey(world, org, coordinator):
    """平成18年度: open, answered by some departments (for trying the staff screens)."""
    year = 2006
    if SurveyCampaign.objects.filter(organisation=org, fiscal_year=year).exists():
        return
    today = timezone.localdate()
    campaign = actions.create_campaign(coordinator, org, fiscal_year=year,
                                       deadline=today + datetime.timedelta(days=60))
    actions.open_campaign(coordinator, campaign, today=today)
    environment = _department(world, "環境政策課")
    staff = User.objects.get(email="staff@hokkaido.example.jp")
    response = SurveyResponse.objects.get(campaign=campaign, department=environment)
    last = list(Project.objects.filter(department=environment, fiscal_year=year - 1)
                .order_by("title").values_list("pk", flat=True)[:3])
    actions.carry_over(staff, response, last, today=today)
    welfare_staff = User.objects.get(email="fukushi@hokkaido.example.jp")
    actions.declare_none(welfare_staff, SurveyResponse.objects.get(
        campaign=campaign, department=_department(world, "地域福祉課")), today=today)


def load_template(org):
    template, created = EvaluationTemplate.objects.get_or_create(
        organisation=org, name="協働事業評価シート", defaults={"scale": SCALE})
    if created:
        for stage, items in CRITERIA.items():
            for number, (title, question) in enumerate(items, start=1):
                EvaluationCriterion.objects.create(template=template, stage=stage, number=number,
                                                   title=title, question=question)
    return template


def load_evaluations(world, org, coordinator, template, partners):
    for index, (title, year, admin_scores, partner_scores, status, joint) in enumerate(EVALUATIONS):
        project = Project.objects.filter(organisation=org, fiscal_year=year, title=title).first()
        if project is None or project.evaluations.exists():
            continue
        partner = project.partners.exclude(partner=None).first().partner
        evaluation = actions.start_evaluation(coordinator, project, partner=partner,
                                              template=template)
        department_user = _user(f"staff{project.department_id}@hokkaido.example.jp",
                                f"{project.department.name} 担当", "department_staff", org,
                                project.department)
        member_email = PARTNER_USER if partner.name == "NPO法人 北の森づくり" else f"member{partner.pk}@example.org"
        member = _user(member_email, f"{partner.name} 担当", "partner_member", org)
        if not PartnerMember.objects.filter(partner=partner, user=member).exists():
            actions.add_partner_member(coordinator, partner, member, accepted=True)
        criteria = list(template.criteria.filter(stage=evaluation.stage))
        sheets = {s.side: s for s in evaluation.sheets.all()}
        for side, actor, scores in ((Side.ADMINISTRATION, department_user, admin_scores),
                                    (Side.PARTNER, member, partner_scores)):
            if scores is None:
                continue
            forget_partners(actor)  # the membership was granted a moment ago
            forget_roles(actor)
            actions.save_sheet(actor, sheets[side], submit=True, ratings={
                c.pk: (s, "目標を上回る参加があった。" if s >= 5 else "課題が残った。" if s <= 2 else "")
                for c, s in zip(criteria, scores)},
                overall_comment="協働により、単独では届かなかった層に事業を届けられた。"
                if side == Side.PARTNER else "団体の専門性を生かし、事業の質が向上した。")
        submitted = at(year + 1, 5, 10 + index)
        Evaluation.objects.filter(pk=evaluation.pk).update(created_at=at(year + 1, 4, 25))
        EvaluationSheet.objects.filter(evaluation=evaluation).update(updated_at=submitted)
        EvaluationSheet.objects.filter(evaluation=evaluation).exclude(submitted_at=None).update(
            submitted_at=submitted)
        if status == "open":
            continue
        Evaluation.objects.filter(pk=evaluation.pk).update(revealed_at=submitted)
        evaluation.refresh_from_db()
        if joint:
            actions.save_joint_comment(coordinator, evaluation, joint)
        if status == "published":
            actions.publish_evaluation(coordinator, evaluation)
            Evaluation.objects.filter(pk=evaluation.pk).update(published_at=at(year + 1, 7, 20))


def load_initiatives(org, coordinator, organisations):
    for order, (year, category, kind, title, continuing, dept, description) in enumerate(TIMELINE):
        if not Initiative.objects.filter(organisation=org, title=title).exists():
            actions.save_initiative(coordinator, Initiative(
                organisation=org, fiscal_year=year, category=category, kind=kind, title=title,
                continuing=continuing, department_name=dept, description=description,
                sort_order=order))
    platform = User.objects.filter(role_assignments__role="platform_admin").first()
    for order, (org_name, kind, category, title, year, date, dept, description) in enumerate(REGIONAL):
        municipality = organisations[org_name]
        if not Initiative.objects.filter(organisation=municipality, title=title).exists():
            actions.save_initiative(platform, Initiative(
                organisation=municipality, fiscal_year=year, date=date, category=category,
                kind=kind, title=title, department_name=dept, description=description,
                sort_order=order))


@transaction.atomic
def load(world):
    organisations = world["organisations"]
    org = organisations[ORG]
    coordinator = User.objects.get(email=COORDINATOR)
    _user("fukushi@hokkaido.example.jp", "福祉 良子", "department_staff", org,
          _department(world, "地域福祉課"))
    partners = load_partners(org, coordinator)
    member = User.objects.get(email=PARTNER_USER)
    if not PartnerMember.objects.filter(user=member).exists():
        actions.add_partner_member(coordinator, partners["NPO法人 北の森づくり"], member,
                                   accepted=True)
    load_survey(world, org, coordinator, partners, 2004, publish_on=at(2005, 7, 15))
    load_survey(world, org, coordinator, partners, 2005, publish_on=at(2006, 7, 14))
    load_open_survey(world, org, coordinator)
    template = load_template(org)
    load_evaluations(world, org, coordinator, template, partners)
    # The members took up their memberships before their first evaluation, not on load day.
    PartnerMember.objects.filter(partner__organisation=org, accepted_at__date=timezone.localdate()).update(
        accepted_at=at(2005, 4, 10))
    load_initiatives(org, coordinator, organisations)
    # The reports were frozen before the evaluations; their evaluation section is read live.
