"""The API: public data only — listed partners' public fields, published projects, reports
and evaluations; nothing private or unpublished."""

import datetime
import json

import pytest

from kyodo.collaboration import actions
from kyodo.collaboration.models import Partner

from .conftest import full_ratings, sheet_of

API = "/api/v1/organisations/hokkaido/collaboration/"
PUBLISHED = datetime.datetime(2006, 7, 1, tzinfo=datetime.UTC)


def get(client, path):
    response = client.get(API + path)
    assert response.status_code == 200, response.content
    return response.json()


def test_partners_show_public_fields_only(client, partner, hokkaido):
    Partner.objects.create(organisation=hokkaido, name="未確認の会", partner_type="other")
    data = get(client, "partners")
    assert [p["name"] for p in data["items"]] == ["NPO法人 北の森づくり"]
    body = json.dumps(data, ensure_ascii=False)
    assert "mori@example.org" in body        # published by the partner
    assert "011-000-0000" not in body and "森 太郎" not in body
    assert data["items"][0]["fields"] == ["environment"]


def test_projects_only_published(client, project):
    assert get(client, "projects")["count"] == 0
    project.published_at = PUBLISHED
    project.save()
    item = get(client, "projects?fiscal_year=2005&form=commission")["items"][0]
    assert item["title"] == "道民の森づくり事業" and item["forms"] == ["commission"]
    assert item["partners"][0]["name"] == "NPO法人 北の森づくり"


def test_survey_results(client, campaign, coordinator, project):
    assert get(client, "surveys")["items"] == []
    actions.close_campaign(coordinator, campaign)
    actions.publish_campaign(coordinator, campaign)
    assert get(client, "surveys")["items"][0]["totals"]["projects"] == 1
    report = get(client, "surveys/2005")
    assert report["tables"]["by_form"][0] == {
        "key": "commission", "label": "委託", "projects": 1, "budget": 1_200_000,
        "previous_projects": None, "change": None}
    assert client.get(API + "surveys/2004").status_code == 404


def test_evaluations_only_when_published_and_without_who_filled_them(
        client, evaluation, env_staff, partner_member, coordinator):
    actions.save_sheet(env_staff, sheet_of(evaluation, "administration"),
                       ratings=full_ratings(evaluation, 5), submit=True)
    actions.save_sheet(partner_member, sheet_of(evaluation, "partner"),
                       ratings=full_ratings(evaluation, 3), submit=True)
    evaluation.refresh_from_db()
    assert get(client, "evaluations")["count"] == 0  # revealed to the parties, not public
    actions.save_joint_comment(coordinator, evaluation, "総括")
    actions.publish_evaluation(coordinator, evaluation)
    data = get(client, "evaluations")
    item = data["items"][0]
    assert item["score"] == 80.0 and item["ratings"][0]["administration"] == 5
    assert item["ratings"][0]["partner"] == 3
    body = json.dumps(data, ensure_ascii=False)
    assert "kankyo@hokkaido.example.jp" not in body and "member@example.org" not in body


@pytest.mark.parametrize("path", ["partners", "projects", "surveys", "evaluations"])
def test_unknown_organisation_is_404(client, db, path):
    assert client.get(f"/api/v1/organisations/nowhere/collaboration/{path}").status_code == 404
