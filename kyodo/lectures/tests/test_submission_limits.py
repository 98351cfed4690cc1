"""The public forms count only what they accepted: a resident who gets a field wrong is never
locked out, and on the limit the form keeps what was typed and says when to try again."""

import pytest

from kyodo.lectures.models import Request

from .test_hostile_input import apply_form, apply_url

pytestmark = pytest.mark.django_db


def test_refused_requests_do_not_count(client, theme, request_data):
    for attempt in range(12):
        response = client.post(apply_url(theme), apply_form(request_data, phone="011-211", form_token=f"bad-{attempt}"))
        assert response.status_code == 400
    response = client.post(apply_url(theme), apply_form(request_data))
    assert response.status_code == 302 and Request.objects.count() == 1


def test_on_the_limit_the_form_keeps_what_was_typed_and_says_when_to_retry(client, theme, request_data):
    for attempt in range(10):
        assert client.post(apply_url(theme), apply_form(request_data, form_token=f"ok-{attempt}")).status_code == 302
    response = client.post(apply_url(theme), apply_form(request_data, form_token="one-more", group_name="大通町内会"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "入力内容はそのまま残っています" in page and "分後にもう一度" in page
    assert 'value="大通町内会"' in page and 'value="011-211-2111"' in page
    assert Request.objects.count() == 10


def test_status_look_ups_count_only_those_made(client, theme):
    for _attempt in range(12):  # malformed: refused by the form, no look-up made
        assert client.post("/org/sapporo/lectures/status/", {"receipt": "R8-1", "email": "x@"}).status_code == 400
    for _attempt in range(10):  # well-formed guesses: each is a look-up
        client.post("/org/sapporo/lectures/status/", {"receipt": "R8-9999", "email": "x@example.jp"})
    response = client.post("/org/sapporo/lectures/status/", {"receipt": "R8-0001", "email": "sato@example.jp"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "分後にもう一度" in page and 'value="R8-0001"' in page and 'value="sato@example.jp"' in page
    assert response.context["found"] is None

