"""A small world with published and unpublished content of the four existing modules."""

import datetime

import pytest
from django.utils import timezone

from kyodo.collaboration.models import Initiative, Partner, Project, SurveyCampaign
from kyodo.core.tests.factories import DepartmentFactory, OrganisationFactory
from kyodo.councils.models import Council, Meeting, Recommendation, RecommendationReport
from kyodo.lectures.models import Theme as LectureTheme
from kyodo.plans.models import ActionItem, Plan, ProgressReport, Theme


class World:
    pass


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    w = World()
    now = timezone.now()
    w.org = org = OrganisationFactory(name="協働市", slug="kyodo-city")
    w.other = OrganisationFactory(name="防災町", slug="bousai-town")
    w.dept = dept = DepartmentFactory(organisation=org, name="市民協働推進課")
    # plans: an adopted plan with an item and a published report; a draft plan's item.
    w.plan = Plan.objects.create(organisation=org, title="市役所改革プラン", summary="市民との協働を進める計画",
                                 start_fiscal_year=2025, end_fiscal_year=2028, status="adopted",
                                 adopted_on=datetime.date(2025, 4, 1))
    theme = Theme.objects.create(plan=w.plan, number=1, title="協働の推進")
    w.item = ActionItem.objects.create(plan=w.plan, theme=theme, code="1-1", title="協働推進の仕組みづくり",
                                       description="ＮＰＯと市の協働事業を増やす")
    w.item.departments.add(dept)
    w.report = ProgressReport.objects.create(
        item=w.item, fiscal_year=2025, status="published", published_at=now,
        narrative="防災訓練をＮＰＯと共催した")
    w.draft_report = ProgressReport.objects.create(
        item=w.item, fiscal_year=2026, status="draft", narrative="秘密の下書き 機密草稿")
    w.draft_plan = Plan.objects.create(organisation=org, title="素案の計画", start_fiscal_year=2026,
                                       end_fiscal_year=2027, status="draft")
    draft_theme = Theme.objects.create(plan=w.draft_plan, number=1, title="未公表")
    w.draft_item = ActionItem.objects.create(plan=w.draft_plan, theme=draft_theme, code="1-1",
                                             title="機密草稿の取組", description="協働 防災 ＮＰＯ")
    # councils
    w.council = Council.objects.create(
        organisation=org, name="協働推進市民会議", purpose="防災と協働について審議する", secretariat=dept,
        established_on=datetime.date(2024, 4, 1), term_start=datetime.date(2024, 4, 1),
        term_end=datetime.date(2026, 3, 31))
    w.meeting = Meeting.objects.create(
        council=w.council, number=1, starts_at=now, venue="市役所", agenda="ＮＰＯとの協働について",
        minutes="防災の議論を行った", minutes_approved_on=datetime.date(2025, 5, 1))
    report = RecommendationReport.objects.create(council=w.council, title="提言書",
                                                 submitted_on=datetime.date(2025, 3, 1))
    w.recommendation = Recommendation.objects.create(
        report=report, number=1, title="防災分野でＮＰＯとの協働を", body="地域の協働を広げる")
    # lectures
    w.lecture = LectureTheme.objects.create(
        organisation=org, fiscal_year=2025, number=1, title="わが家の防災", summary="ＮＰＯと協働した講座",
        department=dept, category="safety")
    w.inactive_lecture = LectureTheme.objects.create(
        organisation=org, fiscal_year=2025, number=2, title="機密草稿の講座", summary="協働",
        department=dept, category="safety", active=False)
    # collaboration
    w.partner = Partner.objects.create(
        organisation=org, name="ＮＰＯ法人 防災ネット", partner_type="npo", description="協働で防災に取り組む",
        email="secret-contact@example.jp", phone="011-222-3333", verified_at=now)
    w.unlisted = Partner.objects.create(organisation=org, name="機密草稿の会", partner_type="npo",
                                        description="協働 防災 ＮＰＯ")
    w.project = Project.objects.create(organisation=org, department=dept, fiscal_year=2025,
                                       title="防災協働事業", content="ＮＰＯと協働", published_at=now)
    w.hidden_project = Project.objects.create(organisation=org, department=dept, fiscal_year=2025,
                                              title="機密草稿の事業", content="協働 防災 ＮＰＯ")
    w.campaign = SurveyCampaign.objects.create(organisation=org, fiscal_year=2025, status="published",
                                               deadline=datetime.date(2025, 6, 30), published_at=now)
    w.initiative = Initiative.objects.create(organisation=org, fiscal_year=2025, category="basis",
                                             kind="ordinance", title="協働のまちづくり条例",
                                             description="ＮＰＯと防災")
    return w
