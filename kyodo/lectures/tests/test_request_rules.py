"""A request that breaks a rule is refused with a message that names the rule and says what
to change; nothing is created."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kyodo.lectures import actions
from kyodo.lectures.models import Request

from .conftest import next_weekday_at

pytestmark = pytest.mark.django_db


def refusal(sapporo, theme, data):
    with pytest.raises(ValidationError) as caught:
        actions.submit_request(sapporo, theme, data)
    assert not Request.objects.exists()
    return caught.value.message_dict


def test_a_valid_request_gets_receipt_number_and_mail(sapporo, theme, request_data, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request, created = actions.submit_request(sapporo, theme, request_data)
    assert created and request.receipt_number.endswith("-0001") and request.status == "submitted"
    assert request.receipt_number in mailoutbox[0].subject


def test_past_date(sapporo, theme, request_data):
    request_data["preferred_1"] = next_weekday_at(-10)
    assert "過ぎた日時は選べません" in refusal(sapporo, theme, request_data)["preferred_1"][0]


def test_inside_the_lead_time(sapporo, theme, request_data):
    request_data["preferred_1"] = next_weekday_at(3)
    message = refusal(sapporo, theme, request_data)["preferred_1"][0]
    assert "14日前まで" in message and "申込の期限" in message and "以降の日を選んでください" in message


def test_beyond_the_horizon(sapporo, theme, request_data):
    request_data["preferred_1"] = next_weekday_at(400)
    assert "受付期間" in refusal(sapporo, theme, request_data)["preferred_1"][0]


def test_audience_below_the_minimum(sapporo, theme, request_data):
    request_data["audience"] = 6
    message = refusal(sapporo, theme, request_data)["audience"][0]
    assert "10人以上" in message and "最少人数" in message


def test_venue_outside_the_area(sapporo, theme, request_data):
    request_data["venue_address"] = "小樽市稲穂2丁目"
    message = refusal(sapporo, theme, request_data)["venue_address"][0]
    assert "札幌市内に限ります" in message and "実施区域" in message


def test_outside_the_hours(sapporo, theme, request_data):
    request_data["preferred_1"] = next_weekday_at(30, hour=20)  # 90 minutes end after 21:00
    assert "実施時間" in refusal(sapporo, theme, request_data)["preferred_1"][0]


def test_weekday_rule(sapporo, theme, rules, request_data):
    rules.weekdays = "01234"
    rules.save()
    saturday = request_data["preferred_1"]
    while saturday.weekday() != 5:
        saturday += datetime.timedelta(days=1)
    request_data["preferred_1"] = saturday
    assert "土曜日は実施していません" in refusal(sapporo, theme, request_data)["preferred_1"][0]


def test_excluded_purpose(sapporo, theme, request_data):
    request_data["purpose_confirmed"] = False
    assert "政治活動" in refusal(sapporo, theme, request_data)["purpose_confirmed"][0]


def test_the_same_form_submitted_twice_makes_one_request(sapporo, theme, request_data):
    first, created = actions.submit_request(sapporo, theme, request_data, form_token="tok-1")
    again, created_again = actions.submit_request(sapporo, theme, request_data, form_token="tok-1")
    assert created and not created_again and first.pk == again.pk
    assert Request.objects.count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("phone", "011-211", "電話番号は市外局番から半角数字で"),
    ("email", "sato@", "有効なメールアドレス"),
])
def test_malformed_contact_is_refused_next_to_the_field(client, theme, request_data, field, value, message):
    form = {k: (v.strftime("%Y-%m-%dT%H:%M") if hasattr(v, "strftime") else ("" if v is None else v))
            for k, v in request_data.items()}
    form.update({"consent": "on", "purpose_confirmed": "on", "form_token": "tok-x", field: value})
    response = client.post(f"/org/sapporo/lectures/themes/{theme.pk}/apply/", form)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and message in page
    assert not Request.objects.exists()
