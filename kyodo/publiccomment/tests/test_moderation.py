"""Moderation: staff mask a personal attack or someone else's personal data with the reason
recorded; the original is kept for the staff, the public reads the masked text and a notice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kyodo.publiccomment import actions
from kyodo.publiccomment.models import Comment, OpinionItem

from .conftest import add_comments


@pytest.fixture
def comment(closed_call):
    found = add_comments(closed_call, 1)[0]
    found.body = "窓口の山田という職員の態度が悪い。研修をしてほしい。"
    found.save()
    return found


def test_masking_keeps_the_original_for_staff(office_staff, comment):
    actions.mask(office_staff, comment, passages=["山田という職員"], reason="attack")
    comment.refresh_from_db()
    assert comment.body == "窓口の[非公開]の態度が悪い。研修をしてほしい。"
    assert comment.original_body == "窓口の山田という職員の態度が悪い。研修をしてほしい。"
    assert comment.masked_by == office_staff and comment.mask_reason == "attack"
    # Masking again keeps the first original.
    actions.mask(office_staff, comment, passages=["研修"], reason="other", note="テスト")
    comment.refresh_from_db()
    assert "山田" in comment.original_body and "研修" not in comment.body


def test_a_passage_not_in_the_text_or_a_missing_reason_is_refused(office_staff, comment):
    with pytest.raises(ValidationError):
        actions.mask(office_staff, comment, passages=["佐藤"], reason="attack")
    with pytest.raises(ValidationError):
        actions.mask(office_staff, comment, passages=["山田"], reason="other", note="")
    comment.refresh_from_db()
    assert not comment.masked and "山田" in comment.body


def test_other_departments_cannot_mask(other_staff, comment):
    with pytest.raises(PermissionDenied):
        actions.mask(other_staff, comment, passages=["山田"], reason="attack")


def test_the_public_sees_the_masked_text_and_a_notice_never_the_original(client, office_staff, closed_call, comment):
    closed_call.publish_comments = True
    closed_call.save()
    actions.mask(office_staff, comment, passages=["山田という職員"], reason="attack")
    actions.start_review(office_staff, closed_call)
    actions.save_opinion_item(office_staff, OpinionItem(call=closed_call, summary="接遇", response="研修します"),
                              comments=[comment])
    actions.publish_results(office_staff, closed_call)
    page = client.get(reverse("publiccomment:results", args=[closed_call.organisation.slug, closed_call.pk]))
    assert "山田" not in page.content.decode()
    html = client.get(reverse("publiccomment:results_comments", args=[closed_call.organisation.slug,
                                                                      closed_call.pk])).content.decode()
    assert "[非公開]の態度が悪い" in html and "一部を非公開にしています" in html and "山田" not in html
    api = client.get(f"/api/v1/publiccomment/calls/{closed_call.pk}/comments").json()
    assert api["items"][0]["masked"] is True and "山田" not in str(api)


def test_the_staff_screen_masks_through_its_form(client, office_staff, closed_call, comment):
    client.force_login(office_staff)
    url = reverse("publiccomment:comment", args=[closed_call.organisation.slug, closed_call.pk, comment.pk])
    response = client.post(url, {"mask": "1", "mask-passages": "山田という職員", "mask-reason": "attack", "mask-note": ""})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "原文(職員のみ)" in page and "山田という職員" in page
    assert Comment.objects.get().masked
