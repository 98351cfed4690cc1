"""What アンケート declares to the site-wide pages and to plans and councils: only public data,
only the user's own answers, a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import modules
from kyodo.core.tests.factories import UserFactory
from kyodo.plans.models import Plan
from kyodo.surveys import providers
from kyodo.surveys.models import Survey, SurveyResponse

from .conftest import fill, make_survey

pytestmark = pytest.mark.django_db


def test_open_public_surveys_are_opportunities_not_sampled_or_closed_ones(sapporo, office, survey):
    sampled = make_survey(sapporo, office, title="抽出調査", method=Survey.Method.INVITATION)
    closed = make_survey(sapporo, office, title="締切済", status=Survey.Status.CLOSED)
    titles = [o.title for o in providers.opportunities([sapporo.pk], timezone.now())]
    assert titles == [survey.title]
    assert sampled.title not in titles and closed.title not in titles
    assert list(providers.opportunities([sapporo.pk + 1000], timezone.now())) == []


def test_search_datasets_and_bench_see_published_surveys_only(survey, sapporo, django_assert_max_num_queries):
    assert list(providers.search_documents(None)) == []
    assert providers.bench_targets() == []
    survey.status = Survey.Status.PUBLISHED
    survey.published_at = timezone.now()
    survey.save()
    with django_assert_max_num_queries(1):
        documents = list(providers.search_documents(None))
    assert [d.key for d in documents] == [f"surveys.survey:{survey.pk}"]
    assert providers.dataset_rows([sapporo.pk]) == {sapporo.pk: 1}
    assert [name for name, _title, _path in providers.bench_targets()] == [
        "surveys.results", "surveys.crosstab", "surveys.api_results"]


def test_my_items_are_the_users_own_answers(survey):
    user, other = UserFactory(), UserFactory()
    SurveyResponse.objects.create(survey=survey, user=user)
    SurveyResponse.objects.create(survey=survey, user=other)
    items = list(providers.my_items(user))
    assert [(i.title, i.status) for i in items] == [(survey.title, "回答済み")]


def test_the_plan_dashboard_shows_the_linked_satisfaction_survey(client, sapporo, office,
                                                                 django_assert_max_num_queries):
    plan = Plan.objects.create(organisation=sapporo, title="サービスアップ行動計画", start_fiscal_year=2004,
                               end_fiscal_year=2005, status=Plan.Status.ADOPTED,
                               adopted_on=datetime.date(2004, 6, 1))
    survey = make_survey(sapporo, office, plan=plan)
    fill(survey, 40)
    page = client.get(f"/org/sapporo/plans/{plan.pk}/").content.decode()
    assert "市民満足度調査" not in page  # not published yet
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    with django_assert_max_num_queries(4):  # surveys, their headline questions, counts, bases
        panels = modules.plan_panels(plan)
    assert [p.title for p in panels] == [survey.title]
    assert dict(panels[0].figures)["回答者"] == "n=40"
    page = client.get(f"/org/sapporo/plans/{plan.pk}/").content.decode()
    assert "市民の満足度(アンケート結果)" in page and "満足(4・5)の割合" in page


def test_council_members_see_the_linked_survey_beside_the_satisfaction_criterion(client, sapporo, office,
                                                                                 coordinator):
    """Issue 17 §6: a satisfaction survey attached to an evaluation round shows its headline
    result on the members' evaluation sheet, next to 「市民の満足度」 — once published."""
    from kyodo.councils import actions as council_actions
    from kyodo.councils.models import DEFAULT_CRITERIA, Council
    from kyodo.councils.tests.conftest import make_member
    from kyodo.plans.models import ActionItem, Theme

    plan = Plan.objects.create(organisation=sapporo, title="市役所改革プラン", start_fiscal_year=2005,
                               end_fiscal_year=2006, status=Plan.Status.ADOPTED, adopted_on=datetime.date(2004, 12, 1))
    theme = Theme.objects.create(plan=plan, number=1, title="市民の声を生かす")
    item = ActionItem.objects.create(theme=theme, code="1-1", title="市民満足度調査の実施")
    item.departments.set([office])
    council = Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="市民の意見を反映する", secretariat=office,
        established_on=datetime.date(2003, 11, 1), term_start=datetime.date(2003, 11, 1),
        term_end=timezone.localdate() + datetime.timedelta(days=365), quota_public=10, quota_nominated=5, plan=plan)
    evaluation = council_actions.open_round(coordinator, council, title="実施状況の評価", fiscal_year=2005,
                                            items=[item], criteria=[str(c) for c in DEFAULT_CRITERIA])
    member = make_member(council, "会議 一郎", "ichiro@example.jp")
    survey = make_survey(sapporo, office, title="平成17年度 市民満足度調査", evaluation_round=evaluation)
    fill(survey, 40)
    client.force_login(member.user)
    url = f"/org/sapporo/councils/workspace/evaluations/{evaluation.pk}/"
    page = client.get(url).content.decode()
    assert "市民の満足度" in page and "平成17年度 市民満足度調査" not in page  # not published yet
    survey.status = Survey.Status.PUBLISHED
    survey.save()
    page = client.get(url).content.decode()
    assert "市民満足度調査の結果" in page and "平成17年度 市民満足度調査" in page and "n=40" in page
