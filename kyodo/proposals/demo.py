"""Demo data for 協働事業提案制度: 根室市 (seed 004: 「根室市まちづくり協働事業」の提案募集を
行なっている) with

* 平成17年度 根室市まちづくり協働事業(行政提案型): four themes of four departments, twelve
  proposals, a panel of five reviewers (one recused from one proposal), scores in both stages,
  decisions with reasons and published results; the adopted proposals are 協働事業 of 平成17年度;
* the current 市民提案型 call (50万円コース / 20万円コース), open now, with proposals in it.

The groups, proposals and scores are illustrative. Accounts (password as the foundation's demo):
coordinator@nemuro.example.jp (主管課: 企画政策室), staff@nemuro.example.jp (商工観光課),
reviewer1〜5@nemuro.example.jp (審査委員), partner@nemuro.example.jp (a partner's member).
Safe to load again: calls are keyed by their title.
"""

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from kyodo.collaboration.models import Partner, PartnerMember
from kyodo.core.demo.world import DEMO_PASSWORD
from kyodo.core.models import Department, Role, RoleAssignment, User

from . import actions, queries
from .models import (
    Call, CallKind, Criterion, PanelMember, Phase, Proposal, Recusal, RequiredDocument,
    ReviewSheet, Score, Stage, Theme,
)

TOKYO = ZoneInfo("Asia/Tokyo")
ORG = "根室市"
PAST_TITLE = "平成17年度 根室市まちづくり協働事業(行政提案型)"
OPEN_TITLE = "根室市まちづくり協働事業 市民提案型 提案募集"

DEPARTMENTS = [
    (("市民福祉部",), "bureau"), (("市民福祉部", "社会福祉課"), "division"),
    (("水産経済部",), "bureau"), (("水産経済部", "商工観光課"), "division"),
    (("建設水道部",), "bureau"), (("建設水道部", "都市整備課"), "division"),
    (("教育委員会",), "bureau"), (("教育委員会", "社会教育課"), "division"),
]

USERS = [
    ("coordinator@nemuro.example.jp", "企画 真理", Role.COORDINATOR, ("総務部", "企画政策室")),
    ("staff@nemuro.example.jp", "商工 大輔", Role.DEPARTMENT_STAFF, ("水産経済部", "商工観光課")),
    ("reviewer1@nemuro.example.jp", "審査 一子", Role.REVIEWER, None),
    ("reviewer2@nemuro.example.jp", "審査 二郎", Role.REVIEWER, None),
    ("reviewer3@nemuro.example.jp", "審査 三枝", Role.REVIEWER, None),
    ("reviewer4@nemuro.example.jp", "審査 四郎", Role.REVIEWER, None),
    ("reviewer5@nemuro.example.jp", "審査 五月", Role.REVIEWER, None),
    ("partner@nemuro.example.jp", "花咲 みなと", None, None),
]

PANEL = [  # (user index in USERS, public name, kind, affiliation)
    (2, "審査 一子", "expert", "釧路公立大学"),
    (3, "審査 二郎", "expert", "根室商工会議所"),
    (4, "審査 三枝", "citizen", "公募市民"),
    (5, "審査 四郎", "citizen", "公募市民"),
    (6, "審査 五月", "staff", "総務部長"),
]

PARTNERS = [
    ("NPO法人 ねむろ花咲まちづくり", "ねむろはなさきまちづくり", "npo"),
    ("根室港まつり実行委員会", "ねむろみなとまつりじっこういいんかい", "voluntary"),
    ("納沙布岬を美しくする会", "のさっぷみさきをうつくしくするかい", "volunteer"),
]

CRITERIA = [  # (title, description, weight, stage)
    ("公益性", "市民全体の利益につながり、地域の課題に応えているか", 3, Stage.DOCUMENTS),
    ("協働による効果", "市と団体が協働することで、単独で行うより大きな効果があるか", 3, Stage.DOCUMENTS),
    ("役割分担・対等性", "市と団体の役割と責任の分担が明確で、対等な関係か", 2, Stage.DOCUMENTS),
    ("予算の妥当性", "経費の見積りが適正か", 1, Stage.DOCUMENTS),
    ("実現可能性", "団体に事業を遂行する力があり、計画が具体的か", 2, Stage.PRESENTATION),
    ("先駆性", "新しい視点や手法があるか", 1, Stage.PRESENTATION),
]

THEMES = [  # (title, department, cap)
    ("高齢者の見守りと居場所づくり", ("市民福祉部", "社会福祉課"), 1_500_000),
    ("花咲がにと根室の魅力の発信", ("水産経済部", "商工観光課"), 2_000_000),
    ("まちなかの花と緑の美化", ("建設水道部", "都市整備課"), 800_000),
    ("子どもの体験学習と郷土学習", ("教育委員会", "社会教育課"), 1_000_000),
]

PROPOSALS = [  # (theme index, group, type, members, title, amount, quality 0–1)
    (0, "NPO法人 ねむろ花咲まちづくり", "npo", 24, "まちなかサロン「ひだまり」の運営", 1_200_000, 0.9),
    (0, "花咲町内会", "neighbourhood", 60, "町内会による一人暮らし高齢者の見守り訪問", 600_000, 0.75),
    (0, "根室介護者の会", "voluntary", 8, "介護者同士の語らいの場づくり", 400_000, 0.45),
    (1, "根室港まつり実行委員会", "voluntary", 35, "花咲がに祭りと連動した根室の食の発信", 1_900_000, 0.85),
    (1, "ねむろ観光ボランティアガイドの会", "volunteer", 12, "北方領土を望む観光ガイド養成講座", 900_000, 0.7),
    (1, "根室ふるさと物産研究会", "voluntary", 6, "根室の特産品インターネット販売の試行", 1_800_000, 0.3),
    (2, "納沙布岬を美しくする会", "volunteer", 40, "納沙布岬周辺の清掃と花壇づくり", 700_000, 0.8),
    (2, "根室緑化推進協議会", "voluntary", 15, "駅前通りのフラワーポット事業", 750_000, 0.55),
    (2, "根室市商店街振興組合", "company", 20, "商店街の花いっぱい運動", 500_000, 0.4),
    (3, "根室子ども自然学校", "voluntary", 10, "春国岱の干潟で学ぶ自然体験教室", 850_000, 0.82),
    (3, "根室郷土史を語る会", "voluntary", 9, "根室の歴史を子どもに伝える出前授業", 300_000, 0.6),
    (3, "NPO法人 ねむろ子育て応援団", "npo", 18, "親子で作る郷土かるた", 950_000, 0.35),
]


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=TOKYO)


def _departments(org):
    found = {}
    for path, kind in DEPARTMENTS:
        parent = found.get(path[:-1]) if len(path) > 1 else None
        department, _ = Department.objects.get_or_create(
            organisation=org, parent=parent, name=path[-1],
            defaults={"kind": kind, "sort_order": 100 + len(found) * 10})
        found[path] = department
    planning = Department.objects.get(organisation=org, name="企画政策室")
    found[("総務部", "企画政策室")] = planning
    return found


def _users(org, departments):
    users = []
    for email, name, role, department in USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(user=user, email=email,
                                              defaults={"verified": True, "primary": True})
        if role:
            RoleAssignment.objects.get_or_create(
                user=user, role=role, organisation=org,
                department=departments[department] if department else None,
                defaults={"accepted_at": timezone.now()})
        users.append(user)
    return users


#: The directory's entries were registered and checked (「掲載内容の確認日」), and the member
#: took up the membership, before the 平成17年度 call opened — not on the day the demo is loaded.
REGISTERED = datetime.datetime(2004, 6, 1, 10, tzinfo=TOKYO)
MEMBER_SINCE = datetime.datetime(2004, 10, 1, 10, tzinfo=TOKYO)


def _partners(org, coordinator, member):
    partners = {}
    for name, kana, ptype in PARTNERS:
        partner, _ = Partner.objects.get_or_create(
            organisation=org, name=name,
            defaults={"name_kana": kana, "partner_type": ptype, "area": "根室市",
                      "verified_at": REGISTERED, "created_at": REGISTERED, "verified_by": coordinator,
                      "description": "根室市内で活動する団体です。"})
        partners[name] = partner
    PartnerMember.objects.get_or_create(partner=partners[PARTNERS[0][0]], user=member,
                                        defaults={"accepted_at": MEMBER_SINCE})
    return partners


def _call_parts(call, themes, departments):
    for number, (title, department, cap) in enumerate(themes, start=1):
        Theme.objects.create(call=call, number=number, title=title, budget_cap=cap,
                             department=departments[department] if department else None)
    for number, title in enumerate(["提案書", "収支予算書", "団体の概要"], start=1):
        RequiredDocument.objects.create(call=call, number=number, title=title, required=number < 3)
    for number, (title, description, weight, stage) in enumerate(CRITERIA, start=1):
        Criterion.objects.create(call=call, number=number, title=title, description=description,
                                 weight=weight, stage=stage)


def _panel(call, users):
    members = []
    for order, (index, name, kind, affiliation) in enumerate(PANEL, start=1):
        members.append(PanelMember.objects.create(call=call, user=users[index], name=name, kind=kind,
                                                  affiliation=affiliation, order=order))
    return members


def _past_call(org, departments, users, partners):
    coordinator = users[0]
    call = Call.objects.create(
        organisation=org, fiscal_year=2005, kind=CallKind.ADMINISTRATION, title=PAST_TITLE,
        summary="市が設定したテーマについて、市民活動団体の皆さんから協働事業の企画提案を募集しました。",
        department=departments[("総務部", "企画政策室")],
        eligibility="市内に活動拠点があり、5人以上で構成される団体", min_members=5,
        excluded_purposes=["commercial", "religious", "political", "election", "facility", "public_funded"],
        opens_at=at(2004, 11, 1, 9), closes_at=at(2004, 11, 26, 17), report_due=datetime.date(2006, 4, 30),
        pass_mark=60, criterion_floor=Decimal("2.0"), show_reviewer_names=False,
        stage=Stage.PRESENTATION, status=Call.Status.SCREENING, created_at=at(2004, 10, 15))
    _call_parts(call, THEMES, departments)
    for kind, start, end, when, place in [
            ("recruiting", (2004, 11, 1), (2004, 11, 26), None, ""),
            ("consultation", (2004, 11, 1), (2004, 11, 19), None, "企画政策室"),
            ("submission", (2004, 11, 26), None, None, ""),
            ("documents", (2004, 12, 1), (2005, 2, 10), None, ""),
            ("presentation", (2005, 3, 5), None, at(2005, 3, 5, 13), "根室市総合文化会館"),
            ("selection", (2005, 3, 15), None, None, ""),
            ("agreement", (2005, 4, 1), None, None, ""),
            ("implementation", (2005, 4, 1), (2006, 3, 31), None, ""),
            ("report", (2006, 4, 1), (2006, 4, 30), None, "")]:
        Phase.objects.create(call=call, kind=kind, starts_on=datetime.date(*start),
                             ends_on=datetime.date(*end) if end else None, starts_at=when, place=place)
    members = _panel(call, users)
    criteria = list(call.criteria.all())
    rng = random.Random(15)
    proposals = []
    for index, (theme_index, group, gtype, count, title, amount, quality) in enumerate(PROPOSALS):
        partner = partners.get(group)
        proposal = Proposal.objects.create(
            call=call, theme=call.themes.get(number=theme_index + 1), partner=partner,
            group_name=group, group_type=gtype, member_count=count, contact_name="代表者",
            contact_email=f"proposal{index + 1}@example.org", contact_phone=f"0153-20-{index + 1:04d}",
            title=title, summary=f"{title}を、団体と市が役割を分担して実施します。",
            partner_role="企画・運営、参加者の募集", administration_role="会場の確保、広報、関係機関との調整",
            amount=amount, status=Proposal.Status.SUBMITTED, created_by=coordinator,
            created_at=at(2004, 11, 10), submitted_at=at(2004, 11, 25, 15),
            consultation="事前相談を2回行い、事業の進め方と市の役割について合意しました。",
            consulted_at=at(2004, 12, 10), consulted_by=coordinator)
        proposals.append((proposal, quality))
    # One recusal: the second expert is an officer of the festival committee.
    recused = (members[1], proposals[3][0])
    Recusal.objects.create(member=recused[0], proposal=recused[1],
                           reason="提案団体の役員を務めているため", declared_at=at(2004, 12, 2))
    sheets, scores = [], []
    for proposal, quality in proposals:
        for member in members:
            if (member, proposal) == recused:
                continue
            for stage in (Stage.DOCUMENTS, Stage.PRESENTATION):
                sheet = ReviewSheet(member=member, proposal=proposal, stage=stage,
                                    submitted_at=at(2005, 2, 5) if stage == Stage.DOCUMENTS else at(2005, 3, 5, 17))
                sheets.append(sheet)
    ReviewSheet.objects.bulk_create(sheets)
    for sheet in ReviewSheet.objects.filter(proposal__call=call).select_related("proposal"):
        quality = dict((p.pk, q) for p, q in proposals)[sheet.proposal_id]
        for criterion in criteria:
            if criterion.stage != sheet.stage:
                continue
            value = round(quality * 5 + rng.uniform(-1.2, 1.0))
            scores.append(Score(sheet=sheet, criterion=criterion, value=max(0, min(5, value))))
    Score.objects.bulk_create(scores)
    data = queries.ranking(call)
    adopted_per_theme = {}
    for result in data["results"]:
        proposal = result.proposal
        theme = proposal.theme_id
        adopt = result.passes and adopted_per_theme.get(theme, 0) < 2
        if adopt:
            adopted_per_theme[theme] = adopted_per_theme.get(theme, 0) + 1
            reason = "公益性と協働による効果が高く評価されました。"
        elif result.passes:
            reason = "基準点を上回りましたが、同じテーマでより評価の高い提案がありました。"
        else:
            reason = "審査の基準を満たしませんでした(" + "、".join(result.failures) + ")。"
        actions.decide(coordinator, proposal, adopt=adopt, reason=reason, result=result)
    actions.publish_results(coordinator, call, review_comment=(
        "12件の提案をいただきました。書類審査と公開プレゼンテーションを経て、審査委員会の評点をもとに"
        "採択する提案を選定しました。いずれの提案も地域の課題に真剣に向き合ったものでした。"
        "採択された事業は、担当課と協定を結び平成17年度に実施します。"))
    # Dated as published in 2005 with save(), so the search index and 新着 follow the date.
    call = Call.objects.get(pk=call.pk)
    call.published_at = at(2005, 3, 20)
    call.save(update_fields=["published_at"])
    for proposal in call.proposals.filter(status=Proposal.Status.ADOPTED):
        proposal.agreement_date = datetime.date(2005, 4, 1)
        proposal.report = "計画どおり実施し、延べ参加者は目標を上回りました。" if proposal.pk % 2 else ""
        proposal.reported_at = at(2006, 4, 20) if proposal.report else None
        proposal.save(update_fields=["agreement_date", "report", "reported_at"])
        if proposal.project_id:
            project = proposal.project
            project.published_at = at(2005, 3, 20)
            project.start_date, project.end_date = datetime.date(2005, 4, 1), datetime.date(2006, 3, 31)
            project.save(update_fields=["published_at", "start_date", "end_date"])
    return call


def _open_call(org, departments, users, partners):
    now = timezone.now()
    local = timezone.localdate()
    fiscal_year = local.year if local.month >= 4 else local.year - 1
    call = Call.objects.create(
        organisation=org, fiscal_year=fiscal_year + 1, kind=CallKind.CITIZEN, title=OPEN_TITLE,
        summary="市民活動団体の皆さんが自ら考えたまちづくりの事業を、市と協働で実施する提案を募集します。",
        department=departments[("総務部", "企画政策室")],
        eligibility="市内に活動拠点があり、5人以上で構成される団体(法人格の有無は問いません)",
        min_members=5,
        excluded_purposes=["commercial", "private_benefit", "religious", "political", "election",
                           "facility", "public_funded"],
        opens_at=now - datetime.timedelta(days=20), closes_at=now + datetime.timedelta(days=25),
        report_due=datetime.date(fiscal_year + 2, 4, 30), pass_mark=60,
        criterion_floor=Decimal("2.0"), status=Call.Status.OPEN)
    _call_parts(call, [("50万円コース", None, 500_000), ("20万円コース", None, 200_000)], departments)
    closes = timezone.localtime(call.closes_at).date()
    for kind, start, end, hour, place in [
            ("recruiting", local - datetime.timedelta(days=20), closes, None, ""),
            ("consultation", local - datetime.timedelta(days=20), closes - datetime.timedelta(days=7), None, "企画政策室"),
            ("submission", closes, None, None, ""),
            ("documents", closes + datetime.timedelta(days=3), closes + datetime.timedelta(days=30), None, ""),
            ("presentation", closes + datetime.timedelta(days=45), None, 13, "根室市総合文化会館"),
            ("selection", closes + datetime.timedelta(days=55), None, None, "")]:
        starts_at = (datetime.datetime.combine(start, datetime.time(hour), tzinfo=TOKYO) if hour else None)
        Phase.objects.create(call=call, kind=kind, starts_on=start, ends_on=end, starts_at=starts_at,
                             place=place)
    _panel(call, users)
    member = users[7]
    rows = [
        (1, partners[PARTNERS[0][0]], "NPO法人 ねむろ花咲まちづくり", "npo", 24, "空き店舗を使った多世代交流カフェ", 480_000, Proposal.Status.SUBMITTED),
        (2, None, "根室の海を守る市民の会", "voluntary", 7, "海岸の漂着ごみ調査と清掃", 180_000, Proposal.Status.SUBMITTED),
        (1, partners[PARTNERS[0][0]], "NPO法人 ねむろ花咲まちづくり", "npo", 24, "まちあるきマップの作成", 350_000, Proposal.Status.DRAFT),
    ]
    for index, (course, partner, group, gtype, count, title, amount, status) in enumerate(rows, start=1):
        Proposal.objects.create(
            call=call, theme=call.themes.get(number=course), partner=partner, group_name=group,
            group_type=gtype, member_count=count, contact_name="花咲 みなと",
            contact_email=f"open{index}@example.org", title=title,
            summary=f"{title}に取り組みます。", partner_role="企画・運営", administration_role="広報と会場の調整",
            amount=amount, status=status, created_by=member,
            submitted_at=now - datetime.timedelta(days=3) if status == Proposal.Status.SUBMITTED else None)
    return call


@transaction.atomic
def load(world):
    org = world["organisations"][ORG]
    departments = _departments(org)
    users = _users(org, departments)
    from kyodo.core.rules import forget_roles

    for user in users:
        forget_roles(user)
    partners = _partners(org, users[0], users[7])
    if not Call.objects.filter(organisation=org, title=PAST_TITLE).exists():
        _past_call(org, departments, users, partners)
    if not Call.objects.filter(organisation=org, title=OPEN_TITLE).exists():
        _open_call(org, departments, users, partners)
