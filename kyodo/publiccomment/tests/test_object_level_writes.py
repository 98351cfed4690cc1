"""A call's department is checked as the call is and as it will be (issue 13 §3): its staff
cannot hand a call to another department by posting that department's id, and another
department's staff cannot edit it by its address."""

import pytest

from kyodo.publiccomment.models import Call

from .conftest import make_call

pytestmark = pytest.mark.django_db


def edit(client, call, **changes):
    data = {"title": call.title, "department": call.department_id, "summary": call.summary,
            "reason": call.reason, "opens_on": call.opens_on.isoformat(),
            "closes_on": call.closes_on.isoformat(), "eligible": call.eligible, **changes}
    return client.post(f"/org/{call.organisation.slug}/public-comments/manage/{call.pk}/edit/", data)


@pytest.fixture
def draft(sapporo, office):
    return make_call(sapporo, office, status=Call.Status.DRAFT)


def test_staff_cannot_hand_their_call_to_another_department(client, office_staff, draft, sapporo_department):
    client.force_login(office_staff)
    assert edit(client, draft, title="市民意見の反映方針(改訂案)").status_code == 302
    refused = edit(client, draft, department=sapporo_department.pk)
    assert refused.status_code in (400, 403)
    draft.refresh_from_db()
    assert draft.department.name == "市政推進室" and draft.title == "市民意見の反映方針(改訂案)"


def test_another_departments_staff_cannot_take_the_call_by_its_address(client, other_staff, draft,
                                                                         sapporo_department):
    client.force_login(other_staff)
    assert client.get(f"/org/sapporo/public-comments/manage/{draft.pk}/edit/").status_code in (403, 404)
    assert edit(client, draft, department=sapporo_department.pk).status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.department.name == "市政推進室"
