"""Public project list and pages: published projects only, filters, constant queries."""

import datetime

import pytest

from .builders import bulk_projects

URL = "/org/hokkaido/collaboration/projects/"
PUBLISHED = datetime.datetime(2006, 7, 1, tzinfo=datetime.UTC)


def test_unpublished_projects_are_not_listed_or_shown(client, project):
    assert "道民の森づくり事業" not in client.get(URL).content.decode()
    assert client.get(project.get_absolute_url()).status_code == 403


def test_department_staff_see_their_unpublished_project(client, project, env_staff):
    client.force_login(env_staff)
    assert client.get(project.get_absolute_url()).status_code == 200


def test_published_project_page_shows_forms_partners_and_budget(client, project):
    project.published_at = PUBLISHED
    project.save()
    page = client.get(project.get_absolute_url()).content.decode()
    assert "委託" in page and "NPO法人 北の森づくり" in page and "植樹会の運営" in page
    assert "1,200,000円" in page
    assert "平成17年度" in page
    # On a phone each partner becomes a card headed by its name (issue 14 §8).
    assert '<table class="table table--stack">' in page
    assert 'data-label="種別"' in page and 'data-label="役割">植樹会の運営<' in page


def test_filter_by_form(client, campaign, environment, welfare):
    bulk_projects(campaign, [environment, welfare], 4, published_at=PUBLISHED)
    page = client.get(URL, {"form": "co_hosting"}).content.decode()
    assert "事業1" in page and "事業0" not in page


@pytest.mark.parametrize("count", [10, 120])
def test_project_list_query_count_is_constant(client, campaign, environment, welfare, count,
                                              django_assert_max_num_queries):
    bulk_projects(campaign, [environment, welfare], count, published_at=PUBLISHED)
    with django_assert_max_num_queries(9):
        assert client.get(URL).status_code == 200
