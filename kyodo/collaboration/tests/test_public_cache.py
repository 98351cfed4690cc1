"""A newly published survey report is visible at once, although visitors read cached pages."""

import datetime

from kyodo.collaboration.models import SurveyCampaign

BASE = "/org/hokkaido/collaboration/"


def test_a_published_report_is_visible_at_once_to_visitors_reading_cached_pages(
        client, coordinator, campaign, project):
    SurveyCampaign.objects.filter(pk=campaign.pk).update(deadline=datetime.date(2100, 1, 1))
    visitor_pages = [BASE + "reports/", BASE + "projects/"]
    for url in visitor_pages:  # read twice: the second read is a cached copy
        client.get(url)
        assert client.get(url)["X-Kyodo-Cache"] == "hit"
    assert client.get(BASE + "reports/2005/").status_code == 404

    from django.test import Client
    staff = Client()
    staff.force_login(coordinator)
    staff.post(f"{BASE}manage/campaigns/{campaign.pk}/close/")
    assert staff.post(f"{BASE}manage/campaigns/{campaign.pk}/publish/").status_code == 302

    reports = client.get(BASE + "reports/")
    assert "X-Kyodo-Cache" not in reports
    assert "/reports/2005/" in reports.content.decode()
    assert client.get(BASE + "reports/2005/").status_code == 200
    assert project.title in client.get(BASE + "projects/").content.decode()
