"""Scale data for 協働 (``manage.py generate_scale``; see ``kyodo/core/scale.py``).

Every generated municipality has a directory of partners, a survey (年度別協働取組実態調査)
each fiscal year with every department's answer, and the year's collaboration projects — most
continued from the year before (前年度の事業), some new, with their forms, fields (from the
list of 活動分野 in force that year), partners and budgets. Past years' surveys are published
with their report frozen exactly as publishing freezes it (``report.compute``); the current
year's survey is open. A few projects in every year are evaluated from both sides; their
ratings (with the councils' ratings) make the scale's rating count.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from kyodo.core.db import analyze
from kyodo.core.scale import PLACE_HEADS, audit_sample, jst, person

from . import report as survey_report
from .demo import CRITERIA, SCALE
from .models import (
    Evaluation, EvaluationCriterion, EvaluationSheet, EvaluationTemplate, Initiative, Partner,
    PartnerField, PartnerMember, ProfileSubmission, Project, ProjectField, ProjectForm,
    ProjectPartner, SheetRating, Side, Stage, SurveyCampaign, SurveyResponse,
)
from .vocabularies import (
    EVALUATED_FORMS, ActivityField, CollaborationForm, PartnerType, field_list_for_fiscal_year,
)

TOPICS = [
    # (topic of a project or a partner, activity field)
    ("子育てサロン", "children"), ("放課後の子どもの居場所", "children"), ("子ども食堂", "children"),
    ("青少年の体験活動", "children"), ("高齢者の見守り", "health"), ("介護予防教室", "health"),
    ("認知症サポーター養成", "health"), ("障がい者の就労支援", "employment"), ("健康ウォーキング", "health"),
    ("森づくり", "environment"), ("川の清掃", "environment"), ("環境学習", "environment"),
    ("ごみ減量・リサイクル", "environment"), ("花いっぱい運動", "community"), ("商店街のにぎわい", "economy"),
    ("空き店舗の活用", "economy"), ("まちなか交流拠点", "community"), ("地域の防災訓練", "disaster"),
    ("避難所運営", "disaster"), ("通学路の見守り", "safety"), ("防犯パトロール", "safety"),
    ("消費者被害の防止", "consumer"), ("多文化共生", "international"), ("国際交流", "international"),
    ("男女共同参画セミナー", "gender"), ("人権啓発", "human_rights"), ("生涯学習講座", "social_education"),
    ("郷土芸能の継承", "culture"), ("地域スポーツクラブ", "culture"), ("図書館ボランティア", "social_education"),
    ("パソコン・スマホ教室", "information"), ("子ども科学教室", "science"), ("若者の就労体験", "employment"),
    ("市民活動センター運営", "support"), ("ボランティア養成", "support"), ("観光ガイド育成", "tourism"),
    ("農業体験", "rural"), ("移住・定住促進", "rural"), ("地産地消の推進", "economy"), ("公園の管理", "community"),
]
PROJECT_SUFFIXES = ["事業", "推進事業", "支援事業", "講座", "フォーラム", "モデル事業", "ネットワーク事業",
                    "協働事業", "実行委員会"]
PARTNER_FORMS = [  # (partner type, weight, how the name is written)
    (PartnerType.NPO, 40, "NPO法人 {place}{topic}ネット"), (PartnerType.VOLUNTARY, 20, "{place}{topic}の会"),
    (PartnerType.VOLUNTEER, 12, "{topic}ボランティア{place}"), (PartnerType.NEIGHBOURHOOD, 12, "{place}町内会連合会"),
    (PartnerType.COMPANY, 8, "株式会社{place}{topic}"), (PartnerType.UNIVERSITY, 4, "{place}大学 地域連携センター"),
    (PartnerType.OTHER, 4, "{place}社会福祉協議会"),
]
FORM_WEIGHTS = {
    CollaborationForm.COMMISSION: 25, CollaborationForm.SUBSIDY: 15, CollaborationForm.CO_HOSTING: 15,
    CollaborationForm.COMMITTEE: 10, CollaborationForm.COOPERATION: 15, CollaborationForm.ENDORSEMENT: 8,
    CollaborationForm.INFORMATION: 7, CollaborationForm.POLICY: 3, CollaborationForm.OTHER: 2,
}
ROLES = ["企画・運営", "講師・指導", "参加者の募集", "会場の運営", "情報提供", "事業の実施", "協力"]
INITIATIVES = [
    (Initiative.Category.BASIS, Initiative.Kind.ORDINANCE, "まちづくり基本条例の施行"),
    (Initiative.Category.BASIS, Initiative.Kind.GUIDELINE, "協働推進指針の策定"),
    (Initiative.Category.MECHANISM, Initiative.Kind.SYSTEM, "協働事業提案制度の創設"),
    (Initiative.Category.MECHANISM, Initiative.Kind.ORGANISATION, "市民活動支援センターの開設"),
    (Initiative.Category.MECHANISM, Initiative.Kind.MEETING, "協働推進市民会議の設置"),
    (Initiative.Category.EVALUATION, Initiative.Kind.SYSTEM, "協働事業評価制度の導入"),
    (Initiative.Category.STAFF, Initiative.Kind.TRAINING, "職員協働研修の実施"),
    (Initiative.Category.MECHANISM, Initiative.Kind.SYSTEM, "市民活動補助金制度"),
]


def generate(ctx):
    t = {
        "partner": ctx.table(Partner, [
            "organisation_id", "name", "name_kana", "partner_type", "area", "description",
            "founded_year", "contact_name", "email", "email_public", "phone", "verified_at",
            "created_at"]),
        "partner_field": ctx.table(PartnerField, ["partner_id", "field"]),
        "template": ctx.table(EvaluationTemplate, ["organisation_id", "name", "scale"]),
        "criterion": ctx.table(EvaluationCriterion, ["template_id", "stage", "number", "title",
                                                     "question"]),
        "campaign": ctx.table(SurveyCampaign, [
            "organisation_id", "fiscal_year", "instructions", "status", "deadline", "opened_at",
            "closed_at", "published_at"]),
        "response": ctx.table(SurveyResponse, ["campaign_id", "department_id", "status",
                                               "submitted_at", "submitted_by_id"], batch=10_000),
        "project": ctx.table(Project, [
            "organisation_id", "campaign_id", "department_id", "fiscal_year", "title", "purpose",
            "content", "results", "budget", "start_date", "end_date", "continued_from_id",
            "published_at", "created_at"], batch=10_000),
        "form": ctx.table(ProjectForm, ["project_id", "form"], batch=20_000),
        "field": ctx.table(ProjectField, ["project_id", "field"], batch=20_000),
        "project_partner": ctx.table(ProjectPartner, ["project_id", "partner_id", "name",
                                                      "partner_type", "role"], batch=20_000),
        "evaluation": ctx.table(Evaluation, [
            "project_id", "template_id", "stage", "partner_id", "status", "joint_comment", "score",
            "created_at", "revealed_at", "published_at"]),
        "sheet": ctx.table(EvaluationSheet, ["evaluation_id", "side", "overall_comment",
                                             "submitted_at", "submitted_by_id"]),
        "rating": ctx.table(SheetRating, ["sheet_id", "criterion_id", "score", "comment"],
                            batch=20_000),
        "initiative": ctx.table(Initiative, [
            "organisation_id", "fiscal_year", "category", "kind", "title", "description",
            "department_name", "continuing", "sort_order"]),
    }
    per_year = ctx.scale.per_org_year(ctx.scale.rows)
    # Each evaluation has 7 criteria × 2 sides; half the ratings target is ours.
    evaluation_rate = ctx.scale.rows / 2 / 14 / ctx.scale.rows
    published = []
    for org in ctx.organisations:
        rng = ctx.rng("collaboration", org.pk)
        partners = _partners(ctx, t, rng, org, max(12, per_year // 3))
        template, criteria = _template(t, org)
        running = {}  # department → {title: project pk of the year before}
        for year in ctx.years:
            campaign, is_published, published_at = _campaign(ctx, t, rng, org, year)
            if is_published:
                published.append((campaign, year))
            count = round(per_year * rng.uniform(0.85, 1.15))
            if year == ctx.last_year:
                count = count // 2  # the current year's answers are still coming in
            by_department = _share(rng, org, count)
            for department_pk, _name in org.departments:
                n = by_department.get(department_pk, 0)
                before = running.get(department_pk, {})
                titles = {}
                for title, previous in before.items():
                    if len(titles) < n and rng.random() < 0.75:
                        titles[title] = previous
                while len(titles) < n:
                    topic, _field = rng.choice(TOPICS)
                    title = f"{topic}{rng.choice(PROJECT_SUFFIXES)}"
                    titles.setdefault(title, None)
                now_running = {}
                for title, previous in titles.items():
                    now_running[title] = _project(
                        ctx, t, rng, org, campaign, department_pk, year, title, previous,
                        published_at, partners, template, criteria, evaluation_rate)
                running[department_pk] = now_running
                _response(ctx, t, rng, org, campaign, department_pk, year, n)
        for order, (category, kind, title) in enumerate(rng.sample(INITIATIVES, rng.randint(3, 6))):
            year = rng.choice(ctx.years)
            t["initiative"].add(org.pk, year, category, kind, title,
                                f"{org.name}の{title}。", "市民協働推進課", rng.random() < 0.6, order)
    ctx.flush()  # the reports below read the rows just written
    analyze(Project, ProjectForm, ProjectField, ProjectPartner, SurveyResponse)
    for campaign_pk, year in published:
        campaign = SurveyCampaign(pk=campaign_pk, fiscal_year=year)
        SurveyCampaign.objects.filter(pk=campaign_pk).update(report=survey_report.compute(campaign))


def _partners(ctx, t, rng, org, count):
    partners = []
    names = set()
    while len(partners) < count:
        ptype, _w, pattern = rng.choices(PARTNER_FORMS, weights=[p[1] for p in PARTNER_FORMS])[0]
        place, kana = rng.choice(PLACE_HEADS)
        topic, field = rng.choice(TOPICS)
        name = pattern.format(place=place, topic=topic)
        if name in names:
            continue
        names.add(name)
        founded = rng.randint(1990, ctx.last_year - 1)
        verified = rng.random() < 0.85
        pk = t["partner"].add(
            org.pk, name, kana, ptype, org.name, f"{topic}を中心に、{org.name}で活動しています。",
            founded, person(rng), f"info{len(partners) + 1}@{org.slug}-partners.example.org",
            rng.random() < 0.5, "",
            jst(max(founded, ctx.first_year), 6, 1) if verified else None, jst(max(founded, ctx.first_year), 5, 1))
        fields = {field} | {rng.choice(TOPICS)[1] for _ in range(rng.randint(0, 2))}
        for f in sorted(fields):
            t["partner_field"].add(pk, f)
        partners.append((pk, name, ptype, field))
    return partners


def _template(t, org):
    template = t["template"].add(org.pk, "協働事業評価シート", SCALE)
    criteria = {}
    for stage, items in CRITERIA.items():
        for number, (title, question) in enumerate(items, start=1):
            criteria.setdefault(stage, []).append(
                t["criterion"].add(template, stage, number, title, question))
    return template, criteria


def _campaign(ctx, t, rng, org, year):
    if year == ctx.last_year:
        pk = t["campaign"].add(org.pk, year, "貴部署で実施した協働事業を登録してください。",
                               SurveyCampaign.Status.OPEN, datetime.date(year + 1, 5, 31),
                               ctx.now - datetime.timedelta(days=20), None, None)
        return pk, False, None
    published_at = jst(year + 1, 7, rng.randint(1, 25))
    pk = t["campaign"].add(org.pk, year, "貴部署で実施した協働事業を登録してください。",
                           SurveyCampaign.Status.PUBLISHED, datetime.date(year + 1, 5, 31),
                           jst(year + 1, 4, 20), jst(year + 1, 6, 1), published_at)
    return pk, True, published_at


def _share(rng, org, count):
    """Projects per department: the departments that work with residents have more."""
    weights = [4 if name in ("市民協働推進課", "市民活動支援課", "子育て支援課", "高齢者支援課",
                             "環境政策課", "生涯学習課", "観光振興課") else 1
               for _pk, name in org.departments]
    chosen = rng.choices([pk for pk, _name in org.departments], weights=weights, k=count)
    result = {}
    for pk in chosen:
        result[pk] = result.get(pk, 0) + 1
    return result


def _response(ctx, t, rng, org, campaign, department_pk, year, n):
    if year == ctx.last_year:
        status = rng.choice([SurveyResponse.Status.NOT_STARTED, SurveyResponse.Status.IN_PROGRESS,
                             SurveyResponse.Status.SUBMITTED]) if n else SurveyResponse.Status.NOT_STARTED
        if n and status == SurveyResponse.Status.NOT_STARTED:
            status = SurveyResponse.Status.IN_PROGRESS
    else:
        status = SurveyResponse.Status.SUBMITTED if n else SurveyResponse.Status.NONE
    submitted = status in (SurveyResponse.Status.SUBMITTED, SurveyResponse.Status.NONE)
    when = (ctx.now - datetime.timedelta(days=rng.randint(1, 15)) if year == ctx.last_year
            else jst(year + 1, 5, rng.randint(1, 28)))
    t["response"].add(campaign, department_pk, status, when if submitted else None,
                      rng.choice(org.staff).pk if submitted else None)


def _project(ctx, t, rng, org, campaign, department_pk, year, title, previous, published_at,
             partners, template, criteria, evaluation_rate):
    fields_in_force = {k.value for k in field_list_for_fiscal_year(year).keys}
    forms = set(rng.choices(list(FORM_WEIGHTS), weights=list(FORM_WEIGHTS.values()),
                            k=rng.choice((1, 1, 2))))
    topic_field = next((f for topic, f in TOPICS if title.startswith(topic)), "community")
    fields = {topic_field if topic_field in fields_in_force else ActivityField.COMMUNITY.value}
    if rng.random() < 0.3:
        extra = rng.choice(TOPICS)[1]
        if extra in fields_in_force:
            fields.add(extra)
    chosen = rng.sample(partners, rng.choice((1, 1, 1, 2)))
    budget = rng.choice((None, rng.randrange(1, 200) * 100_000, rng.randrange(1, 50) * 10_000))
    created = jst(year, rng.choice((4, 5, 6)), rng.randint(1, 28))
    pk = t["project"].add(
        org.pk, campaign, department_pk, year, title,
        f"{title}を、{chosen[0][1]}との協働により効果的に進める。",
        "企画段階から協議し、役割を分担して実施した。",
        f"延べ{rng.randint(3, 80) * 10}人が参加した。" if published_at else "",
        budget, created.date(), datetime.date(year + 1, 3, 31), previous, published_at, created)
    for form in sorted(forms):
        t["form"].add(pk, form)
    for field in sorted(fields):
        t["field"].add(pk, field)
    evaluated = False  # one evaluation (事後) per project at most
    for partner_pk, name, ptype, _field in chosen:
        in_directory = rng.random() < 0.8
        t["project_partner"].add(pk, partner_pk if in_directory else None, name, ptype,
                                 rng.choice(ROLES))
        if (in_directory and not evaluated and forms & EVALUATED_FORMS
                and rng.random() < evaluation_rate * 1.45):
            _evaluation(ctx, t, rng, org, pk, year, partner_pk, template, criteria)
            evaluated = True
    if audit_sample(ctx, rng):
        ctx.log(org, Project, pk, title, created, changes={"title": ["None", title],
                                                           "fiscal_year": ["None", str(year)]},
                actor=org.staff[0])
    return pk


def _evaluation(ctx, t, rng, org, project_pk, year, partner_pk, template, criteria):
    if ctx.last_year - year >= 2:
        status = Evaluation.Status.PUBLISHED
    elif year < ctx.last_year:
        status = rng.choice([Evaluation.Status.PUBLISHED, Evaluation.Status.REVEALED])
    else:
        status = Evaluation.Status.OPEN
    lean = rng.choice((3, 4, 4, 5))
    scores = {side: [max(1, min(5, lean + rng.choice((-1, 0, 0, 1)))) for _ in criteria[Stage.AFTER]]
              for side in Side.values}
    submitted = jst(year + 1, 5, rng.randint(1, 28)) if status != Evaluation.Status.OPEN else None
    score = None
    if status != Evaluation.Status.OPEN:
        all_scores = scores[Side.ADMINISTRATION] + scores[Side.PARTNER]
        score = (Decimal(sum(all_scores)) * 100 / (len(all_scores) * 5)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)
    evaluation = t["evaluation"].add(
        project_pk, template, Stage.AFTER, partner_pk, status,
        "双方の評価はおおむね一致した。役割分担を見直し、来年度も協働で実施する。"
        if status == Evaluation.Status.PUBLISHED else "", score, jst(year + 1, 4, 15), submitted,
        jst(year + 1, 7, 20) if status == Evaluation.Status.PUBLISHED else None)
    for side in Side.values:
        filled = status != Evaluation.Status.OPEN or side == Side.ADMINISTRATION
        sheet = t["sheet"].add(evaluation, side,
                               "協働により、単独では届かなかった層に事業を届けられた。" if filled else "",
                               submitted, org.staff[0].pk if submitted and side == Side.ADMINISTRATION else None)
        if filled:
            for criterion, value in zip(criteria[Stage.AFTER], scores[side]):
                t["rating"].add(sheet, criterion, value,
                                "目標を上回る参加があった。" if value >= 5 else "課題が残った。" if value <= 2 else "")


def purge(organisations):
    using = organisations.db
    ids = organisations.values("pk")
    projects = Project.objects.filter(organisation__in=ids).values("pk")
    evaluations = Evaluation.objects.filter(project__in=projects).values("pk")
    partners = Partner.objects.filter(organisation__in=ids).values("pk")
    for model, lookup in [
        (SheetRating, {"sheet__evaluation__in": evaluations}),
        (EvaluationSheet, {"evaluation__in": evaluations}),
        (Evaluation, {"project__in": projects}),
        (EvaluationCriterion, {"template__organisation__in": ids}),
        (EvaluationTemplate, {"organisation__in": ids}),
        (ProjectPartner, {"project__in": projects}),
        (ProjectField, {"project__in": projects}),
        (ProjectForm, {"project__in": projects}),
        (Project, {"organisation__in": ids}),
        (SurveyResponse, {"campaign__organisation__in": ids}),
        (SurveyCampaign, {"organisation__in": ids}),
        (PartnerField, {"partner__in": partners}),
        (PartnerMember, {"partner__in": partners}),
        (ProfileSubmission, {"partner__in": partners}),
        (Partner, {"organisation__in": ids}),
        (Initiative, {"organisation__in": ids}),
    ]:
        model.objects.filter(**lookup)._raw_delete(using)
