"""The results page for signed-in people: the published results are a shared fragment, so a
warm render reads none of the scores, and a change shows at once to someone who saw it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .test_pages import published_call

pytestmark = pytest.mark.django_db


def test_a_warm_results_page_runs_few_queries_and_a_change_shows_at_once(client, settings, call, coordinator,
                                                                         reviewers, citizen):
    settings.KYODO_PAGE_CACHE_SECONDS = 300
    published_call(call, coordinator, reviewers, 12)
    client.force_login(citizen)
    url = f"/org/nemuro/proposals/calls/{call.pk}/results/"
    assert client.get(url).content.decode().count("<article") == 12
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).content.decode().count("<article") == 12
    assert len(warm.captured_queries) <= 6, [q["sql"] for q in warm.captured_queries]
    call.review_comment = "地域の担い手が育つ提案を高く評価しました。"
    call.save()
    assert "地域の担い手が育つ提案を高く評価しました。" in client.get(url).content.decode()


def test_the_workspace_link_stays_with_staff_whoever_warmed_the_index(client, settings, call, coordinator,
                                                                      citizen):
    settings.KYODO_PAGE_CACHE_SECONDS = 300
    link = "提案募集の作業画面へ"
    for user, sees in ((coordinator, True), (citizen, False), (None, False), (coordinator, True)):
        client.logout()
        if user is not None:
            client.force_login(user)
        html = client.get("/org/nemuro/proposals/").content.decode()
        assert (link in html) == sees and call.title in html
    client.force_login(citizen)
    with CaptureQueriesContext(connection) as warm:
        client.get("/org/nemuro/proposals/")
    assert len(warm.captured_queries) <= 5, [q["sql"] for q in warm.captured_queries]
