"""The coordinator sets a desk up: details, area and opening hours; a wrong hours line is
refused next to its field and nothing is saved. The demo loads 北海道's 14 支庁 desks."""

import datetime

import pytest
from django.urls import reverse

from kyodo.desks.models import Desk, DeskHours

pytestmark = pytest.mark.django_db


def desk_form(department, sapporo, **changes):
    data = {"name": "石狩支庁市民活動インフォメーション", "department": department.pk, "area_name": "石狩支庁管内",
            "municipalities": "札幌市\n江別市", "covered_organisations": [sapporo.pk], "place": "石狩支庁 2階",
            "postal_code": "060-8558", "address": "札幌市中央区北3条西7丁目", "phone": "011-231-4111",
            "services": "NPO法人の設立相談", "sort_order": "1", "is_public": "on",
            "hours-TOTAL_FORMS": "2", "hours-INITIAL_FORMS": "0", "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "7",
            "hours-0-weekdays": ["0", "1", "2", "3", "4"], "hours-0-opens": "８:４５", "hours-0-closes": "17:30",
            "hours-0-note": "祝日を除く"}
    data.update(changes)
    return data


def test_the_coordinator_sets_up_a_desk_with_its_hours(client, hokkaido, sapporo, ishikari_department, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("desks:new", args=[hokkaido.slug]), desk_form(ishikari_department, sapporo))
    assert response.status_code == 302
    desk = Desk.objects.get()
    assert list(desk.covered_organisations.all()) == [sapporo]
    hours = desk.hours.get()
    assert (hours.weekdays, hours.opens, hours.closes, hours.weekdays_label) == (
        "01234", datetime.time(8, 45), datetime.time(17, 30), "月〜金")


@pytest.mark.parametrize("changes, field", [
    ({"hours-0-closes": "08:00"}, "closes"),
    ({"hours-0-weekdays": []}, "weekdays"),
    ({"hours-0-opens": "25:00"}, "opens"),
])
def test_a_wrong_hours_line_saves_nothing(client, hokkaido, sapporo, ishikari_department, coordinator, changes, field):
    client.force_login(coordinator)
    response = client.post(reverse("desks:new", args=[hokkaido.slug]),
                           desk_form(ishikari_department, sapporo, **changes))
    assert response.status_code == 200
    assert field in response.context["hours"].forms[0].errors
    assert not Desk.objects.exists() and not DeskHours.objects.exists()


def test_a_department_of_another_organisation_is_refused(client, hokkaido, sapporo, coordinator):
    from kyodo.core.tests.factories import DepartmentFactory

    foreign = DepartmentFactory(organisation=sapporo, name="広報課")
    client.force_login(coordinator)
    response = client.post(reverse("desks:new", args=[hokkaido.slug]), desk_form(foreign, sapporo))
    assert response.status_code == 200 and "department" in response.context["form"].errors
    assert not Desk.objects.exists()


def test_the_demo_desks(transactional_db):
    from kyodo.core.demo import loader
    from kyodo.core.models import User
    from kyodo.desks import demo

    world = loader.load()
    demo.load(world)
    demo.load(world)  # safe to run again
    desks = Desk.objects.filter(organisation__slug="hokkaido")
    assert desks.count() == 14
    ishikari = desks.get(name="石狩支庁市民活動インフォメーション")
    assert {o.name for o in ishikari.covered_organisations.all()} == {"札幌市", "江別市", "千歳市"}
    assert ishikari.consultations.count() > 50
    staff = User.objects.get(email="desk@hokkaido.example.jp")
    assert staff.has_perm("desks.keep_log", ishikari)
    assert not staff.has_perm("desks.keep_log", desks.get(name="根室支庁市民活動インフォメーション"))


def test_the_desk_form_picks_its_department_from_the_tree_and_keeps_the_rules(client, hokkaido, sapporo,
                                                                             coordinator):
    """担当部署 is the department tree with full paths and a search box (issue 14 §8): 総務局 ›
    総務課 and 財政局 › 総務課 are told apart, and a department of another organisation — even
    one with the same name — is still refused."""
    from kyodo.core.tests.factories import DepartmentFactory
    from kyodo.core.tests.pickers import assert_tells_two_somuka_apart, two_somuka

    two_somuka(hokkaido)
    client.force_login(coordinator)
    page = client.get(reverse("desks:new", args=[hokkaido.slug])).content.decode()
    assert_tells_two_somuka_apart(page)
    foreign = DepartmentFactory(organisation=sapporo, name="総務課")
    response = client.post(reverse("desks:new", args=[hokkaido.slug]), desk_form(foreign, sapporo))
    assert "department" in response.context["form"].errors and not Desk.objects.exists()
