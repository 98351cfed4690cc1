"""The pages through HTTP (errors next to the field, nothing saved), the public pages' and the
API's query counts at two sizes, downloads, and what the module declares to the site-wide pages."""

import datetime

import pytest
from django.utils import timezone

from kyodo.core import modules
from kyodo.proposals import actions
from kyodo.proposals.models import (
    Call, Criterion, PanelMember, Phase, Proposal, ReviewSheet, Score, Stage,
)

from .conftest import make_proposal, pdf

pytestmark = pytest.mark.django_db


def published_call(call, coordinator, reviewers, count):
    """A published call with ``count`` decided proposals, each scored by the panel."""
    Criterion.objects.filter(call=call, stage=Stage.PRESENTATION).delete()
    proposals = Proposal.objects.bulk_create([
        Proposal(call=call, theme=call.themes.get(number=1 + n % 2), group_name=f"団体{n}",
                 group_type="voluntary", member_count=8, contact_name="連絡 太郎",
                 contact_email=f"p{n}@example.org", title=f"提案{n}", summary="概要",
                 amount=100_000, created_by=coordinator,
                 status=Proposal.Status.ADOPTED if n % 3 == 0 else Proposal.Status.REJECTED,
                 decision_reason="理由", submitted_at=timezone.now())
        for n in range(count)])
    members = list(call.panel.all())
    sheets = ReviewSheet.objects.bulk_create([
        ReviewSheet(member=m, proposal=p, stage=Stage.DOCUMENTS, submitted_at=timezone.now())
        for p in proposals for m in members])
    criteria = list(call.criteria.all())
    Score.objects.bulk_create([Score(sheet=s, criterion=c, value=(s.pk + c.pk) % 6)
                               for s in sheets for c in criteria])
    Call.objects.filter(pk=call.pk).update(status=Call.Status.PUBLISHED, published_at=timezone.now(),
                                           review_comment="講評")
    call.refresh_from_db()
    return call


@pytest.mark.parametrize("count", [10, 120])
def test_results_page_and_api_run_a_constant_number_of_queries(client, call, coordinator, reviewers,
                                                               count, django_assert_max_num_queries):
    published_call(call, coordinator, reviewers, count)
    with django_assert_max_num_queries(12):
        page = client.get(f"/org/nemuro/proposals/calls/{call.pk}/results/")
    assert page.status_code == 200
    assert page.content.decode().count("<article") == count
    with django_assert_max_num_queries(12):
        api = client.get(f"/api/v1/proposals/calls/{call.pk}/results")
    assert len(api.json()["adopted"]) + len(api.json()["rejected"]) == count
    with django_assert_max_num_queries(8):
        assert client.get("/org/nemuro/proposals/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/org/nemuro/proposals/calls/{call.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        download = client.get("/org/nemuro/proposals/results.csv")
        body = b"".join(download.streaming_content).decode("utf-8-sig")
    assert len(body.strip().splitlines()) == count + 1
    assert "p1@example.org" not in body


@pytest.mark.parametrize("count", [10, 120])
def test_the_ranking_runs_a_constant_number_of_queries(client, call, coordinator, reviewers, count,
                                                       django_assert_max_num_queries):
    published_call(call, coordinator, reviewers, count)
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        assert client.get(f"/org/nemuro/proposals/manage/calls/{call.pk}/ranking/").status_code == 200


def test_a_proposal_through_the_form(client, call, citizen):
    client.force_login(citizen)
    url = f"/org/nemuro/proposals/calls/{call.pk}/propose/"
    data = {"theme": call.themes.get(number=2).pk, "group_name": "根室の海を守る市民の会",
            "group_type": "voluntary", "member_count": "７", "based_locally": "on",
            "contact_name": "花咲 みなと", "contact_email": "minato@example.org",
            "title": "海岸の漂着ごみ調査", "summary": "調査と清掃", "amount": "６００，０００"}
    page = client.post(url, data)
    assert page.status_code == 400
    assert "上限額(500,000円)を超えています" in page.content.decode()
    assert not Proposal.objects.exists()
    data["amount"] = "１８０，０００"  # full-width digits are read
    page = client.post(url, data)
    proposal = Proposal.objects.get()
    assert page.status_code == 302 and proposal.amount == 180_000 and proposal.member_count == 7

    detail = f"/org/nemuro/proposals/proposal/{proposal.pk}/"
    refused = client.post(detail + "submit/")
    assert refused.status_code == 400 and "提案書" in refused.content.decode()
    bad = client.post(detail + "files/", {"document": call.documents.get(number=1).pk,
                                          "file": pdf("virus.exe", b"MZ")})
    assert bad.status_code == 400 and "PDF、Word" in bad.content.decode()
    client.post(detail + "files/", {"document": call.documents.get(number=1).pk, "file": pdf()})
    attached = proposal.files.get()
    download = client.get(detail + f"files/{attached.pk}/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert client.post(detail + "submit/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    client.logout()
    assert client.get(detail + f"files/{attached.pk}/").status_code == 302  # sign in first


def test_files_are_served_only_to_those_who_may_see_the_proposal(client, call, citizen, member):
    proposal = make_proposal(call, citizen)
    actions.attach_file(citizen, proposal, call.documents.get(number=1), pdf())
    attached = proposal.files.get()
    client.force_login(member)
    assert client.get(f"/org/nemuro/proposals/proposal/{proposal.pk}/files/{attached.pk}/").status_code == 404


def test_providers_give_only_public_data(call, citizen, member, coordinator, reviewers):
    now = timezone.now()
    opportunities = list(modules.opportunities(None, now))
    assert [o.title for o in opportunities if o.kind == "提案募集"] == [call.title]
    Phase.objects.create(call=call, kind="presentation", starts_on=datetime.date(2026, 3, 5),
                         starts_at=datetime.datetime(2026, 3, 5, 13, tzinfo=datetime.timezone.utc),
                         place="総合文化会館")
    entries = [e for e in modules.calendar_entries(
        datetime.datetime(2026, 3, 1, tzinfo=datetime.timezone.utc),
        datetime.datetime(2026, 3, 31, tzinfo=datetime.timezone.utc)) if e.kind == "公開プレゼンテーション"]
    assert len(entries) == 1 and entries[0].place == "総合文化会館"
    mine = make_proposal(call, citizen, title="市民の提案")
    make_proposal(call, member, title="別の人の提案")
    items = [i for i in modules.my_items(citizen) if i.kind == "協働事業の提案"]
    assert [i.title for i in items] == ["市民の提案"] and items[0].url.endswith(f"/{mine.pk}/")
    from kyodo.proposals.providers import SEARCH_SOURCES, call_documents, result_documents

    assert [d.title for d in call_documents(None)] == [call.title]
    assert list(result_documents(None)) == []  # nothing published yet
    call.status = Call.Status.DRAFT
    call.save()
    assert list(call_documents(None)) == []
    assert list(modules.opportunities(None, now)) == [o for o in modules.opportunities(None, now)
                                                        if o.kind != "提案募集"]
    assert {s.name for s in SEARCH_SOURCES} == {"proposals.call", "proposals.result"}


def test_dataset_and_bench_targets(call, coordinator, reviewers, nemuro):
    from kyodo.proposals.providers import DATASET, bench_targets

    assert bench_targets() == []
    published_call(call, coordinator, reviewers, 6)
    assert DATASET.rows([nemuro.pk]) == {nemuro.pk: 6}
    assert [name for name, _title, _path in bench_targets()] == ["proposals.results", "proposals.index"]


def test_api_lists_public_calls_only(client, call, nemuro, planning):
    Call.objects.create(organisation=nemuro, fiscal_year=2027, kind="citizen", title="準備中の募集",
                        department=planning, opens_at=call.opens_at, closes_at=call.closes_at)
    listing = client.get("/api/v1/organisations/nemuro/proposals/calls").json()
    assert [c["title"] for c in listing["items"]] == [call.title]
    detail = client.get(f"/api/v1/proposals/calls/{call.pk}").json()
    assert [t["budget_cap"] for t in detail["themes"]] == [1_000_000, 500_000]
    assert [c["weight"] for c in detail["criteria"]] == [3, 1, 1]
    draft = Call.objects.get(title="準備中の募集")
    assert client.get(f"/api/v1/proposals/calls/{draft.pk}").status_code == 404


def test_the_coordinator_sets_up_and_opens_a_call(client, coordinator, nemuro, planning, tourism,
                                                  reviewers):
    client.force_login(coordinator)
    page = client.post("/org/nemuro/proposals/manage/calls/new/", {
        "fiscal_year": "令和9", "kind": "citizen", "title": "市民提案型の募集", "department": planning.pk,
        "min_members": "5", "excluded_purposes": ["commercial", "religious"],
        "opens_at": "2026-12-01 09:00", "closes_at": "2026-11-01 17:00",
        "pass_mark": "60", "criterion_floor": "2"})
    assert page.status_code == 400 and "提出期限は募集開始より後" in page.content.decode()
    page = client.post("/org/nemuro/proposals/manage/calls/new/", {
        "fiscal_year": "令和9", "kind": "citizen", "title": "市民提案型の募集", "department": planning.pk,
        "min_members": "5", "excluded_purposes": ["commercial", "religious"],
        "opens_at": "2026-11-01 09:00", "closes_at": "2026-12-01 17:00",
        "pass_mark": "60", "criterion_floor": "2"})
    call = Call.objects.get(title="市民提案型の募集")
    assert call.fiscal_year == 2027
    base = f"/org/nemuro/proposals/manage/calls/{call.pk}/"
    refused = client.post(base + "step/open/", follow=True)
    assert "テーマ・コースがありません" in refused.content.decode()
    client.post(base + "add/theme/", {"theme-number": "1", "theme-title": "50万円コース",
                                      "theme-budget_cap": "500000"})
    client.post(base + "add/criterion/", {"criterion-number": "1", "criterion-title": "公益性",
                                          "criterion-weight": "2", "criterion-stage": "documents"})
    client.post(base + "add/document/", {"document-number": "1", "document-title": "提案書",
                                         "document-required": "on", "document-upload": pdf("様式1.pdf")})
    bad = client.post(base + "add/panel/", {"panel-user": coordinator.pk, "panel-name": "x",
                                            "panel-kind": "expert"})
    assert bad.status_code == 400
    client.post(base + "add/panel/", {"panel-user": reviewers[0].pk, "panel-name": "審査 1",
                                      "panel-kind": "expert", "panel-order": "1"})
    client.post(base + "step/open/")
    call.refresh_from_db()
    assert call.status == "open" and call.themes.count() == 1 and call.criteria.count() == 1
    assert PanelMember.objects.filter(call=call).count() == 1
    document = call.documents.get()
    client.logout()
    form = client.get(f"/org/nemuro/proposals/calls/{call.pk}/documents/{document.pk}/")
    assert form.status_code == 200 and form["Content-Type"] == "application/pdf"


def test_the_consultation_and_the_report_through_the_page(client, call, citizen, tourism_staff):
    proposal = make_proposal(call, citizen, status=Proposal.Status.SUBMITTED)
    url = f"/org/nemuro/proposals/proposal/{proposal.pk}/"
    client.force_login(tourism_staff)
    refused = client.post(url + "consult/", {"consultation": " "})
    assert refused.status_code == 400 and "協議結果を入力してください。" in refused.content.decode()
    assert client.post(url + "consult/", {"consultation": "役割分担を確認した。"}).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).consultation == "役割分担を確認した。"
    assert client.post(url + "report/", {"report": "報告"}).status_code == 403  # not adopted, not theirs
    Proposal.objects.filter(pk=proposal.pk).update(status=Proposal.Status.ADOPTED)
    client.force_login(citizen)
    Call.objects.filter(pk=call.pk).update(report_due=datetime.date(2000, 1, 1))
    late = client.post(url + "report/", {"report": "実施しました。"})
    assert late.status_code == 400 and "実施報告の期限" in late.content.decode()
    Call.objects.filter(pk=call.pk).update(report_due=None)
    assert client.post(url + "report/", {"report": "実施しました。"}).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).report == "実施しました。"
