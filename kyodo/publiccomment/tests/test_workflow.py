"""The states of a call (予告 → 募集中 → 締切 → 集計・検討 → 結果公表): the open and closed phases
come from the dates; staff move it on with checks."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kyodo.publiccomment import actions
from kyodo.publiccomment.models import Call, OpinionItem

from .conftest import add_comments, make_call


def test_the_phase_follows_the_calendar(sapporo, office):
    today = timezone.localdate()
    call = make_call(sapporo, office, opens=today + datetime.timedelta(days=3))
    assert call.phase() == Call.Phase.NOTICE
    assert call.phase(today + datetime.timedelta(days=3)) == Call.Phase.OPEN
    assert call.phase(call.closes_on) == Call.Phase.OPEN
    assert call.phase(call.closes_on + datetime.timedelta(days=1)) == Call.Phase.CLOSED


def test_announce_needs_a_draft_text_or_document_and_a_start_not_past(sapporo, office, office_staff):
    call = make_call(sapporo, office, status=Call.Status.DRAFT, opens=timezone.localdate())
    call.sections.all().delete()
    with pytest.raises(ValidationError):
        actions.announce(office_staff, call)
    call.sections.create(number=1, heading="見出し", text="本文")
    actions.announce(office_staff, call)
    call.refresh_from_db()
    assert call.status == Call.Status.ANNOUNCED and call.announced_at is not None
    assert call.current_phase == Call.Phase.OPEN


def test_review_only_after_the_deadline(sapporo, office, office_staff, open_call, closed_call):
    with pytest.raises(ValidationError) as error:
        actions.start_review(office_staff, open_call)
    assert "募集期間中" in error.value.messages[0]
    actions.start_review(office_staff, closed_call)
    assert Call.objects.get(pk=closed_call.pk).status == Call.Status.REVIEWING


def test_results_are_published_only_when_every_comment_is_grouped_and_answered(sapporo, office, office_staff,
                                                                                closed_call):
    comments = add_comments(closed_call, 3)
    actions.start_review(office_staff, closed_call)
    item = actions.save_opinion_item(office_staff, OpinionItem(call=closed_call, summary="早く公表を"),
                                     comments=comments[:2])
    with pytest.raises(ValidationError) as error:
        actions.publish_results(office_staff, closed_call)
    text = " ".join(error.value.messages)
    assert "整理していない" in text and comments[2].receipt_number in text and "市の考え方" in text
    actions.group(office_staff, comments[2], [item])
    item.response = "次回から公表の目安を示します。"
    actions.save_opinion_item(office_staff, item)
    actions.publish_results(office_staff, closed_call, results_summary="3件の意見を1項目に整理しました。")
    closed_call.refresh_from_db()
    assert closed_call.status == Call.Status.PUBLISHED and closed_call.results_published_at


def test_commenters_get_one_mail_when_the_results_are_published(sapporo, office, office_staff, closed_call,
                                                                django_capture_on_commit_callbacks):
    comments = add_comments(closed_call, 3)
    # The same person sent two comments: one mail for them.
    comments[1].email = comments[0].email.upper()
    comments[1].save()
    actions.start_review(office_staff, closed_call)
    actions.save_opinion_item(office_staff, OpinionItem(call=closed_call, summary="概要", response="考え方"),
                              comments=comments)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_results(office_staff, closed_call)
    assert sorted(m.to[0].lower() for m in mail.outbox) == ["c0@example.jp", "c2@example.jp"]
    assert all("結果を公表" in m.subject for m in mail.outbox)
    assert all(len(m.to) == 1 for m in mail.outbox)


def test_published_results_are_corrected_with_a_reason_never_edited(sapporo, office, office_staff, closed_call):
    comments = add_comments(closed_call, 1)
    actions.start_review(office_staff, closed_call)
    item = actions.save_opinion_item(office_staff, OpinionItem(call=closed_call, summary="概要", response="考え方"),
                                     comments=comments)
    actions.publish_results(office_staff, closed_call)
    item.refresh_from_db()
    item.response = "黙って書き換え"
    with pytest.raises(ValidationError):
        actions.save_opinion_item(office_staff, item)
    item.refresh_from_db()
    correction = actions.correct_published(office_staff, item, reason="誤字の訂正", changes={"response": "考え方(訂正)"})
    assert correction.before == {"市の考え方": "考え方"}
    assert OpinionItem.objects.get(pk=item.pk).response == "考え方(訂正)"


def test_modified_item_needs_its_changed_text(sapporo, office, office_staff, closed_call):
    actions.start_review(office_staff, closed_call)
    with pytest.raises(ValidationError) as error:
        actions.save_opinion_item(office_staff, OpinionItem(call=closed_call, summary="概要", response="考え方",
                                                            modified=True))
    assert "modification" in error.value.message_dict
