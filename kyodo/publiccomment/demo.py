"""Demo data for 意見公募 (seed 000: 札幌市 asks how to keep reflecting residents' opinions in
the implementation stage, 「実践段階における市民意見の反映」).

- A finished public comment on the draft 「サービスアップ行動計画(案)」 (spring 2004, before
  the plan was adopted): 40 comments received on the web, by post, fax, at the counter and by
  e-mail, grouped into 8 opinion items with 市の考え方, one of which changed the draft (the
  waiting-time display at the counters), one comment partly masked (a named employee), and the
  word analysis of the comments done.
- An open public comment on 「市民意見を市政に反映する取組方針(案)」, 30 days from a few days
  ago, with a few comments already in.

Loading twice changes nothing (calls are keyed by organisation and title).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kyodo.core.models import User

from .models import Call, Channel, Comment, CommentAnalysis, CommenterType, OpinionItem, Section

ORG = "札幌市"
DEPARTMENT = ("市政推進室",)
TOKYO = datetime.timezone(datetime.timedelta(hours=9))

FINISHED = {
    "title": "サービスアップ行動計画(案)",
    "summary": ("市役所改革市民会議の第1回提言を受け、窓口・電話応対など市民に身近なサービスを"
                "すぐに改善するための行動計画の案です。窓口サービス、電話応対・案内、職員の意識改革の"
                "3つの柱で、平成16・17年度の取組を定めます。"),
    "reason": ("市役所改革市民会議から「すぐに取り組める窓口サービスの改善」を求める提言を受けました。"
               "市民の皆さんが日々利用する窓口や電話の応対を、市民の立場から見直すため、取組の案を公表し、"
               "ご意見を募集します。"),
    "opens_on": datetime.date(2004, 4, 1), "closes_on": datetime.date(2004, 4, 30),
    "results_published_at": datetime.datetime(2004, 5, 25, 10, 0, tzinfo=TOKYO),
    "results_summary": ("40件のご意見をいただきました。内容ごとに8項目に整理し、市の考え方をまとめました。"
                        "窓口の混雑状況・待ち時間をお知らせする取組を、ご意見を受けて案に加えました。"),
}

SECTIONS = [
    (1, "窓口サービスの向上",
     "区役所・市役所の窓口の案内表示をわかりやすくし、申請書の記載例を備えます。\n"
     "窓口で利用者アンケートを行い、その結果を改善につなげます。",
     "区役所・市役所の窓口の案内表示をわかりやすくし、申請書の記載例を備えます。\n"
     "窓口の混雑状況と待ち時間の目安を、窓口の表示とホームページでお知らせします。\n"
     "窓口で利用者アンケートを行い、その結果を改善につなげます。"),
    (2, "電話応対・案内の向上",
     "電話を受けた職員が責任をもって担当につなぐ「一次対応」を徹底し、電話応対マニュアルを作成します。\n"
     "問い合わせの多い事項を、ホームページの「よくある質問」にまとめます。", ""),
    (3, "職員の意識改革",
     "全職員を対象に接遇研修を行い、市民の立場で考える職員を育てます。\n"
     "取組の進み具合は市役所改革市民会議に報告し、評価を受けて公表します。", ""),
]

# (number, section number, summary, response, modified, modification)
ITEMS = [
    (1, 1, "窓口の待ち時間が長い。混雑状況や待ち時間の目安を事前に知りたい。",
     "ご意見を踏まえ、窓口の混雑状況と待ち時間の目安を、窓口の表示とホームページでお知らせする取組を案に加えました。",
     True, "「1 窓口サービスの向上」に、混雑状況と待ち時間の目安を窓口の表示とホームページで知らせる旨を加えました。"),
    (2, 1, "申請書の書き方がわかりにくい。記載例を増やし、外国語の案内も用意してほしい。",
     "案のとおり記載例を全区の窓口に備えます。外国語の案内は、国際交流の担当部署と連携して順次整えます。",
     False, ""),
    (3, None, "平日の昼間は仕事で窓口に行けない。夜間や土日にも手続きできるようにしてほしい。",
     "開庁時間の延長は、費用と効果を見極めながら別途検討します。郵送や電子申請で手続きできる範囲を広げる取組は、市役所改革プランで進めます。",
     False, ""),
    (4, 2, "電話をかけると何度もたらい回しにされる。最初に出た職員が責任をもって対応してほしい。",
     "案の「一次対応」の徹底は、まさにこの点を改めるためのものです。マニュアルを作成し、覆面調査で点検します。",
     False, ""),
    (5, 2, "ホームページで必要な情報が見つからない。よくある質問を充実させてほしい。",
     "案のとおり、問い合わせの多い事項を「よくある質問」にまとめ、更新の手順を定めて充実させます。",
     False, ""),
    (6, 3, "職員の言葉づかいや態度に不満がある。接遇研修を窓口以外の職員にも広げてほしい。",
     "接遇研修は窓口職場から始め、平成17年度には全職員に広げます。",
     False, ""),
    (7, 3, "取組の結果を市民にわかるように公表し、市民の評価を受けてほしい。",
     "取組の進み具合は市役所改革市民会議に報告して評価を受け、その結果をホームページで公表します。",
     False, ""),
    (8, None, "計画の方向性に賛成する。市民の声を聞きながら着実に進めてほしい。",
     "ご賛同ありがとうございます。市民の皆さんの声を聞きながら、着実に取り組みます。",
     False, ""),
]

# (opinion item numbers, section number or None, commenter type, area, text)
COMMENTS = [
    ([1], 1, "resident", "中央区", "区役所の窓口で1時間以上待ったことがあります。今どのくらい混んでいるのか、家を出る前にわかると助かります。"),
    ([1], 1, "resident", "北区", "転入の手続きで長く待たされました。待ち時間の目安を表示してほしいです。"),
    ([1, 3], 1, "commuter", "東区", "昼休みに手続きに行っても待ち時間が長く、時間内に終わりません。混雑する時間帯を教えてもらえれば、空いている時に行けます。夜間の窓口もあるとありがたいです。"),
    ([1], 1, "resident", "白石区", "番号札の呼び出しがあと何人なのか、ホームページで見られるようにしてほしい。"),
    ([1], None, "resident", "豊平区", "年度末や月曜日は特に混んでいるので、混雑予想を出してはどうでしょうか。"),
    ([1, 2], 1, "resident", "南区", "窓口で待つ時間が長いうえに、書類の書き方がわからず何度も書き直しました。待ち時間の表示と記載例の両方をお願いします。"),
    ([2], 1, "resident", "西区", "申請書の記入例が窓口に一つしかなく、順番待ちになっていました。記入例を増やしてください。"),
    ([2], 1, "resident", "厚別区", "外国人の友人が手続きに困っていました。英語や中国語の案内もあるとよいと思います。"),
    ([2], 1, "business", "中央区", "事業所の従業員が外国籍で、区役所の手続きに同行することがあります。外国語の記載例を用意してほしい。"),
    ([2], 1, "student", "北区", "学生で初めて住民票を移しましたが、どの用紙を使えばよいかわかりませんでした。用紙ごとの記入例があれば安心です。"),
    ([3], None, "commuter", "手稲区", "平日は仕事で区役所に行けません。せめて月に一度は土曜日に窓口を開けてほしい。"),
    ([3], None, "resident", "清田区", "共働きなので平日の日中に休みを取るのが大変です。夜7時ごろまで窓口を開けてもらえないでしょうか。"),
    ([3], None, "resident", "東区", "インターネットで手続きできるものを増やしてほしい。窓口に行かずに済むのが一番のサービスだと思います。"),
    ([3, 8], None, "resident", "西区", "計画の方向性には賛成ですが、開庁時間の延長にも触れてほしかったです。"),
    ([4], 2, "resident", "豊平区", "市役所に電話したら3回も担当を回されて、そのたびに同じ説明をしました。最初の人が用件を聞いて正しくつないでほしい。"),
    ([4], 2, "resident", "南区", "電話の応対は、つないだ先の職員に用件を伝えておいてほしい。同じことを何度も話すのは疲れます。"),
    ([4], 2, "business", "中央区", "問い合わせの担当部署がわからないことが多い。代表電話で用件を聞いて、責任をもって回答まで導いてほしい。"),
    ([4], 2, "resident", "北区", "電話口で名乗らない職員がいます。名前と部署を言ってもらえると安心して話せます。"),
    ([4, 6], 2, "resident", "白石区", "電話で問い合わせたときの職員の口調がぶっきらぼうでした。電話応対のマニュアルと研修をしっかりしてほしい。"),
    ([5], 2, "resident", "厚別区", "ホームページの情報が探しにくい。よくある質問を目的別に整理してほしい。"),
    ([5], 2, "student", "中央区", "ごみの分け方や各種証明書の取り方など、よく聞かれることをホームページにまとめてもらえれば電話しなくて済みます。"),
    ([5], 2, "resident", "手稲区", "よくある質問を作るなら、古い情報が残らないように更新もきちんとしてほしい。"),
    ([5, 4], 2, "commuter", "清田区", "電話がつながりにくい時間帯があります。よくある質問が充実すれば、電話も減ってつながりやすくなるのではないでしょうか。"),
    ([6], 3, "resident", "東区", "窓口の職員によって対応に差があります。全員に研修を行ってほしい。"),
    ([6], 3, "resident", "西区", "窓口で山田という職員に大声で怒鳴られました。あのような職員は辞めさせるべきです。接遇の研修を徹底してください。"),
    ([6], 3, "interested", "中央区", "市民団体として市の職員と接する機会が多いですが、窓口以外の部署の職員にも接遇の意識を持ってほしいと感じます。"),
    ([6], 3, "resident", "南区", "研修を受けただけで終わらず、実際に応対が良くなったかを確かめてほしい。"),
    ([7], 3, "resident", "北区", "取組の結果を数字で公表してほしい。満足度がどう変わったのか知りたいです。"),
    ([7], 3, "interested", "中央区", "市民会議が取組を評価する仕組みは良いと思います。評価の結果と市の対応をきちんと公表してください。"),
    ([7], 3, "resident", "豊平区", "計画を作って終わりにならないよう、毎年の進み具合を公表してほしい。"),
    ([7, 1], 3, "business", "白石区", "窓口アンケートの結果を公表し、改善した点を示してほしい。待ち時間の変化も知りたい。"),
    ([8], None, "resident", "厚別区", "身近なサービスから改善する計画に賛成です。ぜひ実行してください。"),
    ([8], None, "resident", "手稲区", "市民の声を聞いて計画をつくる姿勢を評価します。"),
    ([8], None, "taxpayer", "市外", "札幌市に納税している者として、市民サービスの向上に期待しています。"),
    ([8], None, "resident", "清田区", "小さなことからでも、変わったと実感できる改善をお願いします。"),
    ([8, 7], None, "interested", "中央区", "計画に賛成します。市民会議の評価を受けながら、計画を見直していく仕組みにしてほしい。"),
    ([2], 1, "resident", "東区", "高齢の母が申請書を書くのに苦労していました。大きな字の記入例を置いてほしい。"),
    ([4], 2, "resident", "北区", "電話で聞いた説明と窓口での説明が違ったことがあります。職員の間で情報を共有してください。"),
    ([1], 1, "resident", "西区", "窓口の混雑状況を携帯電話で確認できると便利です。"),
    ([6, 8], 3, "resident", "中央区", "職員の意識改革に取り組むことに賛成です。市民の立場で考える職員が増えることを期待します。"),
]
MASKED_INDEX = 24  # the comment naming an employee
CHANNELS = ([Channel.WEB] * 28) + [Channel.POST] * 5 + [Channel.FAX] * 3 + [Channel.COUNTER] * 2 + [Channel.EMAIL] * 2

OPEN = {
    "title": "市民意見を市政に反映する取組方針(案)",
    "summary": ("市役所改革プランの実践段階でも市民の意見を反映し続けるため、意見公募・市民アンケート・"
                "市民会議の評価を組み合わせて市政に生かす方針の案です。"),
    "reason": ("市役所改革プランの策定段階では、市民会議の設置などで市民意見を反映しました。実践段階でも"
               "市民の意見を反映し続けるには、どのような仕組みが必要か、皆さんのご意見を募集します。"),
}
OPEN_SECTIONS = [
    (1, "意見公募の徹底", "市の重要な計画や条例の案は、原則として30日以上の意見公募を行い、意見の概要と市の考え方を公表します。"),
    (2, "市民満足度調査", "市民満足度調査を毎年行い、結果を改革プランの評価に生かします。"),
    (3, "市民会議による評価", "市役所改革市民会議が取組を評価し、市はその提言への対応を公表します。"),
]
OPEN_COMMENTS = [
    ("resident", "中央区", 1, "意見公募の結果が出るまでに時間がかかりすぎることがあります。公表の時期の目安を示してほしい。"),
    ("resident", "北区", 2, "満足度調査は無作為に選ばれた人だけでなく、誰でも答えられるようにしてほしい。"),
    ("student", "豊平区", None, "若い世代の意見が届きにくいと感じます。大学や高校にも案内してください。"),
]


def load(world):
    organisation = world["organisations"][ORG]
    department = world["departments"][(ORG, DEPARTMENT)]
    coordinator = User.objects.filter(email="coordinator@sapporo.example.jp").first()
    with transaction.atomic():
        load_finished(organisation, department, coordinator)
        load_open(organisation, department)


def _plan(organisation, title):
    from kyodo.plans.models import Plan

    return Plan.objects.filter(organisation=organisation, title=title).first()


def _recommendation(organisation):
    from kyodo.councils.models import Recommendation

    return (Recommendation.objects.filter(report__council__organisation=organisation, response__contains="サービスアップ")
            .order_by("pk").first())


def load_finished(organisation, department, coordinator):
    if Call.objects.filter(organisation=organisation, title=FINISHED["title"]).exists():
        return
    rng = random.Random(17)
    call = Call.objects.create(
        organisation=organisation, department=department, title=FINISHED["title"], summary=FINISHED["summary"],
        reason=FINISHED["reason"], opens_on=FINISHED["opens_on"], closes_on=FINISHED["closes_on"],
        eligible=[c for c in CommenterType.values], name_required=False, publish_comments=True,
        submission_address="〒060-8611 札幌市中央区北1条西2丁目 札幌市 市政推進室\nFAX 011-218-5100",
        plan=_plan(organisation, "サービスアップ行動計画"), recommendation=_recommendation(organisation),
        status=Call.Status.PUBLISHED, announced_at=datetime.datetime(2004, 3, 25, 10, 0, tzinfo=TOKYO),
        results_summary=FINISHED["results_summary"], results_published_at=FINISHED["results_published_at"],
        last_receipt=len(COMMENTS))
    sections = {}
    for number, heading, text, final in SECTIONS:
        sections[number] = Section.objects.create(call=call, number=number, heading=heading, text=text, final_text=final)
    channels = CHANNELS[:]
    rng.shuffle(channels)
    comments = []
    for index, (_items, section, kind, area, text) in enumerate(COMMENTS):
        channel = channels[index]
        day = FINISHED["opens_on"] + datetime.timedelta(days=rng.randrange(30))
        comments.append(Comment(
            call=call, sequence=index + 1, channel=channel, commenter_type=kind, address_area=f"札幌市{area}" if area != "市外" else "",
            name="" if index % 3 == 0 else f"{'札幌北中南東西'[index % 7]}{'一二三四五六七八九'[index % 9]}郎",
            email="" if channel != Channel.WEB or index % 2 else f"commenter{index + 1}@example.jp",
            section=sections.get(section), body=text, consent=True,
            entered_by=coordinator if channel != Channel.WEB else None,
            submitted_at=datetime.datetime.combine(day, datetime.time(9 + rng.randrange(9), rng.randrange(60)), tzinfo=TOKYO)))
    masked = comments[MASKED_INDEX]
    masked.original_body = masked.body
    masked.body = masked.body.replace("山田という職員", "[非公開]")
    masked.mask_reason = Comment.MaskReason.ATTACK
    masked.mask_note = "特定の職員を名指しで非難する部分"
    masked.masked_by = coordinator
    masked.masked_at = datetime.datetime(2004, 5, 10, 15, 0, tzinfo=TOKYO)
    Comment.objects.bulk_create(comments)
    comments = list(call.comments.order_by("sequence"))
    items = {}
    for number, section, summary, response, modified, modification in ITEMS:
        items[number] = OpinionItem.objects.create(
            call=call, number=number, section=sections.get(section), summary=summary, response=response,
            modified=modified, modification=modification)
    through = OpinionItem.comments.through
    through.objects.bulk_create([
        through(opinionitem_id=items[n].pk, comment_id=comments[index].pk)
        for index, (numbers, *_rest) in enumerate(COMMENTS) for n in numbers])
    # The word analysis of the comments, done (the background task's code, run here at once).
    from . import actions

    analysis = CommentAnalysis.objects.create(call=call, total=len(comments), comments_state=actions.comments_state(call))
    actions.run_analysis(analysis.pk)


def load_open(organisation, department):
    if Call.objects.filter(organisation=organisation, title=OPEN["title"]).exists():
        return
    today = timezone.localdate()
    opens = today - datetime.timedelta(days=5)
    call = Call.objects.create(
        organisation=organisation, department=department, title=OPEN["title"], summary=OPEN["summary"],
        reason=OPEN["reason"], opens_on=opens, closes_on=opens + datetime.timedelta(days=29),
        eligible=[CommenterType.RESIDENT, CommenterType.COMMUTER, CommenterType.STUDENT, CommenterType.BUSINESS,
                  CommenterType.INTERESTED],
        name_required=False, publish_comments=True,
        submission_address="〒060-8611 札幌市中央区北1条西2丁目 札幌市 市政推進室\nFAX 011-218-5100",
        plan=_plan(organisation, "市役所改革プラン"), status=Call.Status.ANNOUNCED,
        announced_at=timezone.now() - datetime.timedelta(days=12), last_receipt=len(OPEN_COMMENTS))
    sections = {n: Section.objects.create(call=call, number=n, heading=h, text=t) for n, h, t in OPEN_SECTIONS}
    Comment.objects.bulk_create([
        Comment(call=call, sequence=i + 1, commenter_type=kind, address_area=f"札幌市{area}",
                section=sections.get(section), body=text, consent=True,
                submitted_at=timezone.now() - datetime.timedelta(days=4 - i))
        for i, (kind, area, section, text) in enumerate(OPEN_COMMENTS)])
