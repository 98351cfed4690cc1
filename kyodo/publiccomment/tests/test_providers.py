"""What 意見公募 declares to the site-wide pages: open calls with their deadline, deadline
calendar entries, search documents of what is public only, the results dataset, a signed-in
person's own comments, bench targets — each in a constant number of queries."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import modules
from kyodo.core.tests.factories import UserFactory
from kyodo.publiccomment import providers
from kyodo.publiccomment.models import Call, Comment, OpinionItem

from .conftest import add_comments, make_call


@pytest.fixture
def calls(sapporo, office):
    today = timezone.localdate()
    open_call = make_call(sapporo, office, title="募集中の案")
    notice = make_call(sapporo, office, title="予告の案", opens=today + datetime.timedelta(days=5))
    draft = make_call(sapporo, office, title="作成中の案", status=Call.Status.DRAFT)
    published = make_call(sapporo, office, title="結果公表の案", opens=today - datetime.timedelta(days=60),
                          status=Call.Status.PUBLISHED, results_published_at=timezone.now())
    OpinionItem.objects.create(call=published, number=1, summary="意見の概要A", response="市の考え方A")
    return {"open": open_call, "notice": notice, "draft": draft, "published": published}


def test_opportunities_are_the_open_calls_with_their_deadline(calls, sapporo, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        found = list(providers.opportunities([sapporo.pk], timezone.now()))
    assert [o.title for o in found] == ["募集中の案"]
    assert found[0].closes == calls["open"].closes_on and found[0].kind == "意見公募"


def test_calendar_has_the_deadlines_of_public_calls_only(calls, sapporo):
    start = timezone.now() - datetime.timedelta(days=90)
    end = timezone.now() + datetime.timedelta(days=90)
    titles = [e.title for e in providers.calendar(start, end, [sapporo.pk])]
    assert any("募集中の案" in t for t in titles) and any("予告の案" in t for t in titles)
    assert not any("作成中の案" in t for t in titles)


def test_search_indexes_public_calls_and_results_without_commenters(calls, django_assert_max_num_queries):
    add_comments(calls["published"], 3)
    with django_assert_max_num_queries(4):
        documents = {d.title: d for d in providers.search_documents(None)}
    assert "作成中の案" not in documents
    assert "市の考え方A" in documents["結果公表の案"].body and documents["結果公表の案"].url.endswith("/results/")
    assert all("提出者" not in d.body for d in documents.values())


def test_the_dataset_counts_published_opinion_items(calls, sapporo):
    assert providers.dataset_rows([sapporo.pk]) == {sapporo.pk: 1}
    assert sapporo.pk in providers.dataset_updated([sapporo.pk])
    assert any(d.name == "publiccomment.opinions" for d in modules.datasets())


def test_my_items_are_only_my_own_comments(calls, django_assert_max_num_queries):
    me, other = UserFactory(), UserFactory()
    Comment.objects.create(call=calls["open"], sequence=1, commenter_type="resident", body="私の意見", user=me)
    Comment.objects.create(call=calls["published"], sequence=1, commenter_type="resident", body="私の意見2", user=me)
    Comment.objects.create(call=calls["open"], sequence=2, commenter_type="resident", body="他人の意見", user=other)
    with django_assert_max_num_queries(1):
        mine = providers.my_items(me)
    assert len(mine) == 2 and {i.status for i in mine} == {"募集中", "結果公表"}


def test_bench_targets_name_the_heaviest_results_page(calls):
    add_comments(calls["published"], 5)
    targets = providers.bench_targets()
    assert targets[0][2].endswith(f"/{calls['published'].pk}/results/")


def test_daily_reminder_counts_yesterdays_comments_per_call(calls, office_staff):
    from kyodo.publiccomment import notices

    yesterday = timezone.now() - datetime.timedelta(days=1)
    comments = add_comments(calls["open"], 3)
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(submitted_at=yesterday)
    reminders = list(notices.new_comments(timezone.localdate()))
    assert len(reminders) == 1 and "3件" in reminders[0].subject
    assert reminders[0].recipients == [office_staff]
