"""A resident comments on a draft on the web: a receipt number and a confirmation mail; the
deadline, the name rule, who may comment and consent are checked with clear messages; the
form is throttled; nothing half-saved."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyodo.publiccomment import actions
from kyodo.publiccomment.models import Call, Comment

from .conftest import make_call


def form_url(call):
    return reverse("publiccomment:comment_form", args=[call.organisation.slug, call.pk])


def post_data(client, call, **changes):
    page = client.get(form_url(call))
    token = page.context["form"].initial["form_token"]
    data = {"form_token": token, "commenter_type": "resident", "name": "札幌 花子", "address_area": "中央区",
            "email": "hanako@example.jp", "phone": "", "section": "", "body": "結果を早く公表してください。",
            "consent": "on"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_resident_comments_and_gets_a_receipt_number_and_a_mail(client, open_call,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(open_call), post_data(client, open_call))
    assert response.status_code == 302
    done = client.get(response["Location"])
    comment = Comment.objects.get()
    assert comment.receipt_number == f"PC{open_call.pk}-0001"
    assert comment.receipt_number in done.content.decode()
    assert len(mail.outbox) == 1 and comment.receipt_number in mail.outbox[0].subject
    assert mail.outbox[0].to == ["hanako@example.jp"]


def test_receipt_numbers_follow_each_other_per_call_and_a_resend_makes_no_second(client, open_call, sapporo, office):
    data = post_data(client, open_call)
    client.post(form_url(open_call), data)
    client.post(form_url(open_call), data)  # the same form sent twice
    client.post(form_url(open_call), post_data(client, open_call))
    other = make_call(sapporo, office, title="別の案")
    client.post(form_url(other), post_data(client, other))
    assert [c.receipt_number for c in Comment.objects.filter(call=open_call).order_by("sequence")] == [
        f"PC{open_call.pk}-0001", f"PC{open_call.pk}-0002"]
    assert Comment.objects.get(call=other).receipt_number == f"PC{other.pk}-0001"


def test_after_the_deadline_a_comment_is_refused_with_the_date(client, closed_call):
    response = client.post(form_url(closed_call), post_data(client, closed_call))
    assert response.status_code == 400
    assert "締め切りました" in response.content.decode()
    assert not Comment.objects.exists()


def test_before_the_first_day_a_comment_is_refused(client, sapporo, office):
    call = make_call(sapporo, office, opens=timezone.localdate() + datetime.timedelta(days=2))
    response = client.post(form_url(call), post_data(client, call))
    assert response.status_code == 400 and not Comment.objects.exists()


def test_the_name_is_required_when_the_call_says_so(client, sapporo, office):
    call = make_call(sapporo, office, name_required=True)
    response = client.post(form_url(call), post_data(client, call, name=""))
    assert response.status_code == 400 and not Comment.objects.exists()
    call.name_required = False
    call.save()
    assert client.post(form_url(call), post_data(client, call, name="")).status_code == 302


def test_only_the_eligible_may_comment(client, sapporo, office):
    call = make_call(sapporo, office, eligible=["resident"])
    response = client.post(form_url(call), post_data(client, call, commenter_type="business"))
    assert response.status_code == 400 and not Comment.objects.exists()


def test_consent_is_required(client, open_call):
    response = client.post(form_url(open_call), post_data(client, open_call, consent=None))
    assert response.status_code == 400
    assert "同意" in response.content.decode()


def test_a_section_of_another_call_is_refused(client, open_call, sapporo, office):
    other = make_call(sapporo, office, title="別の案")
    response = client.post(form_url(open_call), post_data(client, open_call, section=str(other.sections.get().pk)))
    assert response.status_code == 400 and not Comment.objects.exists()


def test_the_form_is_throttled_and_keeps_what_was_typed(client, open_call, settings):
    for _ in range(10):
        assert client.post(form_url(open_call), post_data(client, open_call)).status_code == 302
    response = client.post(form_url(open_call), post_data(client, open_call, body="11件目の意見"))
    assert response.status_code == 429
    assert "11件目の意見" in response.content.decode()
    assert Comment.objects.count() == 10


def test_staff_key_in_a_comment_received_by_post_with_the_channel(office_staff, closed_call):
    received = closed_call.closes_on  # postmarked on the last day, arrived after it
    comment, created = actions.enter_on_behalf(office_staff, closed_call, {
        "commenter_type": "resident", "name": "郵送 太郎", "body": "郵送での意見です。", "section": None},
        channel="post", received_on=received)
    assert created and comment.channel == "post" and comment.entered_by == office_staff
    assert timezone.localtime(comment.submitted_at).date() == received
    with pytest.raises(Exception):
        actions.enter_on_behalf(office_staff, closed_call, {
            "commenter_type": "resident", "body": "遅れて届いた意見", "section": None},
            channel="fax", received_on=closed_call.closes_on + datetime.timedelta(days=1))
    assert Comment.objects.count() == 1


def test_a_draft_call_has_no_public_form(client, sapporo, office):
    call = make_call(sapporo, office, status=Call.Status.DRAFT)
    assert client.get(form_url(call)).status_code == 404
