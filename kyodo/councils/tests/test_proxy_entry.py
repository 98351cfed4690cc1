"""代理入力 (issue 14 §7): the secretariat enters the evaluation sheet a member sent on paper, by
fax or by hand — members without an account too — recorded as entered on their behalf through
that channel, shown on the staff round page and to the member on their own sheet."""

import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.core.models import AuditEntry
from kyodo.councils import actions, queries
from kyodo.councils.models import DEFAULT_CRITERIA, Council, MemberProgress

from .conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(council, item, secretariat):
    return actions.open_round(secretariat, council, title="平成17年度 実施状況の評価", fiscal_year=2005,
                              items=[item], criteria=[str(c) for c in DEFAULT_CRITERIA])


@pytest.fixture
def paper_member(council):
    """A member without an account (13 of the demo's 15)."""
    return make_member(council, "佐藤 花子", contact="hanako@example.jp")


def posted(round_, item, scores, comment=""):
    return {f"score_{item.pk}_{c.pk}": str(s) for c, s in zip(round_.criteria.all(), scores)} | {
        f"comment_{item.pk}_{c.pk}": comment for c in round_.criteria.all()}


def url(round_, member):
    return f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/members/{member.pk}/sheet/"


def test_the_secretariat_enters_a_paper_sheet_for_a_member_without_an_account(client, round_, item, paper_member,
                                                                            secretariat):
    client.force_login(secretariat)
    page = client.get(url(round_, paper_member)).content.decode()
    assert "佐藤 花子 委員の評価票を代理入力" in page and "受け取った方法" in page
    response = client.post(url(round_, paper_member), posted(round_, item, [4, 3, 3, 4, 2], "窓口が親切になった")
                           | {"channel": "paper", "submit": ""})
    assert response.status_code == 302
    progress = MemberProgress.objects.get(round=round_, member=paper_member)
    assert progress.submitted_at and progress.channel == "paper" and progress.entered_by == secretariat
    results, submitted = queries.round_results(round_)
    assert submitted == 1 and results[0].criteria[0].median == 4  # it counts like any sheet
    assert results[0].criteria[0].comments == ["窓口が親切になった"]
    staff_page = html.unescape(client.get(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/manage/")
                               .content.decode())
    assert "書面(郵送)で受付、" in staff_page and "さんが代理入力" in staff_page
    entry = AuditEntry.objects.get_for_object(progress).latest("timestamp")
    assert entry.actor == secretariat and "paper" in str(entry.changes)


def test_the_channel_is_asked_for_and_the_sheet_checked_like_the_members_own(client, round_, item, paper_member,
                                                                          secretariat):
    client.force_login(secretariat)
    response = client.post(url(round_, paper_member), posted(round_, item, [4, 3, 3, 4, 2]) | {"submit": ""})
    assert response.status_code == 400 and "受け取った方法を選んでください" in response.content.decode()
    response = client.post(url(round_, paper_member), posted(round_, item, [4, 3, 3, 4, 2]) | {"channel": "web"})
    assert response.status_code == 400
    response = client.post(url(round_, paper_member), posted(round_, item, [4, 9, 3, 4, 2]) | {"channel": "fax"})
    assert response.status_code == 400 and "1から5まで" in response.content.decode()
    assert 'value="4"' in response.content.decode()  # what was typed comes back
    assert not MemberProgress.objects.exists()
    with pytest.raises(ValidationError, match="受け取った方法"):
        actions.enter_sheet(secretariat, round_, paper_member, {}, channel="web")


def test_only_the_secretariat_enters_sheets_and_only_for_the_rounds_council(client, round_, item, paper_member,
                                                                         member_a, secretariat, sapporo, office):
    with pytest.raises(PermissionDenied):
        actions.enter_sheet(member_a.user, round_, paper_member, {}, channel="paper")
    client.force_login(member_a.user)
    assert client.get(url(round_, paper_member)).status_code == 403
    other = Council.objects.create(organisation=sapporo, name="別の会議", purpose="別", secretariat=office,
                                   established_on=round_.council.term_start, term_start=round_.council.term_start,
                                   term_end=round_.council.term_end, quota_public=5)
    stranger = make_member(other, "他会議 委員")
    with pytest.raises(PermissionDenied):
        actions.enter_sheet(secretariat, round_, stranger, {}, channel="paper")
    client.force_login(secretariat)
    assert client.get(url(round_, stranger)).status_code == 404


def test_a_closed_round_takes_no_more_sheets(round_, paper_member, secretariat):
    actions.close_round(secretariat, round_)
    with pytest.raises(ValidationError, match="受付中の評価だけ"):
        actions.enter_sheet(secretariat, round_, paper_member, {}, channel="hand")


def test_a_member_with_an_account_sees_the_sheet_entered_for_them(client, round_, item, member_a, secretariat):
    entries = {(item.pk, c.pk): (3, "ファクスで送付") for c in round_.criteria.all()}
    actions.enter_sheet(secretariat, round_, member_a, entries, channel="fax", submit=True)
    client.force_login(member_a.user)
    page = client.get(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/").content.decode()
    assert "事務局がファクスで受け取り" in page and "代理入力しました" in page
    assert "ファクスで送付" in page and 'value="3" checked' in page
    # The member's own change afterwards is theirs again.
    actions.save_ratings(member_a.user, round_, {(item.pk, round_.criteria.first().pk): (5, "")})
    progress = MemberProgress.objects.get(round=round_, member=member_a)
    assert progress.channel == "web" and progress.entered_by is None and progress.submitted_at


def test_in_the_demo_sheets_of_members_without_an_account_were_entered_by_the_secretariat(db):
    from kyodo.core.demo import loader
    from kyodo.councils import demo as council_demo
    from kyodo.plans import demo as plan_demo

    world = loader.load()
    plan_demo.load(world)
    council_demo.load(world)
    progress = list(MemberProgress.objects.select_related("member", "entered_by"))
    assert progress
    for p in progress:
        if p.member.user_id is None:
            assert p.entered_on_behalf and p.entered_by.email == "coordinator@sapporo.example.jp"
        else:
            assert p.channel == "web" and p.entered_by is None


def test_the_demos_published_sheets_were_sent_before_the_round_closed_not_on_load_day(db):
    from kyodo.core.demo import loader
    from kyodo.councils import demo as council_demo
    from kyodo.councils.models import EvaluationRound, Rating
    from kyodo.plans import demo as plan_demo

    world = loader.load()
    plan_demo.load(world)
    council_demo.load(world)
    published = EvaluationRound.objects.get(status=EvaluationRound.Status.PUBLISHED)
    progress = list(MemberProgress.objects.filter(round=published))
    assert progress
    for p in progress:  # the staff round page shows 最終保存 and the member's sheet 提出
        assert p.saved_at <= published.closed_at and p.submitted_at <= published.closed_at
    assert not Rating.objects.filter(round=published, updated_at__gt=published.closed_at).exists()
