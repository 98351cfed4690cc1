"""Every write of an event is checked on the event as it is and as it will be (issue 13 §3): a
department's staff cannot hand their event to another department by posting its id, cannot take
another department's event by editing the address, and cannot list another organisation's
partners as co-organisers."""

import pytest

from kyodo.collaboration.models import Partner
from kyodo.events.models import Event

pytestmark = pytest.mark.django_db


def edit(client, event, **changes):
    data = {"title": event.title, "kind": event.kind, "audience": event.audience, "summary": "交流します。",
            "venue": "かでる2・7", "fee": "0", "max_seats_per_registration": "1",
            "department": event.department_id, **changes}
    return client.post(f"/org/hokkaido/events/manage/{event.pk}/edit/", data)


def test_staff_cannot_move_their_event_into_another_department(client, organiser, seminar, hokkaido_department):
    client.force_login(organiser)
    assert edit(client, seminar).status_code == 302  # the form as it stands is accepted
    refused = edit(client, seminar, department=hokkaido_department.pk)
    assert refused.status_code == 400
    seminar.refresh_from_db()
    assert seminar.department.name == "協働推進課"


def test_staff_cannot_take_another_departments_event_by_its_address(client, other_staff, seminar):
    client.force_login(other_staff)
    own_department = other_staff.role_assignments.get().department_id
    response = edit(client, seminar, department=own_department)
    assert response.status_code in (403, 404)
    assert client.get(f"/org/hokkaido/events/manage/{seminar.pk}/edit/").status_code in (403, 404)
    seminar.refresh_from_db()
    assert seminar.department.name == "協働推進課"


def test_a_partner_of_another_organisation_is_not_offered_nor_accepted(client, organiser, seminar, sapporo):
    elsewhere = Partner.objects.create(organisation=sapporo, name="札幌の団体", partner_type="npo",
                                       area="中央区", description="活動")
    client.force_login(organiser)
    page = client.get(f"/org/hokkaido/events/manage/{seminar.pk}/edit/").content.decode()
    assert "札幌の団体" not in page
    assert edit(client, seminar, partners=[elsewhere.pk]).status_code == 400
    assert not Event.objects.get(pk=seminar.pk).partners.exists()
