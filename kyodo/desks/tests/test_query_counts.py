"""The desks list, a desk's page, the statistics and the staff list run a constant number of
queries whatever the number of desks and consultations (bulk-created at two sizes)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.desks.models import Consultation, Desk, DeskHours

pytestmark = pytest.mark.django_db


def fill(organisation, department, size):
    Consultation.objects.all().delete()
    DeskHours.objects.all().delete()
    Desk.objects.all().delete()
    desks = Desk.objects.bulk_create([
        Desk(organisation=organisation, department=department, name=f"第{n}窓口", area_name=f"第{n}地域",
             municipalities="札幌市\n江別市", place="庁舎", address="札幌市", services="相談", sort_order=n)
        for n in range(size)])
    DeskHours.objects.bulk_create([
        DeskHours(desk=d, weekdays="01234", opens=datetime.time(9), closes=datetime.time(17)) for d in desks]
        + [DeskHours(desk=d, weekdays="5", opens=datetime.time(10), closes=datetime.time(12), sort_order=1)
           for d in desks])
    for d in desks:
        d.covered_organisations.add(organisation)
    Consultation.objects.bulk_create([
        Consultation(desk=d, date=datetime.date(2026, 4, 1) + datetime.timedelta(days=k), fiscal_year=2026,
                     topic="funding" if k % 2 else "other", count=1 + k % 3)
        for d in desks for k in range(size)])
    return desks


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_public_pages_at_two_sizes(client, hokkaido, ishikari_department):
    urls = [(reverse("desks:index", args=[hokkaido.slug]), {}),
            (reverse("desks:index", args=[hokkaido.slug]), {"municipality": "江別市"}),
            (reverse("desks:statistics", args=[hokkaido.slug]), {"fiscal_year": "2026"})]
    fill(hokkaido, ishikari_department, 3)
    small = [count(client, url, params) for url, params in urls]
    fill(hokkaido, ishikari_department, 40)
    large = [count(client, url, params) for url, params in urls]
    assert small == large


def test_a_desks_page_and_the_api_at_two_sizes(client, hokkaido, ishikari_department):
    desks = fill(hokkaido, ishikari_department, 3)
    small = [count(client, reverse("desks:desk", args=[hokkaido.slug, desks[0].pk])),
             count(client, f"/api/v1/organisations/{hokkaido.slug}/desks")]
    desks = fill(hokkaido, ishikari_department, 40)
    large = [count(client, reverse("desks:desk", args=[hokkaido.slug, desks[0].pk])),
             count(client, f"/api/v1/organisations/{hokkaido.slug}/desks")]
    assert small == large


def test_the_staff_list_and_log_at_two_sizes(client, hokkaido, ishikari_department, coordinator):
    client.force_login(coordinator)
    desks = fill(hokkaido, ishikari_department, 3)
    small = [count(client, reverse("desks:staff", args=[hokkaido.slug])),
             count(client, reverse("desks:log", args=[hokkaido.slug, desks[0].pk]))]
    desks = fill(hokkaido, ishikari_department, 40)
    large = [count(client, reverse("desks:staff", args=[hokkaido.slug])),
             count(client, reverse("desks:log", args=[hokkaido.slug, desks[0].pk]))]
    assert small == large
