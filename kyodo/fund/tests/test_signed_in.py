"""The grant database for signed-in people: filters and results are shared fragments, so a warm
render reads no grant, and a new grant shows at once to someone who saw the page before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyodo.core.tests.factories import UserFactory
from kyodo.fund.models import Grant

from .conftest import make_grants

pytestmark = pytest.mark.django_db

URL = "/org/hokkaido/fund/grants/?year=2003"


def test_a_warm_grant_list_runs_few_queries_and_a_new_grant_shows_at_once(client, settings, round_2003,
                                                                         general):
    settings.KYODO_PAGE_CACHE_SECONDS = 300
    make_grants(round_2003, general, 12)
    client.force_login(UserFactory(email="jumin@example.jp"))
    assert "事業11" in client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert "事業11" in client.get(URL).content.decode()
    assert len(warm.captured_queries) <= 5, [q["sql"] for q in warm.captured_queries]
    Grant.objects.create(organisation_id=round_2003.fund.organisation_id, fund=round_2003.fund, round=round_2003,
                         category=general, fiscal_year=2003, group_name="石狩の森を育てる会",
                         title="森の学校", field="environment", area="石狩管内", amount=300_000)
    assert "森の学校" in client.get(URL).content.decode()
    assert "森の学校" in client.get(URL, HTTP_HX_REQUEST="true").content.decode()  # the results alone
