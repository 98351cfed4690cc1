"""Issue 17 §6, the way back: a public comment held on a plan's revision or on a council's
recommendation is linked from that revision on the item page and from that recommendation on
the tracking page (kyodo.core.modules.record_links) — the draft while comments are invited, the
results once they are published, nothing while the call is still a draft."""

import datetime

import pytest
from django.urls import reverse

from kyodo.councils.models import Council, Recommendation, RecommendationReport
from kyodo.plans.models import ActionItem, Plan, Revision, Theme
from kyodo.publiccomment.models import Call

from .conftest import make_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision(sapporo):
    plan = Plan.objects.create(organisation=sapporo, title="サービスアップ行動計画", start_fiscal_year=2005,
                               end_fiscal_year=2006, status=Plan.Status.ADOPTED,
                               adopted_on=datetime.date(2004, 12, 1))
    theme = Theme.objects.create(plan=plan, number=1, title="市民サービス")
    item = ActionItem.objects.create(theme=theme, code="1-1", title="窓口サービスの改善")
    return Revision.objects.create(item=item, reason_category=Revision.Reason.values[0], reason="市民意見を受けて")


@pytest.fixture
def recommendation(sapporo, office):
    council = Council.objects.create(
        organisation=sapporo, name="市役所改革市民会議", purpose="市民の意見を反映する", secretariat=office,
        established_on=datetime.date(2003, 11, 1), term_start=datetime.date(2003, 11, 1),
        term_end=datetime.date(2005, 10, 31), quota_public=10, quota_nominated=5)
    report = RecommendationReport.objects.create(council=council, title="第1回提言",
                                                 submitted_on=datetime.date(2004, 2, 1))
    return Recommendation.objects.create(report=report, number=3, title="意見公募を徹底する")


def item_page(client, revision):
    item = revision.item
    return client.get(reverse("plans:item", args=[item.theme.plan.organisation.slug, item.theme.plan_id,
                                                  item.pk])).content.decode()


def tracking_page(client, organisation):
    return client.get(reverse("councils:tracking", args=[organisation.slug])).content.decode()


def test_the_revision_and_the_recommendation_link_to_the_open_call(client, sapporo, office, revision,
                                                                   recommendation):
    call = make_call(sapporo, office, title="窓口改善の方針(案)", plan_revision=revision,
                     recommendation=recommendation)
    call_url = reverse("publiccomment:call", args=[sapporo.slug, call.pk])
    for page in (item_page(client, revision), tracking_page(client, sapporo)):
        assert f'意見公募: <a href="{call_url}">窓口改善の方針(案)</a>' in page


def test_once_published_they_link_to_the_results(client, sapporo, office, revision, recommendation):
    call = make_call(sapporo, office, title="窓口改善の方針(案)", plan_revision=revision,
                     recommendation=recommendation, status=Call.Status.PUBLISHED)
    results_url = reverse("publiccomment:results", args=[sapporo.slug, call.pk])
    for page in (item_page(client, revision), tracking_page(client, sapporo)):
        assert f'意見公募の結果: <a href="{results_url}">窓口改善の方針(案)</a>' in page


def test_a_draft_call_is_not_linked(client, sapporo, office, revision, recommendation):
    make_call(sapporo, office, title="まだ公示していない案", plan_revision=revision,
              recommendation=recommendation, status=Call.Status.DRAFT)
    for page in (item_page(client, revision), tracking_page(client, sapporo)):
        assert "まだ公示していない案" not in page


def test_the_tracking_page_reads_the_links_in_one_query_whatever_their_number(
        client, sapporo, office, recommendation):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext, override_settings

        with override_settings(KYODO_PAGE_CACHE_SECONDS=0), CaptureQueriesContext(connection) as captured:
            tracking_page(client, sapporo)
        return len(captured)

    make_call(sapporo, office, recommendation=recommendation)
    few = count()
    report = recommendation.report
    for number in range(4, 14):
        other = Recommendation.objects.create(report=report, number=number, title=f"提言{number}")
        make_call(sapporo, office, title=f"案{number}", recommendation=other)
    assert count() == few
