"""Scale data for 意見公募 (``manage.py generate_scale``; see ``kyodo/core/scale.py``).

Each generated municipality holds one public comment a fiscal year: past years' calls have
their results published (comments grouped into a dozen opinion items with 市の考え方, one
modified), the current year's is open. The comments are the big table: ``scale.rows`` of them
spread over the municipalities and years, every one in an opinion item, from every channel
and commenter type — so the results page and the API are measured at their heaviest.
"""

import datetime

from kyodo.core.scale import DISTRICTS, audit_sample, jst, person

from .models import Call, Channel, Comment, CommenterType, OpinionItem, Section

TOPICS = ["行政改革推進計画", "総合計画 後期基本計画", "地域福祉計画", "ごみ処理基本計画", "都市計画マスタープラン",
          "子ども・子育て支援事業計画", "地球温暖化対策実行計画", "公共施設等総合管理計画", "観光振興ビジョン",
          "市民参加条例", "男女共同参画プラン", "地域防災計画"]
OPINIONS = [
    ("取組の進み具合を数値で公表してほしい。", "毎年度、指標の実績を公表します。"),
    ("市民の意見を聞く機会を増やしてほしい。", "意見公募に加え、説明会を開きます。"),
    ("高齢者にもわかりやすい説明にしてほしい。", "概要版を作成し、大きな文字で配布します。"),
    ("財源の見通しを示してほしい。", "財政計画と合わせて見通しを公表します。"),
    ("地域ごとの事情に配慮してほしい。", "地域の意見を聞きながら進めます。"),
    ("目標が低すぎる。", "実現可能性を考えて設定しています。"),
    ("民間との連携を進めてほしい。", "連携の方法を検討します。"),
    ("計画の期間が長すぎる。", "中間年に見直しを行います。"),
    ("若い世代の意見を反映してほしい。", "学校や大学と連携して意見を聞きます。"),
    ("職員の意識改革が必要だ。", "研修を通じて取り組みます。"),
    ("情報をホームページでわかりやすく発信してほしい。", "ホームページを見直します。"),
    ("計画の方向性に賛成する。", "ご賛同ありがとうございます。"),
]
CHANNELS = [Channel.WEB] * 14 + [Channel.POST] * 3 + [Channel.FAX, Channel.COUNTER, Channel.EMAIL]
KINDS = [CommenterType.RESIDENT] * 12 + [CommenterType.COMMUTER, CommenterType.STUDENT,
                                         CommenterType.BUSINESS, CommenterType.INTERESTED]


def generate(ctx):
    calls = ctx.table(Call, ["organisation_id", "department_id", "title", "summary", "reason", "opens_on",
                             "closes_on", "eligible", "name_required", "publish_comments", "status", "announced_at",
                             "results_summary", "results_published_at", "last_receipt", "created_at"])
    sections = ctx.table(Section, ["call_id", "number", "heading", "text", "final_text"])
    comments = ctx.table(Comment, ["call_id", "sequence", "channel", "commenter_type", "name", "address_area",
                                   "email", "section_id", "body", "consent", "submitted_at"], batch=10_000)
    items = ctx.table(OpinionItem, ["call_id", "number", "section_id", "summary", "response", "modified",
                                    "modification"])
    through = ctx.table(OpinionItem.comments.through, ["opinionitem_id", "comment_id"], batch=20_000)
    per_year = ctx.scale.per_org_year(ctx.scale.rows)
    today = ctx.now.date()
    for org in ctx.organisations:
        rng = ctx.rng("publiccomment", org.pk)
        department = org.coordinator_department or org.departments[0][0]
        for year in ctx.years:
            current = year == ctx.last_year
            topic = TOPICS[(year + org.pk) % len(TOPICS)]
            opens = today - datetime.timedelta(days=10) if current else datetime.date(year, 10, 1)
            closes = opens + datetime.timedelta(days=29)
            count = round(per_year * rng.uniform(0.85, 1.15))
            published = jst(year, 12, 20) if not current else None
            call = calls.add(org.pk, department, f"{topic}(案)", f"{org.name}の{topic}の案です。",
                             f"{topic}を定めるにあたり、市民の皆さんのご意見を募集します。", opens, closes,
                             list(CommenterType.values), False, True,
                             Call.Status.ANNOUNCED if current else Call.Status.PUBLISHED,
                             jst(opens.year, opens.month, opens.day) - datetime.timedelta(days=7),
                             "" if current else f"{count}件のご意見をいただき、12項目に整理しました。", published,
                             count, jst(opens.year, opens.month, opens.day) - datetime.timedelta(days=10))
            section_pks = [sections.add(call, n, f"第{n}章", f"{topic}の第{n}章の本文です。",
                                        f"{topic}の第{n}章の本文です。意見を踏まえて加筆しました。" if n == 1 and not current else "")
                           for n in (1, 2, 3)]
            item_pks = [] if current else [
                items.add(call, n + 1, section_pks[n % 3], summary, response, n == 0,
                          "第1章に加筆しました。" if n == 0 else "")
                for n, (summary, response) in enumerate(OPINIONS)]
            for sequence in range(1, count + 1):
                day = opens + datetime.timedelta(days=rng.randrange(30))
                submitted = jst(day.year, day.month, day.day, rng.randint(8, 22), rng.randint(0, 59))
                if current and submitted > ctx.now:
                    submitted = ctx.now - datetime.timedelta(hours=rng.randint(1, 200))
                opinion = rng.randrange(len(OPINIONS))
                pk = comments.add(call, sequence, rng.choice(CHANNELS), rng.choice(KINDS),
                                  person(rng) if rng.random() < 0.7 else "", f"{org.name}{rng.choice(DISTRICTS)}",
                                  f"c{sequence}-{year}@{org.slug}.example.jp" if rng.random() < 0.5 else "",
                                  section_pks[opinion % 3] if rng.random() < 0.6 else None,
                                  OPINIONS[opinion][0] + rng.choice(("", "よろしくお願いします。", "ぜひ検討してください。")),
                                  True, submitted)
                if item_pks:
                    through.add(item_pks[opinion], pk)
                    if rng.random() < 0.15:
                        through.add(item_pks[(opinion + 1) % len(item_pks)], pk)
            if audit_sample(ctx, rng):
                ctx.log(org, Call, call, f"{topic}(案)", jst(opens.year, opens.month, opens.day))


def purge(organisations):
    using = organisations.db
    ids = organisations.values("pk")
    OpinionItem.comments.through.objects.filter(opinionitem__call__organisation__in=ids)._raw_delete(using)
    OpinionItem.objects.filter(call__organisation__in=ids)._raw_delete(using)
    Comment.objects.filter(call__organisation__in=ids)._raw_delete(using)
    Section.objects.filter(call__organisation__in=ids)._raw_delete(using)
    Call.objects.filter(organisation__in=ids)._raw_delete(using)
