"""The secretariat keeps a council's records on screens: members (and their account link),
meetings, calls, recommendation reports and recommendations."""

import pytest

from kyodo.councils.models import Meeting, Member, Recommendation, RecommendationReport

pytestmark = pytest.mark.django_db

BASE = "/org/sapporo/councils/workspace/"


def test_secretariat_adds_a_member_linked_to_an_account(client, council, secretariat, member_a):
    client.force_login(secretariat)
    response = client.post(f"{BASE}{council.pk}/member/new/", {
        "name": "新任 委員", "category": "nominated", "position": "member", "term_start": "2003-11-01",
        "term_end": "2005-10-31", "affiliation": "大学", "email": "", "phone": "", "sort_order": "20",
        "account": "nobody@example.jp"})
    assert 'id="id_account_error"' in response.content.decode()
    assert not Member.objects.filter(name="新任 委員").exists()
    response = client.post(f"{BASE}{council.pk}/member/new/", {
        "name": "新任 委員", "category": "nominated", "position": "member", "term_start": "2003-11-01",
        "term_end": "2005-10-31", "affiliation": "大学", "email": "", "phone": "", "sort_order": "20",
        "account": secretariat.email.upper()})
    assert response.status_code == 302
    assert Member.objects.get(name="新任 委員").user == secretariat


def test_secretariat_adds_a_meeting_and_a_recommendation(client, council, secretariat, item):
    client.force_login(secretariat)
    client.post(f"{BASE}{council.pk}/meeting/new/", {
        "number": "11", "starts_at": "2005-10-20T18:00", "ends_at": "", "venue": "本庁舎",
        "agenda": "最終回", "is_open": "on", "closed_reason": "", "observer_seats": "10"})
    assert Meeting.objects.get(number=11).venue == "本庁舎"
    client.post(f"{BASE}{council.pk}/report/new/", {"title": "追加提言", "submitted_on": "2005-10-20",
                                                     "addressee": "市長", "summary": ""})
    report = RecommendationReport.objects.get(title="追加提言")
    client.post(f"{BASE}{council.pk}/recommendation/new/", {
        "report": report.pk, "number": "1", "theme": "", "title": "評価を続けること", "body": "",
        "items": [item.pk]})
    recommendation = Recommendation.objects.get(title="評価を続けること")
    assert list(recommendation.items.all()) == [item]
    page = client.get("/org/sapporo/councils/recommendations/").content.decode()
    assert "評価を続けること" in page


def test_members_cannot_edit_the_council(client, council, member_a):
    client.force_login(member_a.user)
    assert client.get(f"{BASE}{council.pk}/meeting/new/").status_code == 403
    assert client.get(f"{BASE}member/{member_a.pk}/edit/").status_code == 403


def test_unknown_kind_is_not_found(client, council, secretariat):
    client.force_login(secretariat)
    assert client.get(f"{BASE}{council.pk}/application/new/").status_code == 404
