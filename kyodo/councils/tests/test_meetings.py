"""Meetings: minutes are public once approved, materials are checked for type and size,
observer seats are reserved first come first served, closed meetings state their reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kyodo.councils import actions
from kyodo.councils.models import Meeting, Reservation

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(council):
    return Meeting.objects.create(
        council=council, number=1, starts_at=timezone.now() + datetime.timedelta(days=7),
        venue="本庁舎 会議室", agenda="市民サービスの改革について", observer_seats=3,
        minutes="窓口の待ち時間について議論した。")


def test_minutes_are_public_only_after_approval(client, meeting, secretariat):
    url = f"/org/sapporo/councils/meetings/{meeting.pk}/"
    assert "窓口の待ち時間について議論した。" not in client.get(url).content.decode()
    actions.approve_minutes(secretariat, meeting)
    page = client.get(url).content.decode()
    assert "窓口の待ち時間について議論した。" in page and "議事要旨" in page


def test_minutes_cannot_be_approved_empty(meeting, secretariat):
    meeting.minutes = ""
    with pytest.raises(ValidationError, match="会議録が空"):
        actions.approve_minutes(secretariat, meeting)


def test_a_pdf_is_accepted_and_served(client, meeting, secretariat, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("shiryo1.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    material = actions.add_material(secretariat, meeting, "資料1 プランの概要", pdf)
    response = client.get(f"/org/sapporo/councils/materials/{material.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "資料1 プランの概要" in client.get(f"/org/sapporo/councils/meetings/{meeting.pk}/").content.decode()


@pytest.mark.parametrize("name, content, message", [
    ("virus.exe", b"MZ\x90\x00", "PDF、Word、Excel"),
    ("disguised.pdf", b"MZ\x90\x00 not a pdf", "中身が拡張子"),
    ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "大きすぎます"),
])
def test_bad_files_are_refused(client, meeting, secretariat, settings, tmp_path, name, content, message):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(secretariat)
    response = client.post(f"/org/sapporo/councils/workspace/meetings/{meeting.pk}/", {
        "step": "material", "title": "資料", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not meeting.materials.exists()


def test_reservations_fill_the_seats_then_stop(client, meeting):
    url = f"/org/sapporo/councils/meetings/{meeting.pk}/reserve/"
    assert client.post(url, {"name": "傍聴 一", "email": "a@example.jp", "seats": "2"}).status_code == 302
    page = client.post(url, {"name": "傍聴 二", "email": "b@example.jp", "seats": "2"}).content.decode()
    assert "傍聴席が足りません(残り1席)" in page
    page = client.post(url, {"name": "傍聴 一", "email": "A@example.jp", "seats": "1"}).content.decode()
    assert "すでに予約があります" in page
    assert Reservation.objects.count() == 1
    assert "a@example.jp" not in client.get(f"/org/sapporo/councils/meetings/{meeting.pk}/").content.decode()


def test_closed_meeting_takes_no_reservation_and_needs_a_reason(meeting, secretariat):
    meeting.is_open = False
    with pytest.raises(ValidationError, match="非公開にするときは理由"):
        actions.save_meeting(secretariat, meeting)
    meeting.closed_reason = "個人情報を含む審議のため"
    actions.save_meeting(secretariat, meeting)
    with pytest.raises(ValidationError, match="非公開"):
        actions.reserve_seat(meeting, name="傍聴 一", email="a@example.jp")


def test_secretariat_records_attendance_and_observers(client, meeting, secretariat, member_a, member_b):
    client.force_login(secretariat)
    client.post(f"/org/sapporo/councils/workspace/meetings/{meeting.pk}/", {
        "step": "record", "observers": "4", "attendees": [member_a.pk], "minutes_kind": "full",
        "minutes": "全文"})
    meeting.refresh_from_db()
    assert meeting.observers == 4 and list(meeting.attendees.all()) == [member_a]


def test_reservations_count_only_accepted_ones_and_keep_what_was_typed_at_the_limit(client, meeting):
    meeting.observer_seats = 50
    meeting.save()
    url = f"/org/sapporo/councils/meetings/{meeting.pk}/reserve/"
    for n in range(12):  # refused forms do not use up the limit
        assert client.post(url, {"name": "", "email": f"p{n}@example.jp", "seats": "1"}).status_code == 400
    for n in range(10):
        assert client.post(url, {"name": f"傍聴 {n}", "email": f"p{n}@example.jp", "seats": "1"}).status_code == 302
    response = client.post(url, {"name": "傍聴 十一", "email": "eleven@example.jp", "seats": "2"})
    page = response.content.decode()
    assert response.status_code == 429
    assert "分後にもう一度" in page and 'value="傍聴 十一"' in page and 'value="eleven@example.jp"' in page
    assert Reservation.objects.count() == 10


def test_reservation_answers_are_not_cached(client, meeting):
    response = client.post(f"/org/sapporo/councils/meetings/{meeting.pk}/reserve/",
                           {"name": "傍聴 一", "email": "bad-address", "seats": "1"})
    assert response.status_code == 400 and "no-store" in response["Cache-Control"]
