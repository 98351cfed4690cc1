"""The period of a call (行政手続法 第39・40条): 30 days by default, shorter only with a reason
recorded; an announced call's period can be extended by a correction, never shortened."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kyodo.publiccomment import actions
from kyodo.publiccomment.models import Call, default_closes_on

from .conftest import make_call


def new_call(sapporo, office, days, reason=""):
    today = timezone.localdate()
    return Call(organisation=sapporo, department=office, title="案", summary="概要", reason="趣旨",
                opens_on=today, closes_on=today + datetime.timedelta(days=days - 1), short_period_reason=reason,
                eligible=["resident"])


def test_the_default_period_is_thirty_days_counting_the_first_day():
    start = datetime.date(2026, 4, 1)
    call = Call(opens_on=start, closes_on=default_closes_on(start))
    assert call.period_days == 30
    assert call.closes_on == datetime.date(2026, 4, 30)


def test_thirty_days_need_no_reason(sapporo, office, office_staff):
    call = actions.save_call(office_staff, new_call(sapporo, office, 30))
    assert call.pk and call.status == Call.Status.DRAFT


def test_a_shorter_period_without_a_reason_is_refused_and_nothing_saved(sapporo, office, office_staff):
    with pytest.raises(ValidationError) as error:
        actions.save_call(office_staff, new_call(sapporo, office, 20))
    assert "30日未満" in str(error.value.message_dict["short_period_reason"])
    assert not Call.objects.exists()


def test_a_shorter_period_with_its_reason_is_accepted_and_the_reason_kept(sapporo, office, office_staff):
    call = actions.save_call(office_staff, new_call(sapporo, office, 14, reason="法改正の施行日に間に合わせるため"))
    assert call.period_days == 14
    assert Call.objects.get().short_period_reason == "法改正の施行日に間に合わせるため"


def test_the_last_day_before_the_first_is_refused(sapporo, office, office_staff):
    call = new_call(sapporo, office, 30)
    call.closes_on = call.opens_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        actions.save_call(office_staff, call)
    assert "closes_on" in error.value.message_dict


def test_who_may_comment_must_be_chosen(sapporo, office, office_staff):
    call = new_call(sapporo, office, 30)
    call.eligible = []
    with pytest.raises(ValidationError) as error:
        actions.save_call(office_staff, call)
    assert "eligible" in error.value.message_dict


def test_an_announced_period_is_extended_with_a_reason_but_never_shortened(sapporo, office, office_staff):
    call = make_call(sapporo, office)
    longer = call.closes_on + datetime.timedelta(days=10)
    actions.correct_call(office_staff, call, reason="意見が多く寄せられているため延長します", changes={"closes_on": longer})
    call.refresh_from_db()
    assert call.closes_on == longer
    from kyodo.core.corrections import corrections_of

    assert corrections_of([call])[call.pk][0].reason == "意見が多く寄せられているため延長します"
    with pytest.raises(ValidationError):
        actions.correct_call(office_staff, call, reason="短縮", changes={"closes_on": longer - datetime.timedelta(days=5)})


def test_an_announced_call_cannot_be_edited_silently(sapporo, office, office_staff):
    call = make_call(sapporo, office)
    call.title = "別の名前"
    with pytest.raises(ValidationError):
        actions.save_call(office_staff, call)
