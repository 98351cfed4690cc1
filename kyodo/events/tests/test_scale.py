"""Scale data of events (``generate_scale``): a municipality's events over its years with one
session each, staff-only trainings, reports of past events, no registrations; the event list
runs within the same bound as with a handful; purge removes them all."""

from types import SimpleNamespace

import pytest
from django.db.models import F

from kyodo.core.models import Organisation
from kyodo.core.scale import SCALES, Context
from kyodo.core.tests.factories import DepartmentFactory
from kyodo.events import scale
from kyodo.events.models import Event, EventReport, Registration, Session

pytestmark = pytest.mark.django_db


def test_scale_s_generates_events_and_purges_them(client, hokkaido, django_assert_max_num_queries):
    department = DepartmentFactory(organisation=hokkaido, name="市民協働推進課")
    ctx = Context(scale=SCALES["s"], seed=7)
    ctx.organisations = [SimpleNamespace(pk=hokkaido.pk, name=hokkaido.name,
                                         departments=[(department.pk, department.name)])]
    scale.generate(ctx)
    ctx.flush()
    expected = SCALES["s"].per_org_year(SCALES["s"].rows) * len(ctx.years)
    assert Event.objects.count() == expected == Session.objects.count()
    assert Event.objects.filter(audience="staff").count() == expected // 10
    assert EventReport.objects.exists() and not Registration.objects.exists()
    assert not Session.objects.filter(seats_taken__gt=F("capacity")).exists()
    assert Event.objects.filter(ends_at__gt=ctx.now).exists() and Event.objects.filter(ends_at__lt=ctx.now).exists()
    for event in Event.objects.order_by("?")[:20]:
        event.full_clean()
        event.sessions.get().full_clean()
    with django_assert_max_num_queries(12):  # as with a handful (test_public_pages)
        page = client.get("/org/hokkaido/events/?when=all")
    assert page.status_code == 200 and "コミュニティセンター" in page.content.decode()
    scale.purge(Organisation.objects.filter(pk=hokkaido.pk))
    assert not Event.objects.exists() and not Session.objects.exists() and not EventReport.objects.exists()
