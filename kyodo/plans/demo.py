"""Demo data for 改革プラン: 札幌市's 「市役所改革プラン」 and 「サービスアップ行動計画」 (seed 000).

From the seed: the 市役所改革市民会議 (設置 平成15年11月) deliberated on 市民サービス,
コミュニケーション, 市役所経営資源 and 業務システムの改革, gave its final recommendation in
平成16年9月, and the plan was made in 平成16年12月; 市政推進室 runs it and publishes its
progress; the 「サービスアップ行動計画」 had already started after the council's first
recommendation. The action items, indicators, figures and reports below are illustrative —
plausible for a 政令指定都市 in FY2004–FY2006, not quoted from the real plan.

Safe to load again: everything is keyed by natural keys (plan title, theme number, item code,
indicator name, fiscal year and period). Values a revision changes (targets, schedules,
descriptions) are only set when first created, and each revision is replayed only once.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from kyodo.core.models import User

from . import actions, workflow
from .models import (
    ActionItem, Indicator, IndicatorActual, IndicatorTarget, ItemBudget, ItemSchedule, Plan,
    PlanDocument, ProgressReport, Revision, Theme,
)

TOKYO = ZoneInfo("Asia/Tokyo")
ORG = "札幌市"

D = {  # short names → department paths in kyodo/core/demo/world.py
    "市政推進室": ("市政推進室",),
    "広報課": ("総務局", "広報部", "広報課"),
    "市民の声を聞く課": ("総務局", "広報部", "市民の声を聞く課"),
    "総務課": ("総務局", "行政部", "総務課"),
    "職員課": ("総務局", "職員部", "職員課"),
    "情報システム課": ("総務局", "情報化推進部", "情報システム課"),
    "財政課": ("財政局", "財政部", "財政課"),
    "契約管理課": ("財政局", "管財部", "契約管理課"),
    "市民活動促進課": ("市民まちづくり局", "地域振興部", "市民活動促進課"),
    "区政課": ("市民まちづくり局", "地域振興部", "区政課"),
    "市民自治担当": ("市民まちづくり局", "地域振興部", "区政課", "市民自治担当"),
    "戸籍住民課": ("市民まちづくり局", "市民生活部", "戸籍住民課"),
    "保健福祉局総務課": ("保健福祉局", "総務部", "総務課"),
    "高齢福祉課": ("保健福祉局", "高齢保健福祉部", "高齢福祉課"),
    "循環型社会推進課": ("環境局", "環境事業部", "循環型社会推進課"),
    "子ども企画課": ("子ども未来局", "子ども育成部", "子ども企画課"),
    "道路維持課": ("建設局", "土木部", "道路維持課"),
    "中央区総務企画課": ("中央区役所", "市民部", "総務企画課"),
}

S = ActionItem.Status
STATUS = {"ip": S.IN_PROGRESS, "done": S.DONE, "rev": S.UNDER_REVIEW, "ns": S.NOT_STARTED,
          "stop": S.CANCELLED}


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=TOKYO)


# Indicator: (name, unit, baseline (FY2004), higher_is_better, {fy: target}, {fy: actual})
# Report: {fy: (status, progress %, narrative)}
KAIKAKU = {
    "title": "市役所改革プラン",
    "summary": (
        "市役所改革市民会議の最終提言(平成16年9月)を踏まえ、平成16年12月に策定した計画です。"
        "市民志向・成果志向の市役所を目指し、重点取組項目を絞り込んで進めています。"
        "進み具合は市政推進室のホームページで公開し、市民会議が実施状況を評価します。"
    ),
    "span": (2005, 2006),
    "adopted_on": datetime.date(2004, 12, 1),
    "documents": [
        ("市役所改革市民会議 最終提言", "市役所改革市民会議", datetime.date(2004, 9, 1)),
        ("施政方針(市民志向・成果志向の市役所改革)", "札幌市長", None),
    ],
    "themes": [
        (1, "市民サービスの改革", "市民の目線で窓口や手続を見直し、身近なサービスの質を高めます。"),
        (2, "コミュニケーションの改革", "情報を積極的に公開し、市民との対話を市政に生かします。"),
        (3, "市役所経営資源の改革", "人・財源・資産を見直し、効率的な市役所経営を進めます。"),
        (4, "業務システムの改革", "評価と改善の仕組みを整え、仕事の進め方を変えます。"),
    ],
    "items": [
        dict(code="1-1", theme=1, title="区役所窓口の待ち時間の短縮",
             departments=["戸籍住民課", "中央区総務企画課"],
             description="繁忙期の窓口体制を見直し、番号案内システムを導入して待ち時間を短くします。",
             schedules={2005: "番号案内システムを3区で導入", 2006: "全区に拡大"},
             budgets={2005: (18_000_000, 17_350_000), 2006: (42_000_000, 40_980_000)},
             indicators=[("繁忙期の平均待ち時間", "分", 25, False, {2005: 20, 2006: 15}, {2005: 21, 2006: 14})],
             reports={2005: ("ip", 50, "中央区・北区・東区で番号案内システムを導入し、繁忙期に臨時窓口を設けました。"),
                      2006: ("done", 100, "全区で番号案内システムの運用を始め、平均待ち時間は目標を達成しました。")}),
        dict(code="1-2", theme=1, title="窓口の時間延長・休日開庁の試行",
             departments=["戸籍住民課", "区政課"],
             description="平日夜間と休日に証明書を交付する窓口を試行し、需要を確かめます。",
             schedules={2005: "2区で夜間窓口を試行", 2006: "試行結果を踏まえ実施区を決定"},
             budgets={2005: (6_500_000, 6_120_000), 2006: (9_800_000, 8_460_000)},
             indicators=[("時間外の証明書交付件数", "件", 0, True, {2005: 3000, 2006: 6000}, {2005: 2410, 2006: 3870})],
             reports={2005: ("ip", 40, "中央区・白石区で平日夜間窓口を試行しました。利用は見込みを下回りました。"),
                      2006: ("ip", 70, "利用の多い曜日に絞って休日窓口を続けています。")}),
        dict(code="1-3", theme=1, title="区役所総合案内の設置",
             departments=["区政課", "中央区総務企画課"],
             description="来庁者をどの窓口へ行けばよいか迷わせないよう、区役所に総合案内を置きます。",
             schedules={2005: "全区に総合案内を設置", 2006: "案内員の研修と案内マニュアルの改訂"},
             budgets={2005: (12_000_000, 11_640_000)},
             indicators=[("総合案内の案内件数", "件", 0, True, {2005: 150000, 2006: 200000}, {2005: 168500, 2006: 214300})],
             reports={2005: ("ip", 80, "全10区に総合案内を設置しました。"),
                      2006: ("done", 100, "案内マニュアルを改訂し、取組を完了しました。")}),
        dict(code="1-4", theme=1, title="電子申請・届出の拡大",
             departments=["情報システム課", "総務課"],
             description="自宅から申請・届出ができる手続を増やします。",
             schedules={2005: "電子申請システムの対象手続を拡大", 2006: "施設予約・各種届出を追加"},
             budgets={2005: (48_000_000, 45_210_000), 2006: (36_000_000, 35_880_000)},
             indicators=[("電子申請できる手続の数", "手続", 12, True, {2005: 60, 2006: 120}, {2005: 48, 2006: 131}),
                         ("電子申請の利用件数", "件", 3200, True, {2005: 10000, 2006: 25000}, {2005: 8420, 2006: 26150})],
             reports={2005: ("ip", 45, "対象手続を48に広げました。システム改修の遅れで目標には届きませんでした。"),
                      2006: ("ip", 85, "施設予約と各種届出を追加し、対象手続は131になりました。")}),
        dict(code="1-5", theme=1, title="高齢者福祉サービスの申請手続の簡素化",
             departments=["高齢福祉課", "保健福祉局総務課"],
             description="添付書類を減らし、申請書を統合して手続の負担を軽くします。",
             schedules={2005: "申請書類の洗い出しと統合", 2006: "簡素化した様式の運用"},
             indicators=[("削減した添付書類の数", "種類", 0, True, {2005: 10, 2006: 20}, {2005: 11, 2006: 18})],
             reports={2005: ("ip", 50, "申請書類を点検し、11種類の添付書類を不要にしました。"),
                      2006: ("ip", 90, "統合した申請様式の運用を始めました。")}),
        dict(code="1-6", theme=1, title="子育て支援情報の一元化",
             departments=["子ども企画課", "広報課"],
             description="ばらばらに案内していた子育て支援の情報を一つのサイトと冊子にまとめます。",
             schedules={2005: "子育て情報サイトの開設", 2006: "子育てガイドブックの全戸配布"},
             budgets={2005: (8_000_000, 7_450_000), 2006: (15_000_000, 14_720_000)},
             indicators=[("子育て情報サイトの閲覧件数", "件", 0, True, {2005: 120000, 2006: 200000}, {2005: 98000, 2006: 231000})],
             reports={2005: ("ip", 50, "子育て情報サイトを開設しました。"),
                      2006: ("done", 100, "ガイドブックを配布し、取組を完了しました。")}),
        dict(code="2-1", theme=2, title="市政情報のホームページ公開の充実",
             departments=["広報課"],
             description="会議資料や計画の進み具合などをホームページで速やかに公開します。",
             schedules={2005: "公開基準の策定", 2006: "全局での運用"},
             indicators=[("ホームページの閲覧件数", "万件", 1800, True, {2005: 2000, 2006: 2300}, {2005: 2140, 2006: 2390})],
             reports={2005: ("ip", 60, "情報公開の基準を定め、会議資料の公開を始めました。"),
                      2006: ("ip", 90, "全局で公開基準に沿った運用を始めました。")}),
        dict(code="2-2", theme=2, title="出前講座の充実",
             departments=["広報課", "市政推進室"],
             description="市職員が地域に出向いて施策を説明する出前講座のテーマを増やし、市役所改革もテーマに加えます。",
             schedules={2005: "テーマ集の改訂(市役所改革を追加)", 2006: "受講者アンケートによる改善"},
             budgets={2005: (1_200_000, 1_080_000), 2006: (1_200_000, 1_150_000)},
             indicators=[("出前講座の開催回数", "回", 260, True, {2005: 300, 2006: 350}, {2005: 312, 2006: 341})],
             reports={2005: ("ip", 60, "テーマ集を改訂し、市役所改革の講座を始めました。"),
                      2006: ("ip", 85, "受講者アンケートを踏まえて講座の内容を見直しました。")}),
        dict(code="2-3", theme=2, title="市民の声の施策への反映",
             departments=["市民の声を聞く課"],
             description="寄せられた市民の声に速やかに回答し、その内容と対応を公開します。",
             schedules={2005: "回答期間の目標設定と進行管理", 2006: "市民の声と対応の公開"},
             indicators=[("市民の声への平均回答日数", "日", 14, False, {2005: 10, 2006: 7}, {2005: 9, 2006: 8})],
             reports={2005: ("ip", 50, "回答期間の目標を定め、各局の回答状況を毎月確認しました。"),
                      2006: ("ip", 80, "市民の声とそれへの対応をホームページで公開し始めました。")},
             returned=2005),
        dict(code="2-4", theme=2, title="市民活動団体との協働の推進",
             departments=["市民活動促進課"],
             description="NPOや町内会との協働事業を増やし、協働の指針をつくります。",
             schedules={2005: "協働事業の実態調査", 2006: "協働の指針の策定"},
             indicators=[("協働事業の件数", "件", 120, True, {2005: 140, 2006: 170}, {2005: 146, 2006: 158})],
             reports={2005: ("ip", 50, "全庁の協働事業を調査し、146件を把握しました。"),
                      2006: ("ip", 80, "協働の指針の素案をつくり、市民意見を募集しました。")}),
        dict(code="2-5", theme=2, title="まちづくりセンターの地域自主運営",
             departments=["市民自治担当", "区政課"],
             description="まちづくりセンターの運営を地域の住民組織に委ねる取組を進めます。",
             schedules={2005: "モデル地区での自主運営", 2006: "自主運営の拡大"},
             indicators=[("自主運営に移行したセンター数", "か所", 0, True, {2005: 3, 2006: 8}, {2005: 2, 2006: 4})],
             reports={2005: ("ip", 30, "2地区で自主運営を始めました。"),
                      2006: ("ip", 50, "移行を希望する地域との協議に時間がかかっています。")}),
        dict(code="2-6", theme=2, title="市役所改革の進み具合の公開",
             departments=["市政推進室"],
             description="市役所改革プランの進み具合をホームページで公開し、市民会議の評価を受けます。",
             schedules={2005: "進捗状況の公開開始", 2006: "市民会議による評価結果の公開"},
             indicators=[("進捗報告を公表した取組項目の割合", "%", 0, True, {2005: 100, 2006: 100}, {2005: 100, 2006: 100})],
             reports={2005: ("ip", 50, "全取組項目の進捗状況をホームページで公開しました。"),
                      2006: ("done", 100, "市民会議の評価結果と合わせて公開しました。")}),
        dict(code="3-1", theme=3, title="職員数の適正化",
             departments=["職員課"],
             description="事務の見直しと民間委託により、職員数を計画的に減らします。",
             schedules={2005: "削減計画に基づく職員数の見直し", 2006: "同左"},
             indicators=[("職員数の削減数(平成16年度比)", "人", 0, True, {2005: 300, 2006: 600}, {2005: 310, 2006: 590})],
             reports={2005: ("ip", 50, "310人を削減しました。"),
                      2006: ("ip", 95, "累計590人を削減しました。")}),
        dict(code="3-2", theme=3, title="人事評価制度の導入",
             departments=["職員課"],
             description="職員の能力と実績を評価し、人材育成に生かす人事評価制度を導入します。",
             schedules={2005: "管理職への試行", 2006: "全職員への拡大"},
             indicators=[("人事評価の対象職員の割合", "%", 0, True, {2005: 10, 2006: 100}, {2005: 12, 2006: 55})],
             reports={2005: ("ip", 30, "管理職を対象に試行しました。"),
                      2006: ("ip", 55, "係長職まで広げました。全職員への拡大は労使協議を続けています。")}),
        dict(code="3-3", theme=3, title="出資団体の見直し",
             departments=["市政推進室", "総務課"],
             description="市が出資する団体の必要性を点検し、統合・廃止を進めます。",
             schedules={2005: "出資団体の点検と方針の策定", 2006: "統合・廃止の実施"},
             indicators=[("出資団体の数", "団体", 42, False, {2005: 38, 2006: 35}, {2005: 39, 2006: 33})],
             reports={2005: ("ip", 40, "全出資団体を点検し、見直し方針を定めました。"),
                      2006: ("ip", 90, "3団体を統合し、4団体を廃止しました。")}),
        dict(code="3-4", theme=3, title="指定管理者制度の導入",
             departments=["市政推進室", "財政課"],
             description="公の施設の管理に指定管理者制度を導入し、サービスの向上と経費の節減を図ります。",
             schedules={2005: "導入施設の選定と公募", 2006: "指定管理者による管理の開始"},
             indicators=[("指定管理者制度を導入した施設数", "施設", 0, True, {2005: 150, 2006: 300}, {2005: 160, 2006: 316})],
             reports={2005: ("ip", 50, "導入する施設を選び、指定管理者を公募しました。"),
                      2006: ("done", 100, "316施設で指定管理者による管理を始めました。")}),
        dict(code="3-5", theme=3, title="未利用市有地の売却",
             departments=["契約管理課", "財政課"],
             description="利用の予定がない市有地を売却し、財源を確保します。",
             schedules={2005: "売却候補地の選定", 2006: "公売の実施"},
             indicators=[("売却額", "百万円", 0, True, {2005: 1500, 2006: 3000}, {2005: 820, 2006: 1640})],
             reports={2005: ("ip", 30, "売却候補地を選びましたが、地価の下落で売却は目標に届きませんでした。"),
                      2006: ("ip", 55, "一般競争入札で公売を行いました。")}),
        dict(code="3-6", theme=3, title="事務事業の見直しによる経費の削減",
             departments=["財政課"],
             description="全ての事務事業を点検し、効果の薄い事業を縮小・廃止します。",
             schedules={2005: "全事業の点検", 2006: "予算への反映"},
             indicators=[("経費の削減額", "億円", 0, True, {2005: 50, 2006: 100}, {2005: 48, 2006: 96})],
             reports={2005: ("ip", 50, "全事業を点検し、48億円を削減しました。"),
                      2006: ("ip", 90, "平成18年度予算に見直し結果を反映しました。")}),
        dict(code="4-1", theme=4, title="行政評価制度の導入",
             departments=["市政推進室"],
             description="全ての施策と予算事業を評価し、評価調書を公開します。",
             schedules={2005: "内部評価の実施と評価調書の公開", 2006: "外部評価委員会の設置"},
             indicators=[("評価を実施した事業数", "事業", 0, True, {2005: 1000, 2006: 1500}, {2005: 1120, 2006: 1480})],
             reports={2005: ("ip", 50, "全ての予算事業で内部評価を行い、評価調書を公開しました。"),
                      2006: ("ip", 90, "行政評価委員会による外部評価を始めました。")}),
        dict(code="4-2", theme=4, title="電子入札の導入",
             departments=["契約管理課", "情報システム課"],
             description="工事・委託の入札を電子化し、透明性と事務の効率を高めます。",
             schedules={2005: "工事の一部で電子入札を開始", 2006: "全ての工事入札に拡大"},
             budgets={2005: (65_000_000, 63_900_000), 2006: (20_000_000, 19_300_000)},
             indicators=[("工事入札の電子化率", "%", 0, True, {2005: 30, 2006: 100}, {2005: 34, 2006: 100})],
             reports={2005: ("ip", 40, "一部の工事で電子入札を始めました。"),
                      2006: ("done", 100, "全ての工事入札を電子化しました。")}),
        dict(code="4-3", theme=4, title="内部事務システムの統合",
             departments=["情報システム課"],
             description="局ごとに分かれた内部事務のシステムを統合し、運用費を減らします。",
             schedules={2005: "統合計画の策定", 2006: "財務・文書システムの統合"},
             budgets={2005: (30_000_000, 28_100_000), 2006: (120_000_000, 0)},
             indicators=[("庁内の業務システム数", "システム", 86, False, {2005: 80, 2006: 60}, {2005: 82, 2006: 79})],
             reports={2005: ("ip", 20, "統合計画を策定しました。"),
                      2006: ("rev", 25, "調達方式の見直しにより統合を翌年度以降に延ばしました。")}),
        dict(code="4-4", theme=4, title="家庭ごみ収集業務の委託の拡大",
             departments=["循環型社会推進課"],
             description="家庭ごみの収集業務の民間委託を広げ、経費を節減します。",
             schedules={2005: "委託地区の拡大", 2006: "同左"},
             indicators=[("収集業務の委託化率", "%", 55, True, {2005: 65, 2006: 75}, {2005: 66, 2006: 74})],
             reports={2005: ("ip", 50, "委託地区を広げ、委託化率は66%になりました。"),
                      2006: ("ip", 90, "委託化率は74%になりました。")}),
        dict(code="4-5", theme=4, title="道路維持業務の効率化",
             departments=["道路維持課"],
             description="直営で行っている道路補修の作業班を再編し、業務を効率化します。",
             schedules={2005: "作業班の再編計画の策定", 2006: "作業班の再編"},
             indicators=[("直営作業班の数", "班", 40, False, {2005: 36, 2006: 30}, {2005: 37, 2006: 34})],
             reports={2005: ("ip", 40, "再編計画を策定しました。"),
                      2006: ("ip", 60, "除雪体制との一体的な見直しに合わせて再編を進めています。")}),
        dict(code="4-6", theme=4, title="文書管理の電子化",
             departments=["総務課", "情報システム課"],
             description="起案・決裁と文書の保存を電子化します。",
             schedules={2005: "文書管理システムの設計", 2006: "電子決裁の開始"},
             budgets={2005: (25_000_000, 24_600_000), 2006: (58_000_000, 57_200_000)},
             indicators=[("電子決裁の割合", "%", 0, True, {2005: 0, 2006: 30}, {2005: 0, 2006: 22})],
             reports={2005: ("ip", 30, "文書管理システムを設計しました。"),
                      2006: ("ip", 60, "本庁で電子決裁を始めました。")}),
    ],
    # (item code, when, reason category, reason, changes)
    "revisions": [
        ("1-2", at(2006, 4, 20), "progress",
         "平成17年度の試行で夜間窓口の利用が見込みを下回ったため、平成18年度の目標を見直す。",
         {"schedules": {2006: "利用の多い曜日に絞って休日窓口を継続し、実施区を決定"},
          "targets": {"時間外の証明書交付件数": {2006: 4000}}}),
        ("3-3", at(2006, 2, 15), "citizen_voice",
         "市役所改革市民会議の評価で「より踏み込んだ統合を」との意見を受け、目標を引き上げる。",
         {"targets": {"出資団体の数": {2006: 33}}}),
        ("4-5", at(2006, 6, 1), "environment",
         "除雪体制の見直しと公共事業費の縮減を受け、道路維持と除雪を一体で見直すこととした。",
         {"description": "道路補修と除雪の作業体制を一体で見直し、業務を効率化します。",
          "schedules": {2006: "除雪体制と合わせた作業班の再編"}}),
    ],
    # FY2006 annual reports still on their way, so the coordinator's checklist and review
    # queue have content: (item code → the state its FY2006 report has reached).
    "pending": {2006: {"1-4": "submitted", "2-2": "approved", "3-1": "returned", "2-4": "draft",
                       "4-6": "draft"}},
}

SERVICE_UP = {
    "title": "サービスアップ行動計画",
    "summary": (
        "市役所改革市民会議の第1回提言を受けて始めた、窓口・電話応対など身近なサービスを"
        "改善する行動計画です。市民会議がその進み具合と市民の満足度を評価します。"
    ),
    "span": (2004, 2005),
    "adopted_on": datetime.date(2004, 6, 1),
    "documents": [("市役所改革市民会議 第1回提言", "市役所改革市民会議", None)],
    "themes": [
        (1, "窓口サービスの向上", "来庁者にわかりやすく、待たせない窓口にします。"),
        (2, "電話応対・案内の向上", "たらい回しにしない電話応対と案内を徹底します。"),
        (3, "職員の意識改革", "市民の立場で考える職員を育てます。"),
    ],
    "items": [
        dict(code="1", theme=1, title="窓口の案内表示の改善", departments=["戸籍住民課"],
             description="窓口の表示をわかりやすくし、記載例を備えます。",
             schedules={2004: "表示の点検と改善", 2005: "記載例の整備"},
             indicators=[("窓口アンケートの満足度", "%", 62, True, {2004: 70, 2005: 80}, {2004: 71, 2005: 78})],
             reports={2004: ("ip", 60, "全区で窓口表示を改善しました。"),
                      2005: ("done", 100, "記載例を整備し、取組を完了しました。")}),
        dict(code="2", theme=1, title="窓口アンケートの実施", departments=["区政課"],
             description="区役所窓口で利用者アンケートを行い、改善につなげます。",
             schedules={2004: "全区で実施", 2005: "結果の公表と改善"},
             indicators=[("アンケート回答数", "件", 0, True, {2004: 3000, 2005: 5000}, {2004: 3320, 2005: 5480})],
             reports={2004: ("ip", 50, "全区でアンケートを実施しました。"),
                      2005: ("done", 100, "結果を公表し、改善策をまとめました。")}),
        dict(code="3", theme=2, title="電話応対の向上", departments=["市民の声を聞く課"],
             description="電話を受けた職員が責任をもって担当につなぐ「一次対応」を徹底します。",
             schedules={2004: "電話応対マニュアルの作成", 2005: "覆面調査による点検"},
             indicators=[("電話応対に関する苦情件数", "件", 180, False, {2004: 150, 2005: 100}, {2004: 162, 2005: 121})],
             reports={2004: ("ip", 50, "電話応対マニュアルを作成しました。"),
                      2005: ("ip", 80, "覆面調査で応対を点検しました。苦情は減っていますが目標には届いていません。")}),
        dict(code="4", theme=2, title="ホームページの「よくある質問」の整備", departments=["広報課"],
             description="問い合わせの多い事項をホームページにまとめます。",
             schedules={2004: "質問の収集", 2005: "公開と更新"},
             indicators=[("掲載した質問の数", "件", 0, True, {2004: 200, 2005: 500}, {2004: 240, 2005: 530})],
             reports={2004: ("ip", 50, "240件の質問と回答を掲載しました。"),
                      2005: ("done", 100, "530件まで増やし、更新の手順を定めました。")}),
        dict(code="5", theme=3, title="接遇研修の実施", departments=["職員課"],
             description="全職員を対象に接遇研修を行います。",
             schedules={2004: "窓口職場から実施", 2005: "全職員に拡大"},
             indicators=[("接遇研修の受講者数", "人", 0, True, {2004: 3000, 2005: 8000}, {2004: 3150, 2005: 7420})],
             reports={2004: ("ip", 40, "窓口職場の職員3,150人が受講しました。"),
                      2005: ("ip", 90, "受講者は累計7,420人になりました。")}),
    ],
    "revisions": [],
    "pending": {},
}


def load(world):
    organisation = world["organisations"][ORG]
    departments = {short: world["departments"][(ORG, path)] for short, path in D.items()}
    coordinator = User.objects.filter(email="coordinator@sapporo.example.jp").first()
    staff = User.objects.filter(email="staff@sapporo.example.jp").first()
    with transaction.atomic():
        for order, spec in enumerate((KAIKAKU, SERVICE_UP)):
            load_plan(spec, organisation, departments, coordinator, staff, order)


def load_plan(spec, organisation, departments, coordinator, staff, order):
    start, end = spec["span"]
    plan, _ = Plan.objects.update_or_create(
        organisation=organisation, title=spec["title"],
        defaults={
            "summary": spec["summary"], "start_fiscal_year": start, "end_fiscal_year": end,
            "status": Plan.Status.ADOPTED, "adopted_on": spec["adopted_on"],
            "coordinating_department": departments["市政推進室"],
            "reporting_period": Plan._meta.get_field("reporting_period").default,
            "sort_order": order,
        },
    )
    for doc_order, (title, issuer, issued_on) in enumerate(spec["documents"]):
        PlanDocument.objects.update_or_create(
            plan=plan, title=title,
            defaults={"issuer": issuer, "issued_on": issued_on, "sort_order": doc_order},
        )
    themes = {}
    for number, title, description in spec["themes"]:
        themes[number], _ = Theme.objects.update_or_create(
            plan=plan, number=number, defaults={"title": title, "description": description},
        )
    items = {}
    for item_order, row in enumerate(spec["items"]):
        pending = {year: codes[row["code"]] for year, codes in spec["pending"].items()
                   if row["code"] in codes}
        items[row["code"]] = load_item(plan, themes, departments, row, item_order, coordinator,
                                       staff, pending)
    for code, when, category, reason, changes in spec["revisions"]:
        item = items[code]
        if coordinator is None or Revision.objects.filter(item=item, revised_at=when).exists():
            continue
        indicators = {i.name: i for i in item.indicators.all()}
        changes = dict(changes)
        if "targets" in changes:
            changes["targets"] = {indicators[name]: years
                                  for name, years in changes["targets"].items()}
        actions.revise_item(coordinator, item, changes, category, reason, at=when)
    return plan


def load_item(plan, themes, departments, row, order, coordinator, staff, pending):
    item, _ = ActionItem.objects.update_or_create(
        plan=plan, code=row["code"],
        defaults={"theme": themes[row["theme"]], "title": row["title"], "sort_order": order},
        create_defaults={"theme": themes[row["theme"]], "title": row["title"],
                         "sort_order": order, "description": row["description"]},
    )
    item.departments.set([departments[name] for name in row["departments"]])
    for year, content in row["schedules"].items():
        ItemSchedule.objects.get_or_create(item=item, fiscal_year=year,
                                           defaults={"content": content})
    for year, (budget, settlement) in row.get("budgets", {}).items():
        ItemBudget.objects.update_or_create(item=item, fiscal_year=year,
                                            defaults={"budget": budget, "settlement": settlement})
    indicators = []
    for ind_order, (name, unit, baseline, higher, targets, actuals) in enumerate(row["indicators"]):
        indicator, _ = Indicator.objects.update_or_create(
            item=item, name=name,
            defaults={"unit": unit, "baseline": baseline, "baseline_year": plan.start_fiscal_year - 1,
                      "higher_is_better": higher, "sort_order": ind_order},
        )
        for year, value in targets.items():
            IndicatorTarget.objects.get_or_create(indicator=indicator, fiscal_year=year,
                                                  defaults={"value": value})
        indicators.append((indicator, actuals))
    for year, (status, progress, narrative) in sorted(row["reports"].items()):
        report = annual_report(item, year, status, progress, narrative)
        for indicator, actuals in indicators:
            if year in actuals:
                IndicatorActual.objects.update_or_create(
                    indicator=indicator, report=report, fiscal_year=year,
                    defaults={"value": actuals[year]},
                )
        submitter = staff if staff and _staff_of(staff, item) else None
        returned = row.get("returned") == year
        replay(report, year, submitter, coordinator, returned=returned,
               until=pending.get(year, "published"))
        # The figures were entered with the report and last touched at its last step, in that
        # year — not on the day the demo is loaded (the staff screens show 「更新」).
        written = at(year + 1, 4, 25)
        IndicatorActual.objects.filter(report=report).update(recorded_at=written)
        last = report.transitions.order_by("-at").values_list("at", flat=True).first()
        ProgressReport.objects.filter(pk=report.pk).update(updated_at=last or written)
    return item


def _staff_of(user, item):
    return user.has_perm("plans.report_on_item", item)


def annual_report(item, year, status, progress, narrative):
    status = STATUS[status]
    report, _ = ProgressReport.objects.update_or_create(
        item=item, fiscal_year=year, period=ProgressReport.Period.YEAR,
        defaults={
            "item_status": status, "progress": progress, "narrative": narrative,
            "problems": "" if status == S.DONE else "目標の達成に向けて、関係部局との調整を続ける必要があります。",
            "next_steps": "取組は完了しました。効果を検証します。" if status == S.DONE
            else "次年度も計画に沿って取組を進めます。",
        },
        create_defaults={
            "item_status": status, "progress": progress, "narrative": narrative,
            "created_at": at(year + 1, 4, 25),
        },
    )
    return report


def replay(report, year, submitter, coordinator, *, returned=False, until="published"):
    """Take a fresh report through the workflow, on the dates a FY's annual report would
    have had, as far as the state ``until``."""
    if report.status != ProgressReport.Status.DRAFT or report.transitions.exists():
        return
    after = year + 1
    steps = [("submit", submitter, at(after, 5, 10), "")]
    if returned or until == "returned":
        steps.append(("return", coordinator, at(after, 5, 16),
                      "実績値の算定方法(対象期間・集計方法)を記載してください。"))
    if returned:
        steps.append(("submit", submitter, at(after, 5, 20), "算定方法を追記しました。"))
    steps += [("approve", coordinator, at(after, 5, 27), ""),
              ("publish", coordinator, at(after, 6, 10), "")]
    for name, actor, when, comment in steps:
        if report.status == until:
            return
        workflow.apply(actor, report, name, at=when, comment=comment)
