"""Desk staff keep the consultation log: a line per day, topic and channel with a count, no
personal data; bad input is refused next to its field and nothing is saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kyodo.desks.models import Consultation

pytestmark = pytest.mark.django_db


def log_url(desk):
    return reverse("desks:log", args=[desk.organisation.slug, desk.pk])


def test_desk_staff_records_a_days_consultations(client, desk, desk_staff):
    client.force_login(desk_staff)
    today = timezone.localdate()
    response = client.post(log_url(desk), {"date": today.isoformat(), "topic": "funding", "channel": "phone",
                                           "count": "３"})
    assert response.status_code == 302
    line = Consultation.objects.get()
    assert (line.desk, line.date, line.topic, line.channel, line.count, line.recorded_by) == (
        desk, today, "funding", "phone", 3, desk_staff)
    page = client.get(log_url(desk)).content.decode()
    assert "助成金・資金" in page and 'data-testid="log-year-total">3<' in page


@pytest.mark.parametrize("changes, field, message", [
    ({"count": "0"}, "count", "1以上"),
    ({"count": "1000"}, "count", "999以下"),
    ({"count": "たくさん"}, "count", "数字"),
    ({"topic": "gossip"}, "topic", "正しく選択"),
    ({"date": "2026-13-40"}, "date", ""),
    ({"date": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()}, "date", "未来の日付"),
])
def test_bad_lines_are_refused_next_to_the_field(client, desk, desk_staff, changes, field, message):
    client.force_login(desk_staff)
    data = {"date": timezone.localdate().isoformat(), "topic": "funding", "channel": "visit", "count": "1"}
    data.update(changes)
    response = client.post(log_url(desk), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert not Consultation.objects.exists()


def test_a_line_entered_by_mistake_is_deleted(client, desk, desk_staff):
    client.force_login(desk_staff)
    line = Consultation.objects.create(desk=desk, date=timezone.localdate(), topic="other", count=2)
    response = client.post(reverse("desks:delete_line", args=[desk.organisation.slug, line.pk]))
    assert response.status_code == 302
    assert not Consultation.objects.exists()


def test_the_fiscal_year_follows_the_date(desk):
    march = Consultation.objects.create(desk=desk, date=datetime.date(2026, 3, 31), topic="other")
    april = Consultation.objects.create(desk=desk, date=datetime.date(2026, 4, 1), topic="other")
    assert (march.fiscal_year, april.fiscal_year) == (2025, 2026)


def test_the_log_form_asks_for_no_personal_data(client, desk, desk_staff):
    client.force_login(desk_staff)
    form = client.get(log_url(desk)).context["form"]
    assert set(form.fields) == {"date", "topic", "channel", "count"}
