"""Correction and withdrawal (訂正・取下げ, issue 14 §3) in 協働: the coordinator, who publishes
the survey results and the evaluations, corrects a published project (the year's report is
recounted with the same reason) or a published evaluation's summary, or withdraws an
evaluation — always with a reason, through core.corrections; the public pages say when and why
and keep the earlier values readable."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kyodo.collaboration import actions
from kyodo.collaboration.models import Side

from .conftest import full_ratings, sheet_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_year(campaign, project, coordinator):
    actions.close_campaign(coordinator, campaign)
    actions.publish_campaign(coordinator, campaign)
    project.refresh_from_db()
    return campaign


@pytest.fixture
def published(evaluation, env_staff, partner_member, coordinator):
    for side, who in ((Side.ADMINISTRATION, env_staff), (Side.PARTNER, partner_member)):
        actions.save_sheet(who, sheet_of(evaluation, side), ratings=full_ratings(evaluation), submit=True)
    evaluation.refresh_from_db()
    actions.save_joint_comment(coordinator, evaluation, "植樹会の参加者が倍増した。")
    return actions.publish_evaluation(coordinator, evaluation)


def test_a_corrected_budget_recounts_the_report_and_both_pages_show_the_earlier_figures(
        client, published_year, project, coordinator):
    actions.correct_project(coordinator, project, reason="予算額の桁を誤って登録していました",
                            changes={"budget": 120_000})
    published_year.refresh_from_db()
    assert published_year.report["totals"]["budget"] == 120_000
    report = client.get(reverse("collaboration:report", args=["hokkaido", 2005])).content.decode()
    assert "訂正しました" in report and "予算額の桁を誤って登録していました" in report
    assert "120万円" in report  # the earlier total, readable in the notice
    page = client.get(project.get_absolute_url()).content.decode()
    assert "予算額の桁を誤って登録していました" in page and "1200000" in page


def test_only_the_coordinator_corrects_and_only_what_was_published(
        published_year, project, env_staff, coordinator):
    with pytest.raises(PermissionDenied):
        actions.correct_project(env_staff, project, reason="誤り", changes={"budget": 1})
    with pytest.raises(ValidationError, match="理由"):
        actions.correct_project(coordinator, project, reason=" ", changes={"budget": 1})
    with pytest.raises(ValidationError, match="訂正できない項目"):
        actions.correct_project(coordinator, project, reason="誤り", changes={"department_id": 1})


def test_a_recount_that_changes_nothing_is_not_recorded(published_year, coordinator):
    with pytest.raises(ValidationError, match="変わりません"):
        actions.correct_report(coordinator, published_year, reason="念のため")


def test_the_report_is_recounted_from_the_campaign_page_with_a_reason(
        client, published_year, project, coordinator):
    type(project).objects.filter(pk=project.pk).update(budget=2_000_000)  # corrected at the source
    client.force_login(coordinator)
    url = reverse("collaboration:campaign_step", args=["hokkaido", published_year.pk, "refresh"])
    client.post(url, {"reason": ""})
    published_year.refresh_from_db()
    assert published_year.report["totals"]["budget"] == 1_200_000  # no reason, no recount
    client.post(url, {"reason": "担当部署からの訂正の届出による"})
    published_year.refresh_from_db()
    assert published_year.report["totals"]["budget"] == 2_000_000
    client.logout()
    page = client.get(reverse("collaboration:report", args=["hokkaido", 2005])).content.decode()
    assert "担当部署からの訂正の届出による" in page and "120万円" in page


def test_a_published_summary_is_corrected_with_the_earlier_text_shown(
        client, published, coordinator):
    client.force_login(coordinator)
    client.post(reverse("collaboration:evaluation_correction", args=["hokkaido", published.pk, "correct"]),
                {"correct-joint_comment": "植樹会の参加者が1.5倍になった。", "correct-reason": "参加者数の集計誤り"})
    published.refresh_from_db()
    assert published.joint_comment == "植樹会の参加者が1.5倍になった。"
    client.logout()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "参加者数の集計誤り" in page and "植樹会の参加者が倍増した。" in page


def test_a_withdrawn_evaluation_says_why_and_leaves_the_years_results(
        client, published, published_year, coordinator, env_staff):
    with pytest.raises(PermissionDenied):
        actions.withdraw_evaluation(env_staff, published, reason="誤り")
    report_url = reverse("collaboration:report", args=["hokkaido", 2005])
    assert published.get_absolute_url() in client.get(report_url).content.decode()
    actions.withdraw_evaluation(coordinator, published, reason="評価対象の事業を取り違えていました")
    page = client.get(published.get_absolute_url()).content.decode()
    assert "取り下げました" in page and "評価対象の事業を取り違えていました" in page
    assert published.get_absolute_url() not in client.get(report_url).content.decode()
    with pytest.raises(ValidationError, match="公表中の評価だけ"):
        actions.correct_evaluation(coordinator, published, reason="再訂正", joint_comment="別の総括")


def test_the_coordinator_corrects_a_published_project_from_its_page(
        client, published_year, project, coordinator, env_staff):
    correct = reverse("collaboration:project_correction", args=["hokkaido", project.pk])
    client.force_login(coordinator)
    assert correct in client.get(project.get_absolute_url()).content.decode()
    form = client.get(correct)
    assert form.status_code == 200 and "訂正の理由" in form.content.decode()
    data = {"title": "森づくり植樹会(訂正)", "purpose": project.purpose, "content": project.content,
            "results": project.results, "budget": str(project.budget or ""),
            "start_date": project.start_date.isoformat() if project.start_date else "",
            "end_date": project.end_date.isoformat() if project.end_date else ""}
    refused = client.post(correct, {**data, "reason": ""})
    assert refused.status_code == 400
    project.refresh_from_db()
    assert project.title != "森づくり植樹会(訂正)"
    old_title = project.title
    response = client.post(correct, {**data, "reason": "事業名の誤記を訂正しました"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "森づくり植樹会(訂正)"
    page = client.get(project.get_absolute_url()).content.decode()
    assert "事業名の誤記を訂正しました" in page and old_title in page
    client.force_login(env_staff)
    assert client.get(correct).status_code == 403


def test_a_withdrawn_project_keeps_its_page_and_leaves_the_lists_and_the_report(
        client, published_year, project, coordinator, partner):
    assert published_year.report["totals"]["projects"] == 1
    correct = reverse("collaboration:project_correction", args=["hokkaido", project.pk])
    client.force_login(coordinator)
    refused = client.post(correct, {"step": "withdraw", "withdraw-reason": ""})
    assert refused.status_code == 400
    project.refresh_from_db()
    assert project.withdrawn_at is None
    response = client.post(correct, {"step": "withdraw",
                                      "withdraw-reason": "同じ事業を二重に登録していました"})
    assert response.status_code == 302
    project.refresh_from_db()
    published_year.refresh_from_db()
    assert project.withdrawn_at is not None
    assert published_year.report["totals"]["projects"] == 0  # recounted without it
    assert client.get(correct).status_code == 403  # nothing more to correct or withdraw
    client.logout()
    page = client.get(project.get_absolute_url()).content.decode()
    assert "取り下げました" in page and "同じ事業を二重に登録していました" in page
    assert project.title in page  # still readable
    listing = client.get(reverse("collaboration:projects", args=["hokkaido"])).content.decode()
    assert project.get_absolute_url() not in listing
    report = client.get(reverse("collaboration:report", args=["hokkaido", 2005])).content.decode()
    assert "同じ事業を二重に登録していました" in report  # the recount says why
    partner_page = client.get(partner.get_absolute_url()).content.decode()
    assert project.get_absolute_url() not in partner_page
    api = client.get("/api/v1/organisations/hokkaido/collaboration/projects").json()
    assert all(row["id"] != project.pk for row in api.get("items", api))


def test_only_the_coordinator_withdraws_and_only_a_standing_publication(
        published_year, project, coordinator, env_staff):
    with pytest.raises(PermissionDenied):
        actions.withdraw_project(env_staff, project, reason="誤り")
    actions.withdraw_project(coordinator, project, reason="誤り")
    with pytest.raises(ValidationError, match="公開中の協働事業だけ"):
        actions.withdraw_project(coordinator, project, reason="二度目")


def test_a_years_results_are_withdrawn_from_the_campaign_page_and_stay_readable(
        client, published_year, project, coordinator, env_staff):
    url = reverse("collaboration:campaign_step", args=["hokkaido", published_year.pk, "withdraw"])
    campaign_page = reverse("collaboration:campaign", args=["hokkaido", published_year.pk])
    client.force_login(coordinator)
    assert "公表した集計結果を取り下げる" in client.get(campaign_page).content.decode()
    client.post(url, {"withdraw-reason": ""})
    published_year.refresh_from_db()
    assert published_year.withdrawn_at is None  # no reason, no withdrawal
    client.post(url, {"withdraw-reason": "集計の対象年度を取り違えていました"})
    published_year.refresh_from_db()
    assert published_year.withdrawn_at is not None
    assert "集計の対象年度を取り違えていました" in client.get(campaign_page).content.decode()
    with pytest.raises(ValidationError, match="公表中の調査だけ"):
        actions.correct_report(coordinator, published_year, reason="再集計")
    client.logout()
    report = client.get(reverse("collaboration:report", args=["hokkaido", 2005])).content.decode()
    assert "取り下げました" in report and "集計の対象年度を取り違えていました" in report
    assert "1事業" in report  # the withdrawn figures stay readable
    listing = client.get(reverse("collaboration:reports", args=["hokkaido"])).content.decode()
    assert "取下げ" in listing
    assert client.get(project.get_absolute_url()).status_code == 200  # the projects stay public
    with pytest.raises(PermissionDenied):
        actions.withdraw_report(env_staff, published_year, reason="誤り")


def test_a_withdrawn_project_leaves_the_site_search(published_year, project, coordinator,
                                                    django_capture_on_commit_callbacks):
    from kyodo.search.models import Entry

    entries = Entry.objects.filter(source__startswith="collaboration", object_id=project.pk,
                                   title=project.title)
    with django_capture_on_commit_callbacks(execute=True):
        project.save()  # indexed as published (the fixture published it with a bulk update)
    assert entries.exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.withdraw_project(coordinator, project, reason="同じ事業を二重に登録していました")
    assert not entries.exists()
