"""Demo data for アンケート: 札幌市's 市民満足度調査 on 市役所改革 (seed 000: 「市民は満足しているか
の評価」), two rounds — 平成16年度 and 平成17年度 — sent to sampled residents with single-use codes,
answered on the web and on paper, with published results, the word analysis of the comments,
and links to 「サービスアップ行動計画」 and the council's evaluation; plus one open survey.

The answers are generated deterministically (fixed seeds) from varied templates in natural
Japanese; each age band leans to its own topics (the young to online procedures and SNS, the
old to counters, waiting and buses), so the comparison by attribute has something to show.
The respondents are fictitious; no answer is a real person's.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from .models import Survey, SurveyAnswer, SurveyInvitation, SurveyQuestion, SurveyResponse

ORG = "札幌市"
TOKYO = ZoneInfo("Asia/Tokyo")
WARDS = ["中央区", "北区", "東区", "白石区", "厚別区", "豊平区", "清田区", "南区", "西区", "手稲区"]
#: Share of respondents per age band (a mailed survey: older residents answer more).
AGE_WEIGHTS = {"10s": 2, "20s": 8, "30s": 12, "40s": 16, "50s": 18, "60s": 22, "70s": 22}
K = SurveyQuestion.Kind

QUESTIONS = [  # number, kind, text, options, extra
    (1, K.LIKERT, "市役所改革の取組全体について、どの程度満足していますか", "",
     {"required": True, "headline": True, "low_label": "不満", "high_label": "満足"}),
    (2, K.SINGLE, "この1年間に、区役所や市役所の窓口を利用しましたか", "利用した\n利用していない", {"required": True}),
    (3, K.LIKERT, "窓口の職員の対応に、どの程度満足しましたか", "",
     {"required": True, "show_if": (2, "1"), "low_label": "不満", "high_label": "満足"}),
    (4, K.MATRIX, "次の取組について、それぞれどの程度満足していますか",
     "窓口サービスの改善\n情報公開・広報\n市民が参加する機会\n手続のオンライン化\n地域の防災・安全",
     {"required": True, "low_label": "不満", "high_label": "満足"}),
    (5, K.MULTIPLE, "市政の情報を主にどこから得ていますか(いくつでも)",
     "広報さっぽろ\n市のホームページ\nSNS\n町内会の回覧板\nテレビ・新聞\nその他", {}),
    (6, K.NUMBER, "この1年間に、市の施設(区民センター・図書館など)を利用したおよその回数", "",
     {"min_value": 0, "max_value": 365, "help_text": "0から365までの数字でお答えください"}),
    (7, K.TEXT, "市役所改革について、ご意見・ご要望を自由にお書きください", "", {}),
]

# --- Free text: sentences by topic, and which topics each age band leans to ------------------------

OPENINGS = ["", "", "", "日頃からお世話になっています。", "いつもありがとうございます。", "率直に書きます。",
            "一市民として感じていることです。"]
TOPICS = {
    "counter_good": ["区役所の窓口の対応がとても丁寧で、安心して手続ができました。",
                     "窓口の職員の方が親切に説明してくれて助かりました。",
                     "以前より窓口の案内がわかりやすくなったと感じます。",
                     "番号案内が始まってから窓口の待ち時間が短くなりました。"],
    "counter_bad": ["窓口の待ち時間が長く、仕事を休まないと手続ができません。",
                    "担当の課がわかりにくく、窓口をたらい回しにされました。",
                    "窓口によって説明が違うことがあり、困りました。",
                    "土日や夜にも窓口を開けてほしいです。"],
    "online": ["手続をオンラインでできるようにしてほしいです。",
               "電子申請をもっと増やしてほしい。役所に行かなくても済むようにしてほしい。",
               "ホームページが見にくく、必要な情報を探すのに時間がかかります。",
               "スマートフォンで手続や予約ができると便利だと思います。"],
    "sns": ["市の情報をSNSでも発信してほしいです。", "若い世代にも届くように、SNSで情報を発信してほしい。"],
    "info": ["改革の取組の内容が市民に十分伝わっていないと思います。",
             "広報さっぽろで改革の進み具合を知ることができ、良いと思います。",
             "市の情報公開は進んでいると感じます。", "改革の成果をもっとわかりやすく説明してほしいです。"],
    "participation": ["市民会議のように市民の意見を聞く場を増やしてほしいです。",
                      "市民参加の機会があっても、平日の昼間では参加できません。",
                      "市民と市役所の協働をもっと進めてほしい。",
                      "地域のまちづくりに参加したいが、情報が届きません。"],
    "childcare": ["子育ての手続が多く、窓口に何度も行かなければなりません。",
                  "保育園の申込をもっと簡単にしてほしい。", "子育て世代の意見も聞いてほしいです。"],
    "snow": ["冬の除雪をもっとしっかりしてほしいです。", "除雪の情報を早く知らせてほしい。"],
    "elderly": ["高齢者にもわかりやすい説明をお願いします。", "バスの便が減り、区役所に行くのが大変です。",
                "パソコンが使えない人のことも考えてほしい。", "電話での問い合わせにも丁寧に対応してほしいです。"],
    "cost": ["税金の無駄づかいをなくしてほしいです。", "職員の数や人件費を減らすことも考えてほしい。",
             "改革で市の財政が良くなっているのか知りたいです。"],
    "disaster": ["地域の防災の取組を進めてほしいです。", "災害のときの避難所の情報をもっと知らせてほしい。"],
}
LEANINGS = {
    "10s": ["online", "sns", "participation", "info"],
    "20s": ["online", "sns", "counter_bad", "info", "participation"],
    "30s": ["childcare", "online", "counter_bad", "snow", "sns"],
    "40s": ["childcare", "counter_bad", "online", "cost", "snow", "disaster"],
    "50s": ["cost", "info", "counter_good", "snow", "disaster", "participation"],
    "60s": ["counter_good", "info", "cost", "participation", "snow", "elderly", "disaster"],
    "70s": ["elderly", "counter_good", "counter_bad", "snow", "info", "disaster"],
}
CLOSINGS = ["", "", "", "よろしくお願いします。", "今後に期待しています。", "引き続き改善をお願いします。",
            "改革を続けてください。"]


def comment(rng, age, satisfied):
    topics = LEANINGS[age]
    if satisfied and rng.random() < 0.5:
        topics = topics + ["counter_good", "info"]
    chosen = rng.sample(topics, k=min(len(topics), rng.choice([1, 1, 2, 2, 3])))
    body = "".join(rng.choice(TOPICS[topic]) for topic in chosen)
    return f"{rng.choice(OPENINGS)}{body}{rng.choice(CLOSINGS)}"


def load(world):
    organisation = world["organisations"].get(ORG)
    if organisation is None:
        return
    department = world["departments"].get((ORG, ("市政推進室",)))
    from kyodo.councils.models import EvaluationRound
    from kyodo.plans.models import Plan

    plan = Plan.objects.filter(organisation=organisation, title="サービスアップ行動計画").first()
    evaluation = EvaluationRound.objects.filter(council__organisation=organisation,
                                                title="平成17年度 市役所改革実施状況の評価").first()
    with transaction.atomic():
        earlier = make_round(organisation, department, "平成16年度 市民満足度調査(市役所改革)", 2004,
                             respondents=820, mood=-0.35, seed=2004)
        current = make_round(organisation, department, "平成17年度 市民満足度調査(市役所改革)", 2005,
                             respondents=1620, mood=0.0, seed=2005, previous=earlier, plan=plan,
                             evaluation_round=evaluation)
        make_open_survey(organisation, department)
    from . import actions

    from .models import SurveyAnalysis

    for survey in (earlier, current):
        for question in survey.questions.filter(kind=K.TEXT, analysis__isnull=True):
            analysis = actions.request_analysis(None, question)
            # Outside a transaction the task has already run (immediate backend); otherwise
            # (inside a test's transaction, or with a queue) the demo does not wait for it.
            if not SurveyAnalysis.objects.filter(pk=analysis.pk, status=SurveyAnalysis.Status.DONE).exists():
                actions.run_analysis(analysis.pk)
    return current


def make_questions(survey):
    made = {}
    for number, kind, text, options, extra in QUESTIONS:
        extra = dict(extra)
        show_if = extra.pop("show_if", None)
        question = SurveyQuestion.objects.create(
            survey=survey, number=number, kind=kind, text=text, choices=options,
            show_if_question=made[show_if[0]] if show_if else None, show_if_choices=show_if[1] if show_if else "",
            **extra)
        made[number] = question
    return made


def make_round(organisation, department, title, year, *, respondents, mood, seed, previous=None, plan=None,
               evaluation_round=None):
    survey, created = Survey.objects.get_or_create(organisation=organisation, title=title, defaults={
        "department": department, "method": Survey.Method.INVITATION, "status": Survey.Status.PUBLISHED,
        "opens_on": datetime.date(year, 7, 1), "closes_on": datetime.date(year, 7, 31),
        "areas": "\n".join(WARDS), "ask_gender": True, "previous": previous, "plan": plan,
        "evaluation_round": evaluation_round,
        "description": (f"市役所改革の取組に対する市民の皆さんの満足度を把握し、改革の進め方に生かすため、"
                        f"住民基本台帳から無作為に選んだ18歳以上の市民{respondents * 2:,}人に調査票を"
                        "お送りしました。同封の回答用コードでウェブから、または調査票の郵送で回答できます。"),
        "published_at": datetime.datetime(year, 9, 15, 10, tzinfo=TOKYO),
    })
    if not created:
        return survey
    questions = make_questions(survey)
    rng = random.Random(seed)
    codes = [SurveyInvitation(survey=survey, code=f"{_code_tail(rng)}-{_code_tail(rng)}")
             for _n in range(respondents * 2)]
    codes = _unique(codes)
    SurveyInvitation.objects.bulk_create(codes, batch_size=2000)
    ages, weights = list(AGE_WEIGHTS), list(AGE_WEIGHTS.values())
    start = datetime.datetime(year, 7, 1, 9, tzinfo=TOKYO)
    responses = []
    for n in range(respondents):
        age = rng.choices(ages, weights)[0]
        web = rng.random() < (0.6 if age in ("10s", "20s", "30s", "40s") else 0.3)
        responses.append(SurveyResponse(
            survey=survey, age_band=age, area=rng.choice(WARDS),
            gender=rng.choice(["female", "female", "male", "male", "none", ""]),
            relation=rng.choices(["resident", "commuter", "business", "group"], [90, 5, 3, 2])[0],
            channel="web" if web else "paper",
            invitation=codes[n] if web else None,
            submitted_at=start + datetime.timedelta(minutes=rng.randint(0, 30 * 24 * 60))))
    SurveyInvitation.objects.filter(pk__in=[r.invitation.pk for r in responses if r.invitation]).update(
        used_at=start + datetime.timedelta(days=10))
    # The invitation object must have its pk before the response refers to it.
    responses = SurveyResponse.objects.bulk_create(responses, batch_size=2000)
    answers = []
    for response in responses:
        age = response.age_band
        lean = mood + (0.25 if age in ("60s", "70s") else -0.15 if age in ("20s", "30s") else 0)
        overall = _likert(rng, 3.1 + lean)
        answers.append(SurveyAnswer(response=response, question=questions[1], value=overall))
        used = 1 if rng.random() < 0.55 else 2
        answers.append(SurveyAnswer(response=response, question=questions[2], value=used))
        if used == 1:
            answers.append(SurveyAnswer(response=response, question=questions[3], value=_likert(rng, 3.3 + lean)))
        for row, centre in enumerate((3.2, 3.0, 2.7, 2.4 if age in ("20s", "30s", "40s") else 2.9, 3.1), start=1):
            answers.append(SurveyAnswer(response=response, question=questions[4], row=row,
                                        value=_likert(rng, centre + lean)))
        sources = {1} if rng.random() < (0.4 if age in ("10s", "20s") else 0.8) else set()
        for choice, share in ((2, 0.6 if age in ("10s", "20s", "30s", "40s") else 0.25),
                              (3, 0.5 if age in ("10s", "20s", "30s") else 0.08), (4, 0.45 if age in ("60s", "70s") else 0.15),
                              (5, 0.3), (6, 0.03)):
            if rng.random() < share:
                sources.add(choice)
        answers += [SurveyAnswer(response=response, question=questions[5], value=v) for v in sorted(sources)]
        if rng.random() < 0.85:
            answers.append(SurveyAnswer(response=response, question=questions[6],
                                        value=min(365, int(rng.expovariate(1 / 9)))))
        if rng.random() < 0.62:
            answers.append(SurveyAnswer(response=response, question=questions[7],
                                        text=comment(rng, age, overall >= 4)))
    SurveyAnswer.objects.bulk_create(answers, batch_size=5000)
    survey.results_summary = _summary(survey, respondents)
    survey.save(update_fields=["results_summary"])
    return survey


def _summary(survey, respondents):
    from . import queries

    overall = next(b for b in queries.results(survey)["blocks"] if b["question"].number == 1)
    return (f"{respondents:,}人から回答をいただきました(回収率 約50%)。市役所改革の取組全体に「満足」"
            f"「やや満足」と答えた方は{overall['satisfied']}%でした。手続のオンライン化と市民が参加する機会"
            "への満足度が低く、若い世代ほどその傾向が見られます。自由記述では窓口の待ち時間、オンライン化、"
            "除雪、情報の伝え方についてのご意見が多く寄せられました。")


def _likert(rng, centre):
    return max(1, min(5, round(rng.gauss(centre, 1.0))))


def _code_tail(rng):
    return "".join(rng.choice(SurveyInvitation.ALPHABET) for _i in range(4))


def _unique(codes):
    existing = set(SurveyInvitation.objects.filter(code__in=[c.code for c in codes]).values_list("code", flat=True))
    seen, kept = set(existing), []
    for code in codes:
        if code.code not in seen:
            seen.add(code.code)
            kept.append(code)
    return kept


def make_open_survey(organisation, department):
    """One open survey accepting answers now (for the portal's いま参加できること)."""
    today = timezone.localdate()
    survey, created = Survey.objects.get_or_create(
        organisation=organisation, title="区役所の窓口サービスについてのアンケート", defaults={
            "department": department, "method": Survey.Method.OPEN, "status": Survey.Status.OPEN,
            "opens_on": today - datetime.timedelta(days=7), "closes_on": today + datetime.timedelta(days=45),
            "areas": "\n".join(WARDS),
            "description": "区役所の窓口を利用された方に、待ち時間や案内のわかりやすさについてお聞きします。"
                           "回答は5分ほどで終わります。お名前や連絡先はお聞きしません。"})
    if created:
        SurveyQuestion.objects.create(survey=survey, number=1, kind=K.LIKERT, required=True, headline=True,
                                      text="窓口の対応に、どの程度満足しましたか")
        used = SurveyQuestion.objects.create(survey=survey, number=2, kind=K.SINGLE, required=True,
                                             text="待ち時間はどのくらいでしたか",
                                             choices="10分未満\n10分から30分\n30分以上")
        SurveyQuestion.objects.create(survey=survey, number=3, kind=K.TEXT, show_if_question=used,
                                      show_if_choices="3", text="待ち時間について、改善してほしいことをお書きください")
        SurveyQuestion.objects.create(survey=survey, number=4, kind=K.TEXT, text="その他、ご意見をお書きください")
    return survey
