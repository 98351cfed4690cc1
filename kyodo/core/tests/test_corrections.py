"""Corrections and withdrawals keep who, when, why and the earlier version, and the public notice
shows them; nothing changes without a reason."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from kyodo.core import corrections
from kyodo.core.models import AuditEntry, Organisation

from .factories import UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(email="coordinator@city.example.jp")


def test_a_correction_changes_the_record_and_keeps_the_earlier_version(sapporo, staff):
    sapporo.description = "人口は196万人です。"
    sapporo.save()
    correction = corrections.correct(staff, sapporo, reason="人口の数値に誤りがありました。",
                                     changes={"description": "人口は197万人です。"})
    sapporo.refresh_from_db()
    assert sapporo.description == "人口は197万人です。"
    assert correction.kind == "corrected" and correction.actor == staff
    assert correction.before == {"紹介": "人口は196万人です。"}
    assert correction.after == {"紹介": "人口は197万人です。"}
    assert correction.organisation_id == sapporo.pk
    # The change itself is in the audit log too.
    assert AuditEntry.objects.filter(object_pk=str(sapporo.pk), action=AuditEntry.Action.UPDATE).exists()


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001, "理由\x00"])
def test_no_correction_without_a_readable_reason(sapporo, staff, reason):
    with pytest.raises(ValidationError):
        corrections.correct(staff, sapporo, reason=reason, changes={"description": "新しい紹介"})
    assert Organisation.objects.get(pk=sapporo.pk).description == sapporo.description
    assert not corrections.Correction.objects.exists()


def test_a_correction_that_changes_nothing_is_refused(sapporo, staff):
    with pytest.raises(ValidationError, match="変わっていません"):
        corrections.correct(staff, sapporo, reason="念のため", changes={"name": sapporo.name})


def test_an_invalid_correction_is_refused_and_nothing_is_recorded(sapporo, staff):
    with pytest.raises(ValidationError):
        corrections.correct(staff, sapporo, reason="URLの訂正", changes={"website": "not a url"})
    assert not corrections.Correction.objects.exists()


def test_withdrawal_for_personal_data_stops_serving(sapporo, staff):
    assert not corrections.is_removed(sapporo)
    corrections.withdraw(staff, sapporo, reason="個人の電話番号が含まれていたため", removed=True)
    assert corrections.is_removed(sapporo)


def test_the_public_notice_shows_when_why_and_what_was_there_before(sapporo, staff):
    corrections.correct(staff, sapporo, reason="誤字を訂正しました。", changes={"description": "正しい紹介"})
    html = Template("{% load corrections %}{% correction_notices obj %}").render(Context({"obj": sapporo}))
    assert "訂正しました。" in html and "誤字を訂正しました。" in html
    assert "訂正前の内容を見る" in html and "<del>" in html
    assert "令和" in html  # the date in 和暦


def test_notices_for_many_records_take_one_query(sapporo, hokkaido, staff, django_assert_num_queries):
    for organisation in (sapporo, hokkaido):
        corrections.correct(staff, organisation, reason="訂正", changes={"description": "新"})
    with django_assert_num_queries(1):
        trail = corrections.corrections_of([sapporo, hokkaido])
    assert {pk: len(items) for pk, items in trail.items()} == {sapporo.pk: 1, hokkaido.pk: 1}
