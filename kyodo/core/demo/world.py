"""The demo world of the foundation: the organisations of seed 004 (codes from
``organisations.csv``, copied from shared/data), the departments the seeds name, and one demo
user for every role. Modules load their own demo data on top of this (``load_demo`` calls them).

Departments are written as paths: ("地域振興部", "市民活動促進課") is 市民活動促進課 under
地域振興部. Names come from the seeds; a few neighbouring departments are added where the
modules need them (e.g. the departments that hold Sapporo's reform plan items).
"""

import csv
from pathlib import Path

ORGANISATIONS_CSV = Path(__file__).with_name("organisations.csv")

SLUGS = {
    "北海道": "hokkaido", "札幌市": "sapporo", "旭川市": "asahikawa", "江別市": "ebetsu",
    "根室市": "nemuro", "千歳市": "chitose", "ニセコ町": "niseko", "栗山町": "kuriyama",
    "白老町": "shiraoi", "中標津町": "nakashibetsu",
}

NAMES_EN = {
    "北海道": "Hokkaido Prefecture", "札幌市": "Sapporo City", "旭川市": "Asahikawa City",
    "江別市": "Ebetsu City", "根室市": "Nemuro City", "千歳市": "Chitose City",
    "ニセコ町": "Niseko Town", "栗山町": "Kuriyama Town", "白老町": "Shiraoi Town",
    "中標津町": "Nakashibetsu Town",
}

DESCRIPTIONS = {
    "北海道": "平成15年3月に「北海道協働推進基本指針」を策定し、市民と行政の協働による地域社会づくりを進めています。年度別協働取組実態調査、協働評価、道民チャレンジ21世紀ファンドなどの取組を公開しています。",
    "札幌市": "市役所改革市民会議の提言を踏まえた「市役所改革プラン」の進み具合をホームページで公開し、出前講座のテーマとしても市役所改革を取り上げています。",
    "旭川市": "平成15年4月1日に「旭川市市民参加推進条例」が施行されました。",
    "江別市": "「えべつ市民活動・協働ネットワーク懇談会」を開催しています。",
    "根室市": "「根室市まちづくり協働事業」の提案募集を行っています。",
    "千歳市": "「都市経営会議」の中で市民参加や市民との協働を話し合っています。",
    "ニセコ町": "平成13年4月に、全国で初めての自治基本条例とされる「ニセコ町まちづくり基本条例」が施行されました。",
    "栗山町": "平成16年4月に総務部情報推進課に協働のまち推進係を設置しました。",
    "白老町": "町民まちづくり活動センターを拠点に、「情報共有制度」による町政情報の共有を進めています。",
    "中標津町": "「中標津町パートナーシップで進めるまちづくり町民会議」を開いています。",
}

ADDRESSES = {
    "北海道": "札幌市中央区北3条西6丁目", "札幌市": "札幌市中央区北1条西2丁目",
}

# (path, kind) — kinds: bureau 部局, office 室, division 課, section 係・担当, facility 施設
DEPARTMENTS = {
    "札幌市": [
        (("市政推進室",), "office"),
        (("総務局",), "bureau"),
        (("総務局", "広報部"), "bureau"),
        (("総務局", "広報部", "広報課"), "division"),
        (("総務局", "広報部", "市民の声を聞く課"), "division"),
        (("総務局", "行政部"), "bureau"),
        (("総務局", "行政部", "総務課"), "division"),
        (("総務局", "職員部"), "bureau"),
        (("総務局", "職員部", "職員課"), "division"),
        (("総務局", "情報化推進部"), "bureau"),
        (("総務局", "情報化推進部", "情報システム課"), "division"),
        (("財政局",), "bureau"),
        (("財政局", "財政部", ), "bureau"),
        (("財政局", "財政部", "財政課"), "division"),
        (("財政局", "管財部"), "bureau"),
        (("財政局", "管財部", "契約管理課"), "division"),
        (("市民まちづくり局",), "bureau"),
        (("市民まちづくり局", "地域振興部"), "bureau"),
        (("市民まちづくり局", "地域振興部", "市民活動促進課"), "division"),
        (("市民まちづくり局", "地域振興部", "区政課"), "division"),
        (("市民まちづくり局", "地域振興部", "区政課", "市民自治担当"), "section"),
        (("市民まちづくり局", "市民生活部"), "bureau"),
        (("市民まちづくり局", "市民生活部", "戸籍住民課"), "division"),
        (("保健福祉局",), "bureau"),
        (("保健福祉局", "総務部"), "bureau"),
        (("保健福祉局", "総務部", "総務課"), "division"),
        (("保健福祉局", "高齢保健福祉部"), "bureau"),
        (("保健福祉局", "高齢保健福祉部", "高齢福祉課"), "division"),
        (("環境局",), "bureau"),
        (("環境局", "環境事業部"), "bureau"),
        (("環境局", "環境事業部", "循環型社会推進課"), "division"),
        (("子ども未来局",), "bureau"),
        (("子ども未来局", "子ども育成部"), "bureau"),
        (("子ども未来局", "子ども育成部", "子ども企画課"), "division"),
        (("建設局",), "bureau"),
        (("建設局", "土木部"), "bureau"),
        (("建設局", "土木部", "道路維持課"), "division"),
        (("中央区役所",), "bureau"),
        (("中央区役所", "市民部"), "bureau"),
        (("中央区役所", "市民部", "総務企画課"), "division"),
    ],
    "北海道": [
        (("総合企画部",), "bureau"),
        (("総合企画部", "政策室"), "office"),
        (("総合企画部", "地域主権局"), "office"),
        (("総務部",), "bureau"),
        (("総務部", "行政改革室"), "office"),
        (("総務部", "行政改革室", "行政改革課"), "division"),
        (("総務部", "人事局"), "office"),
        (("総務部", "人事局", "人事課"), "division"),
        (("環境生活部",), "bureau"),
        (("環境生活部", "生活文化・青少年室"), "office"),
        (("環境生活部", "生活文化・青少年室", "生活振興課"), "division"),
        (("環境生活部", "環境室"), "office"),
        (("環境生活部", "環境室", "環境政策課"), "division"),
        (("保健福祉部",), "bureau"),
        (("保健福祉部", "福祉局"), "office"),
        (("保健福祉部", "福祉局", "地域福祉課"), "division"),
        (("経済部",), "bureau"),
        (("経済部", "商工局"), "office"),
        (("経済部", "商工局", "商工振興課"), "division"),
        (("農政部",), "bureau"),
        (("農政部", "農村振興局"), "office"),
        (("水産林務部",), "bureau"),
        (("水産林務部", "森林計画課"), "division"),
        (("建設部",), "bureau"),
        (("建設部", "まちづくり局"), "office"),
        (("教育庁",), "bureau"),
        (("教育庁", "生涯学習推進局"), "office"),
        (("石狩支庁",), "bureau"),
        (("石狩支庁", "地域政策部"), "bureau"),
    ],
    "旭川市": [
        (("総合政策部",), "bureau"),
        (("総合政策部", "政策調整課"), "division"),
        (("市民生活部",), "bureau"),
        (("市民生活部", "市民協働室"), "office"),
    ],
    "江別市": [
        (("企画政策部",), "bureau"),
        (("企画政策部", "政策推進課"), "division"),
        (("生活環境部",), "bureau"),
        (("生活環境部", "市民協働推進担当"), "section"),
    ],
    "根室市": [
        (("総務部",), "bureau"),
        (("総務部", "企画政策室"), "office"),
    ],
    "千歳市": [
        (("企画部",), "bureau"),
        (("企画部", "企画課"), "division"),
        (("市民環境部",), "bureau"),
        (("市民環境部", "市民生活課"), "division"),
    ],
    "ニセコ町": [
        (("企画環境課",), "division"),
        (("総務課",), "division"),
    ],
    "栗山町": [
        (("総務部",), "bureau"),
        (("総務部", "情報推進課"), "division"),
        (("総務部", "情報推進課", "協働のまち推進係"), "section"),
    ],
    "白老町": [
        (("経営企画課",), "division"),
        (("経営企画課", "企画グループ"), "section"),
        (("町民まちづくり活動センター",), "facility"),
    ],
    "中標津町": [
        (("総務部",), "bureau"),
        (("総務部", "企画課"), "division"),
    ],
}

DEMO_PASSWORD = "kyodo-demo-2026"

# (e-mail, display name, role, organisation, department path or None)
DEMO_USERS = [
    ("citizen@example.jp", "市民 花子", None, None, None),
    ("council@example.jp", "会議 一郎", "council_member", "札幌市", None),
    ("partner@example.jp", "協働 さくら", "partner_member", "北海道", None),
    ("staff@sapporo.example.jp", "職員 太郎", "department_staff", "札幌市",
     ("総務局", "情報化推進部", "情報システム課")),
    ("reception@sapporo.example.jp", "受付 和子", "reception_desk", "札幌市",
     ("総務局", "広報部", "広報課")),
    ("coordinator@sapporo.example.jp", "推進 誠", "coordinator", "札幌市", ("市政推進室",)),
    ("coordinator@hokkaido.example.jp", "振興 明美", "coordinator", "北海道",
     ("環境生活部", "生活文化・青少年室", "生活振興課")),
    ("staff@hokkaido.example.jp", "道職員 健", "department_staff", "北海道",
     ("環境生活部", "環境室", "環境政策課")),
    ("reviewer@example.jp", "審査 恵", "reviewer", "北海道", None),
    ("admin@sapporo.example.jp", "管理 札幌", "org_admin", "札幌市", None),
    ("admin@hokkaido.example.jp", "管理 北海道", "org_admin", "北海道", None),
    ("platform@example.jp", "運営 管理者", "platform_admin", None, None),
]


def organisation_rows():
    with ORGANISATIONS_CSV.open(encoding="utf-8") as f:
        yield from csv.DictReader(f)
