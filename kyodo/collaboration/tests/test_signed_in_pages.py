"""The survey report, the partner directory and the project list for signed-in people: what is
the same for everyone is a shared fragment (core.fragments), rendered once per content version —
so a warm page reads no project, partner or report rows, a change is visible at once, and
nobody's own links travel to someone else."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kyodo.collaboration import actions
from kyodo.collaboration.models import Partner, Project
from kyodo.core.tests.factories import UserFactory

from .builders import bulk_partners, bulk_projects
from .conftest import TODAY

BASE = "/org/hokkaido/collaboration/"
REPORT = BASE + "reports/2005/"
PUBLISHED = datetime.datetime(2006, 7, 1, tzinfo=datetime.UTC)
PAGES = [REPORT, BASE + "partners/", BASE + "projects/", BASE + "projects/?form=commission"]


@pytest.fixture
def published(campaign, coordinator, project, partner, environment, welfare):
    bulk_projects(campaign, [environment, welfare], 40, published_at=PUBLISHED)
    Project.objects.filter(pk=project.pk).update(published_at=PUBLISHED)
    bulk_partners(campaign.organisation, 40, verified_at=PUBLISHED)
    actions.close_campaign(coordinator, campaign)
    return actions.publish_campaign(coordinator, campaign)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def resident(db):
    return UserFactory(email="resident@example.jp")


def main(html):
    return html[html.index("<main"):html.index("</main>")]


def warm_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("url", PAGES)
def test_a_warm_signed_in_page_reads_no_rows_of_what_it_lists(published, resident, url):
    queries = warm_queries(signed_in(resident), url)
    # the session, the user and their roles, the organisation (and the report's year)
    assert len(queries) <= 6, queries
    listed = ("collaboration_project", "collaboration_partner", "collaboration_evaluation")
    assert not [sql for sql in queries if any(table in sql for table in listed)], queries


@pytest.mark.parametrize("url", PAGES)
def test_people_share_the_fragment_but_not_their_own_links(published, coordinator, resident,
                                                          client, url):
    staff = signed_in(coordinator)
    first = staff.get(url).content.decode()
    assert "ログアウト" in first
    anonymous = client.get(url).content.decode()
    assert "ログアウト" not in anonymous and "ログイン" in anonymous
    third = signed_in(resident).get(url).content.decode()
    assert "ログアウト" in third
    assert main(first) == main(anonymous) == main(third)  # the page's own content is shared


def test_the_coordinators_links_stay_theirs_after_a_resident_warmed_the_page(
        published, coordinator, resident):
    signed_in(resident).get(BASE)
    page = signed_in(coordinator).get(BASE).content.decode()
    assert "/collaboration/manage/" in page  # the workspace link, outside any shared fragment
    assert "/collaboration/manage/" not in signed_in(resident).get(BASE).content.decode()


def test_a_published_project_is_listed_at_once_for_someone_who_saw_the_list(
        published, resident, campaign, environment):
    reader = signed_in(resident)
    assert "新しい協働事業" not in reader.get(BASE + "projects/").content.decode()
    Project.objects.create(organisation=campaign.organisation, campaign=campaign,
                           department=environment, fiscal_year=2005, title="新しい協働事業",
                           published_at=PUBLISHED)
    assert "新しい協働事業" in reader.get(BASE + "projects/").content.decode()
    htmx = reader.get(BASE + "projects/", HTTP_HX_REQUEST="true").content.decode()
    assert "新しい協働事業" in htmx and "<html" not in htmx


def test_a_verified_partner_is_listed_at_once(published, resident, hokkaido):
    reader = signed_in(resident)
    assert "あたらしい会" not in reader.get(BASE + "partners/").content.decode()
    newcomer = Partner.objects.create(organisation=hokkaido, name="あたらしい会",
                                      partner_type="voluntary")
    assert "あたらしい会" not in reader.get(BASE + "partners/").content.decode()
    newcomer.verified_at = PUBLISHED
    newcomer.save()
    assert "あたらしい会" in reader.get(BASE + "partners/").content.decode()


def test_the_year_before_shows_at_once_on_the_report(published, resident, coordinator, hokkaido,
                                                    environment):
    reader = signed_in(resident)
    assert "前年度" not in reader.get(REPORT).content.decode()
    earlier = actions.create_campaign(coordinator, hokkaido, fiscal_year=2004,
                                      deadline=datetime.date(2005, 7, 31))
    actions.open_campaign(coordinator, earlier, today=TODAY)
    bulk_projects(earlier, [environment], 3, prefix="旧")
    actions.close_campaign(coordinator, earlier)
    actions.publish_campaign(coordinator, earlier)
    assert "前年度 3事業" in reader.get(REPORT).content.decode()


@pytest.mark.parametrize("count", [5, 80])
def test_api_lists_read_a_fixed_number_of_queries(client, campaign, coordinator, project, partner,
                                                  environment, welfare, count,
                                                  django_assert_max_num_queries):
    bulk_projects(campaign, [environment, welfare], count, published_at=PUBLISHED)
    bulk_partners(campaign.organisation, count, verified_at=PUBLISHED)
    api = "/api/v1/organisations/hokkaido/collaboration/"
    with django_assert_max_num_queries(7):  # organisation, count, ids, rows, forms, fields, partners
        assert client.get(api + "projects").json()["count"] == count
    with django_assert_max_num_queries(5):
        assert client.get(api + "partners").json()["count"] == count + 1
    with django_assert_max_num_queries(6):
        assert client.get(api + "evaluations").status_code == 200


def test_api_names_a_partner_that_left_the_directory_without_linking_it(client, project, partner):
    Project.objects.filter(pk=project.pk).update(published_at=PUBLISHED)
    api = "/api/v1/organisations/hokkaido/collaboration/projects"
    item = client.get(api).json()["items"][0]
    assert item["partners"] == [{"name": partner.name, "partner_type": "npo",
                                 "role": "植樹会の運営", "partner_id": partner.pk}]
    assert item["url"] == project.get_absolute_url() and item["form_labels"] == ["委託"]
    partner.verified_at = None
    partner.save()
    assert client.get(api).json()["items"][0]["partners"][0]["partner_id"] is None
