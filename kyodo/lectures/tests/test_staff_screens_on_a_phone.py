"""Phone and staff screens (issue 14 §8): the inbox and calendar tables stack into cards on a
390 px phone (their cells labelled, the receipt number kept as each row's heading), and the
routing form picks the department from the tree with its full path."""

import pytest
from django.utils import timezone

from kyodo.core.tests.factories import DepartmentFactory
from kyodo.core.tests.pickers import two_somuka
from kyodo.lectures import actions

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(sapporo, theme, request_data):
    return actions.submit_request(sapporo, theme, request_data)[0]


def test_the_inbox_table_stacks_with_labels_and_keeps_the_receipt_number(client, reception, submitted):
    client.force_login(reception)
    page = client.get("/org/sapporo/lectures/manage/").content.decode()
    assert 'class="table table--stack"' in page
    assert f'<th scope="row"><a href="/org/sapporo/lectures/manage/requests/{submitted.pk}/">{submitted.receipt_number}</a></th>' in page
    for label in ("講座", "団体", "状態", "第1希望"):
        assert f'data-label="{label}"' in page


def test_the_calendar_stacks_with_each_days_date(client, reception, office, office_staff, submitted):
    actions.receive(reception, submitted)
    actions.route(reception, submitted, office)
    when = next_weekday_at(30)
    actions.decide(office_staff, submitted, starts_at=when, lecturer="推進 誠")
    client.force_login(office_staff)
    local = timezone.localtime(when)
    page = client.get(f"/org/sapporo/lectures/manage/calendar/?month={local.year}-{local.month}").content.decode()
    assert 'class="table table--stack calendar"' in page
    assert f'data-label="{local.month}/{local.day}(' in page and "calendar__day--empty" in page
    assert "この月に決定した講座はありません" not in page


def test_routing_picks_the_department_from_the_tree(client, sapporo, reception, submitted):
    bureau = DepartmentFactory(organisation=sapporo, name="子ども未来局", kind="bureau")
    target = DepartmentFactory(organisation=sapporo, name="子育て支援課", parent=bureau)
    actions.receive(reception, submitted)
    client.force_login(reception)
    url = f"/org/sapporo/lectures/manage/requests/{submitted.pk}/"
    page = client.get(url).content.decode()
    assert "data-department-picker" in page and "子ども未来局 › 子育て支援課" in page
    assert 'type="radio" name="route-department"' in page
    client.post(url, {"step": "route", "route-department": target.pk})
    submitted.refresh_from_db()
    assert submitted.status == "routed" and submitted.department == target


def test_the_theme_form_picks_its_department_from_the_tree(client, sapporo, reception, theme):
    somuka, zaisei_somuka = two_somuka(sapporo)
    client.force_login(reception)
    url = f"/org/sapporo/lectures/manage/themes/{theme.pk}/"
    page = client.get(url).content.decode()
    assert "data-department-picker" in page and 'type="radio" name="department"' in page
    assert "総務局 › 総務課" in page and "財政局 › 総務課" in page  # told apart


def test_the_catalogue_filter_names_departments_by_their_path(client, sapporo, theme):
    somuka, zaisei_somuka = two_somuka(sapporo)
    theme.pk = None
    theme.number, theme.department = 2, zaisei_somuka
    theme.save()
    page = client.get("/org/sapporo/lectures/").content.decode()
    assert "財政局 › 総務課" in page and "総務局 › 総務課" not in page  # only departments with themes
