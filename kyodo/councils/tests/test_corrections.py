"""訂正・取下げ in 市民会議 (issue 14 §3): approved minutes corrected with a reason go back to
approval and the public page says so; a material can be withdrawn, and one withdrawn for a
personal-data incident is never served again; the administration's response to a
recommendation and a published evaluation are corrected with a notice on the public pages."""

import datetime
import html

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyodo.core.corrections import Correction
from kyodo.core.models import AuditEntry
from kyodo.core.tests.factories import UserFactory
from kyodo.councils import actions
from kyodo.councils.models import DEFAULT_CRITERIA, Meeting, Recommendation, RecommendationReport

pytestmark = pytest.mark.django_db

APPROVED = "窓口の待ち時間について議論した。委員の山田氏の自宅住所は札幌市中央区1-1。"
CORRECTED = "窓口の待ち時間について議論した。"


@pytest.fixture
def meeting(council):
    return Meeting.objects.create(
        council=council, number=3, starts_at=timezone.now() - datetime.timedelta(days=20),
        venue="本庁舎 会議室", agenda="市民サービスの改革について", minutes=APPROVED)


@pytest.fixture
def approved(meeting, secretariat):
    return actions.approve_minutes(secretariat, meeting)


def public(client, meeting):
    return html.unescape(client.get(f"/org/sapporo/councils/meetings/{meeting.pk}/").content.decode())


# --- Minutes ----------------------------------------------------------------------------------------

def test_corrected_minutes_go_back_to_approval_and_the_public_page_says_so(client, approved, secretariat):
    actions.correct_minutes(secretariat, approved, minutes=CORRECTED, reason="個人の住所を削除しました。")
    approved.refresh_from_db()
    assert approved.minutes_approved_on is None and approved.minutes == CORRECTED
    page = public(client, approved)
    assert "訂正中" in page and APPROVED in page  # the earlier approved text, marked
    assert "個人の住所を削除しました。" in page

    actions.approve_minutes(secretariat, approved)
    page = public(client, approved)
    assert "訂正中" not in page
    assert "訂正しました。" in page and "個人の住所を削除しました。" in page  # when and why
    assert f"<del>{APPROVED}</del>" in page  # the earlier text stays readable
    correction = Correction.objects.get()
    assert correction.actor == secretariat and correction.before == {"会議録": APPROVED}


def test_minutes_with_personal_data_stop_being_shown_at_once_and_stay_only_in_the_audit(
        client, approved, secretariat):
    client.force_login(secretariat)
    response = client.post(f"/org/sapporo/councils/workspace/meetings/{approved.pk}/", {
        "step": "correct", "correction-minutes": CORRECTED,
        "correction-reason": "委員の自宅住所が載っていたため公開を停止しました。",
        "correction-personal_data": "on"})
    assert response.status_code == 302
    client.logout()
    (row,) = client.get(f"/api/v1/councils/{approved.council_id}/meetings").json()["items"]
    assert row["minutes"] is None  # neither while 訂正中 …
    assert "札幌市中央区1-1" not in public(client, approved)
    page = public(client, approved)
    assert "公開停止しました" in page and "委員の自宅住所が載っていたため" in page
    actions.approve_minutes(secretariat, approved)
    page = public(client, approved)
    assert CORRECTED in page and "札幌市中央区1-1" not in page  # … nor in the notice afterwards
    assert "公開停止しました" in page
    assert Correction.objects.get().before == {}
    assert any("札幌市中央区1-1" in str(entry.changes_dict)  # kept for the audit
               for entry in AuditEntry.objects.all())


def test_approved_minutes_are_not_edited_silently(client, approved, secretariat):
    with pytest.raises(ValidationError, match="会議録の訂正"):
        approved.minutes = "こっそり書き換え"
        actions.save_meeting(secretariat, approved)
    client.force_login(secretariat)
    client.post(f"/org/sapporo/councils/workspace/meetings/{approved.pk}/", {
        "step": "record", "observers": "2", "minutes_kind": "summary", "minutes": "こっそり書き換え"})
    approved.refresh_from_db()
    assert approved.minutes == APPROVED and approved.minutes_approved_on is not None
    assert approved.observers == 2  # the rest of the record is still kept


def test_minutes_correction_from_the_staff_screen_needs_a_reason(client, approved, secretariat):
    client.force_login(secretariat)
    url = f"/org/sapporo/councils/workspace/meetings/{approved.pk}/"
    response = client.post(url, {"step": "correct", "correction-minutes": CORRECTED, "correction-reason": ""})
    assert response.status_code == 400 and "このフィールドは必須です" in response.content.decode()
    response = client.post(url, {"step": "correct", "correction-minutes": CORRECTED,
                                 "correction-reason": "誤記の訂正"})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.minutes == CORRECTED and approved.minutes_approved_on is None


def test_only_approved_minutes_are_corrected_and_only_by_the_secretariat(meeting, approved, secretariat, member_a):
    with pytest.raises(PermissionDenied):
        actions.correct_minutes(member_a.user, approved, minutes=CORRECTED, reason="誤記")
    actions.correct_minutes(secretariat, approved, minutes=CORRECTED, reason="誤記")
    with pytest.raises(ValidationError, match="承認済みの会議録について"):
        actions.correct_minutes(secretariat, approved, minutes="さらに", reason="誤記")


# --- Materials -------------------------------------------------------------------------------------

@pytest.fixture
def material(meeting, secretariat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("meibo.pdf", b"%PDF-1.4\n%list of names\n", content_type="application/pdf")
    return actions.add_material(secretariat, meeting, "資料3 参加者名簿", pdf)


def test_a_withdrawn_material_shows_why_and_stays_readable(client, meeting, material, secretariat):
    actions.withdraw_material(secretariat, material, reason="最新版に差し替えるため")
    page = public(client, meeting)
    assert "この資料は取り下げました(理由: 最新版に差し替えるため" in page
    assert client.get(f"/org/sapporo/councils/materials/{material.pk}/").status_code == 200


def test_a_material_removed_for_personal_data_is_never_served_again(client, meeting, material, secretariat):
    url = f"/org/sapporo/councils/materials/{material.pk}/"
    assert client.get(url).status_code == 200
    client.force_login(secretariat)
    response = client.post(f"/org/sapporo/councils/workspace/meetings/{meeting.pk}/", {
        "step": "withdraw", "material": material.pk,
        f"withdraw-{material.pk}-reason": "個人の連絡先が含まれていたため", f"withdraw-{material.pk}-removed": "on"})
    assert response.status_code == 302
    for viewer in (client, type(client)()):  # the secretariat and the public alike
        response = viewer.get(url)
        assert response.status_code == 410
        assert "公開を停止しました" in response.content.decode()
    page = public(type(client)(), meeting)
    assert "この資料は取り下げました(理由: 個人の連絡先が含まれていたため" in page
    assert url not in page
    material.refresh_from_db()
    assert material.file.storage.exists(material.file.name)  # kept, only for the audit
    assert Correction.objects.get().kind == Correction.Kind.REMOVED
    assert AuditEntry.objects.get_for_object(material).filter(changes__icontains="withdrawn_at").exists()


def test_a_withdrawn_material_can_still_be_removed_but_not_twice(material, secretariat):
    actions.withdraw_material(secretariat, material, reason="差し替え")
    with pytest.raises(ValidationError, match="すでに取り下げ"):
        actions.withdraw_material(secretariat, material, reason="差し替え")
    actions.withdraw_material(secretariat, material, reason="名簿が含まれていた", removed=True)
    with pytest.raises(ValidationError, match="すでに取り下げ"):
        actions.withdraw_material(secretariat, material, reason="再度", removed=True)


def test_withdrawal_needs_a_reason_next_to_the_field(client, meeting, material, secretariat):
    client.force_login(secretariat)
    response = client.post(f"/org/sapporo/councils/workspace/meetings/{meeting.pk}/", {
        "step": "withdraw", "material": material.pk, f"withdraw-{material.pk}-reason": ""})
    assert response.status_code == 400
    material.refresh_from_db()
    assert material.withdrawn_at is None and not Correction.objects.exists()


def test_only_the_secretariat_withdraws_a_material(material, member_a):
    with pytest.raises(PermissionDenied):
        actions.withdraw_material(member_a.user, material, reason="取下げ")
    with pytest.raises(PermissionDenied):
        actions.withdraw_material(UserFactory(), material, reason="取下げ")


# --- 市の考え方 and published evaluations ----------------------------------------------------------

@pytest.fixture
def recommendation(council, item, theme):
    report = RecommendationReport.objects.create(council=council, title="最終提言",
                                                 submitted_on=datetime.date(2004, 9, 30))
    recommendation = Recommendation.objects.create(report=report, number=1, theme=theme,
                                                   title="窓口を市民の目線で見直すこと")
    recommendation.items.set([item])
    return recommendation


def test_a_given_response_is_corrected_with_a_reason_shown_on_the_public_pages(client, recommendation, item,
                                                                              secretariat):
    actions.record_response(secretariat, recommendation, status="considering", response="夜間窓口を検討します。")
    actions.record_response(secretariat, recommendation, status="partly", response="夜間窓口を検討します。")
    assert not Correction.objects.exists()  # the status moves on without a correction
    with pytest.raises(ValidationError) as refused:
        actions.record_response(secretariat, recommendation, status="partly", response="夜間窓口を週2回試行しています。")
    assert "correction_reason" in refused.value.error_dict
    actions.record_response(secretariat, recommendation, status="partly", response="夜間窓口を週2回試行しています。",
                            correction_reason="試行の回数を書き加えました。")
    recommendation.refresh_from_db()
    assert recommendation.response == "夜間窓口を週2回試行しています。" and recommendation.status == "partly"
    for url in ("/org/sapporo/councils/recommendations/", f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/"):
        page = html.unescape(client.get(url).content.decode())
        assert "試行の回数を書き加えました。" in page and "<del>夜間窓口を検討します。</del>" in page


def test_the_response_form_asks_for_the_reason_only_once_a_response_is_given(client, recommendation, secretariat):
    client.force_login(secretariat)
    url = f"/org/sapporo/councils/workspace/recommendations/{recommendation.pk}/"
    assert "市の考え方を訂正する理由" not in client.get(url).content.decode()
    client.post(url, {"status": "considering", "response": "検討します。"})
    assert "市の考え方を訂正する理由" in client.get(url).content.decode()
    response = client.post(url, {"status": "considering", "response": "検討を始めました。"})
    assert response.status_code == 200 and "訂正の理由を書いてください" in response.content.decode()
    client.post(url, {"status": "considering", "response": "検討を始めました。", "correction_reason": "表現の訂正"})
    recommendation.refresh_from_db()
    assert recommendation.response == "検討を始めました。"


def test_a_given_response_is_withdrawn_with_a_reason_and_stays_readable(client, recommendation, item,
                                                                       secretariat):
    url = f"/org/sapporo/councils/workspace/recommendations/{recommendation.pk}/"
    client.force_login(secretariat)
    assert "市の考え方を取り下げる" not in client.get(url).content.decode()  # nothing given yet
    with pytest.raises(ValidationError, match="取り下げる市の考え方がありません"):
        actions.withdraw_response(secretariat, recommendation, reason="誤り")
    actions.record_response(secretariat, recommendation, status="not_reflected",
                            response="財源がないため実施しません。", reason="財源の不足")
    assert "市の考え方を取り下げる" in client.get(url).content.decode()
    refused = client.post(url, {"step": "withdraw", "withdraw-reason": ""})
    assert "このフィールドは必須です" in refused.content.decode()
    client.post(url, {"step": "withdraw", "withdraw-reason": "別の提言への回答を誤って登録していました。"})
    recommendation.refresh_from_db()
    assert (recommendation.response, recommendation.status, recommendation.reason) == ("", "considering", "")
    client.logout()
    for page_url in ("/org/sapporo/councils/recommendations/",
                     f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/"):
        page = html.unescape(client.get(page_url).content.decode())
        assert "取り下げました" in page and "別の提言への回答を誤って登録していました。" in page, page_url
        assert "<del>財源がないため実施しません。</del>" in page, page_url
        assert "取り下げた内容を見る" in page, page_url


def test_only_the_responsible_staff_withdraw_a_response(recommendation, secretariat, member_a):
    actions.record_response(secretariat, recommendation, status="considering", response="検討します。")
    with pytest.raises(PermissionDenied):
        actions.withdraw_response(member_a.user, recommendation, reason="誤り")


def evaluation_pages(round_, item):
    """Where a published evaluation is read: its page, its print view and the item's page."""
    return (f"/org/sapporo/councils/evaluations/{round_.pk}/",
            f"/org/sapporo/councils/evaluations/{round_.pk}/print/",
            f"/org/sapporo/plans/{item.plan_id}/items/{item.pk}/")


@pytest.fixture
def closed_round(council, item, member_a, secretariat):
    round_ = actions.open_round(secretariat, council, title="平成17年度 実施状況の評価", fiscal_year=2005,
                                items=[item], criteria=[str(c) for c in DEFAULT_CRITERIA])
    actions.save_ratings(member_a.user, round_, {(item.pk, c.pk): (4, "") for c in round_.criteria.all()},
                         submit=True)
    actions.close_round(secretariat, round_)
    actions.save_verdict(secretariat, round_, item, evaluation="おおむね順調", response="説明を充実します")
    return round_


@pytest.fixture
def published_round(closed_round, secretariat):
    return actions.publish_round(secretariat, closed_round)


def test_a_published_evaluation_is_corrected_with_a_reason(client, closed_round, item, secretariat):
    round_ = closed_round
    actions.save_verdict(secretariat, round_, item, evaluation="おおむね順調です", response="説明を充実します")
    actions.publish_round(secretariat, round_)
    assert not Correction.objects.exists()  # changes before publication are drafts
    with pytest.raises(ValidationError, match="理由"):
        actions.save_verdict(secretariat, round_, item, evaluation="順調", response="説明を充実します")
    client.force_login(secretariat)
    client.post(f"/org/sapporo/councils/workspace/evaluations/{round_.pk}/manage/", {
        "step": "verdict", "item": item.pk, "evaluation": "順調", "response": "説明を充実します",
        "correction_reason": "会議で確定した表現に合わせました。"})
    client.logout()
    for url in evaluation_pages(round_, item):
        page = html.unescape(client.get(url).content.decode())
        assert "会議で確定した表現に合わせました。" in page and "<del>おおむね順調です</del>" in page, url


def test_a_published_evaluation_is_withdrawn_from_the_staff_screen_and_stays_readable(
        client, published_round, item, council, secretariat):
    manage = f"/org/sapporo/councils/workspace/evaluations/{published_round.pk}/manage/"
    client.force_login(secretariat)
    refused = client.post(manage, {"step": "withdraw", "withdraw-reason": ""})
    assert refused.status_code == 400 and "このフィールドは必須です" in refused.content.decode()
    published_round.refresh_from_db()
    assert published_round.withdrawn_at is None
    client.post(manage, {"step": "withdraw", "withdraw-reason": "集計の対象に誤りがあったため取り下げます。"})
    published_round.refresh_from_db()
    assert published_round.withdrawn_at is not None
    staff_page = html.unescape(client.get(manage).content.decode())
    assert "集計の対象に誤りがあったため取り下げます。" in staff_page
    assert "総合評価を訂正" not in staff_page  # a withdrawn evaluation is no longer corrected
    client.logout()
    for url in evaluation_pages(published_round, item):
        page = html.unescape(client.get(url).content.decode())
        assert "取り下げました" in page and "集計の対象に誤りがあったため取り下げます。" in page, url
        assert "おおむね順調" in page, url  # the earlier evaluation stays readable
    council_page = html.unescape(client.get(f"/org/sapporo/councils/{council.pk}/").content.decode())
    assert "取下げ" in council_page
    api = client.get(f"/api/v1/councils/evaluations/{published_round.pk}").json()
    assert api["withdrawn_at"] and api["withdrawal_reason"] == "集計の対象に誤りがあったため取り下げます。"
    assert AuditEntry.objects.filter(object_repr=str(published_round)).exists()


def test_only_the_secretariat_withdraws_and_only_a_standing_publication(
        council, item, member_a, published_round, secretariat):
    with pytest.raises(PermissionDenied):
        actions.withdraw_round(member_a.user, published_round, reason="誤り")
    actions.withdraw_round(secretariat, published_round, reason="誤り")
    with pytest.raises(ValidationError, match="公表中の評価だけ"):
        actions.withdraw_round(secretariat, published_round, reason="二度目")
    draft = actions.open_round(secretariat, council, title="平成18年度 実施状況の評価", fiscal_year=2006,
                               items=[item], criteria=[str(c) for c in DEFAULT_CRITERIA])
    with pytest.raises(ValidationError, match="公表中の評価だけ"):
        actions.withdraw_round(secretariat, draft, reason="誤り")
    assert Correction.objects.filter(kind=Correction.Kind.WITHDRAWN).count() == 1


def test_minutes_approved_before_the_text_was_kept_show_it_while_corrected(client, council, meeting, secretariat):
    """Minutes loaded or imported as approved (no approved text kept) still show it, 訂正中."""
    Meeting.objects.filter(pk=meeting.pk).update(minutes_approved_on=datetime.date(2004, 6, 1))
    meeting.refresh_from_db()
    actions.correct_minutes(secretariat, meeting, minutes=CORRECTED, reason="個人の住所を削除しました。")
    page = public(client, meeting)
    assert "訂正中" in page and APPROVED in page
    [shown] = client.get(f"/api/v1/councils/{council.pk}/meetings").json()["items"]
    assert shown["minutes"] == APPROVED and shown["minutes_approved_on"] is None


def test_the_api_lists_only_materials_that_stand(client, council, meeting, material, secretariat):
    api = f"/api/v1/councils/{council.pk}/meetings"
    assert [m["title"] for m in client.get(api).json()["items"][0]["materials"]] == ["資料3 参加者名簿"]
    actions.withdraw_material(secretariat, material, reason="名簿が含まれていた", removed=True)
    assert client.get(api).json()["items"][0]["materials"] == []


def test_a_material_of_another_meeting_is_not_withdrawn_through_this_one(client, council, meeting, material,
                                                                        secretariat):
    other = Meeting.objects.create(council=council, number=4, venue="本庁舎", agenda="別の回",
                                   starts_at=timezone.now() - datetime.timedelta(days=5))
    client.force_login(secretariat)
    response = client.post(f"/org/sapporo/councils/workspace/meetings/{other.pk}/", {
        "step": "withdraw", "material": material.pk, f"withdraw-{material.pk}-reason": "取下げ"})
    assert response.status_code == 404
    for junk in ("abc", "-1", "9" * 25):
        response = client.post(f"/org/sapporo/councils/workspace/meetings/{meeting.pk}/", {
            "step": "withdraw", "material": junk})
        assert response.status_code in (400, 404)
    material.refresh_from_db()
    assert material.withdrawn_at is None and not Correction.objects.exists()
