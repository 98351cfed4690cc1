"""公募: residents apply with an essay; the secretariat screens and selects; applicants'
data stays with the secretariat and is erased after the selection."""

import datetime

import pytest
from django.core import mail

from kyodo.core.models import AuditEntry
from kyodo.councils import actions
from kyodo.councils.models import Application, Member

pytestmark = pytest.mark.django_db(transaction=True)


def form(**overrides):
    data = {"name": "応募 花子", "name_kana": "おうぼ はなこ", "email": "hanako@example.jp",
            "phone": "011-211-2111", "address": "札幌市中央区北1条西2丁目", "birth_year": "1970",
            "essay": "窓口の待ち時間を減らすことが市民にとって一番の改革です。", "consent": "on"}
    data.update(overrides)
    return data


def url(call):
    return f"/org/sapporo/councils/calls/{call.pk}/"


def test_resident_applies_and_gets_a_confirmation_mail(client, open_call):
    response = client.post(url(open_call), form())
    assert response.status_code == 200
    assert "応募を受け付けました" in response.content.decode()
    application = Application.objects.get()
    assert application.email == "hanako@example.jp" and application.status == "received"
    assert mail.outbox[0].to == ["hanako@example.jp"]


@pytest.mark.parametrize("field, value, message", [
    ("essay", "あ" * 401, "小論文は400字以内にしてください"),
    ("phone", "0112112111-99", "電話番号は市外局番から半角数字で入力してください"),
    ("email", "hanako@", "有効なメールアドレスを入力してください"),
    ("consent", "", "個人情報の取扱いへの同意が必要です"),
])
def test_bad_application_is_refused_next_to_the_field(client, open_call, field, value, message):
    response = client.post(url(open_call), form(**{field: value}))
    page = response.content.decode()
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in page and message in page
    assert not Application.objects.exists()


def test_second_application_from_the_same_person_is_refused(client, open_call):
    client.post(url(open_call), form())
    page = client.post(url(open_call), form(email="Hanako@Example.jp")).content.decode()
    assert "すでにこの公募に応募があります" in page
    assert Application.objects.count() == 1


def test_closed_call_takes_no_application(client, open_call):
    open_call.closes_on = open_call.opens_on = datetime.date(2003, 9, 30)
    open_call.save()
    page = client.post(url(open_call), form()).content.decode()
    assert "受付期間外" in page
    assert not Application.objects.exists()


def test_applications_are_seen_only_by_the_secretariat(client, open_call, secretariat, member_a):
    client.post(url(open_call), form())
    assert "応募 花子" not in client.get(f"/org/sapporo/councils/{open_call.council_id}/").content.decode()
    assert "hanako" not in str(client.get(f"/api/v1/councils/{open_call.council_id}").json())
    page_url = f"/org/sapporo/councils/workspace/calls/{open_call.pk}/applications/"
    client.force_login(member_a.user)
    assert client.get(page_url).status_code == 403
    client.force_login(secretariat)
    page = client.get(page_url).content.decode()
    assert "応募 花子" in page and "hanako@example.jp" in page and "窓口の待ち時間" in page


def test_secretariat_selects_an_applicant_who_becomes_a_public_member(client, open_call, secretariat):
    client.post(url(open_call), form())
    application = Application.objects.get()
    client.force_login(secretariat)
    client.post(f"/org/sapporo/councils/workspace/calls/{open_call.pk}/applications/",
                {"step": "select", "application": application.pk})
    member = Member.objects.get(name="応募 花子")
    assert member.category == "public" and member.email == "hanako@example.jp"
    page = client.get(f"/org/sapporo/councils/{open_call.council_id}/").content.decode()
    assert "応募 花子" in page and "hanako@example.jp" not in page


def test_personal_data_is_erased_after_selection(client, open_call, secretariat):
    client.post(url(open_call), form())
    client.post(url(open_call), form(email="taro@example.jp", name="応募 太郎"))
    first, second = Application.objects.order_by("id")
    actions.select_applicant(secretariat, first)
    with pytest.raises(Exception, match="受付期間中"):
        actions.erase_applications(secretariat, open_call)
    open_call.closes_on = open_call.opens_on
    open_call.opens_on = open_call.opens_on - datetime.timedelta(days=30)
    open_call.closes_on = open_call.opens_on
    open_call.save()
    with pytest.raises(Exception, match="選考が終わっていない"):
        actions.erase_applications(secretariat, open_call)
    actions.decline_applicant(secretariat, second)
    assert actions.erase_applications(secretariat, open_call) == 2
    for application in Application.objects.all():
        assert application.essay == "" and application.phone == "" and "example.jp" not in application.email
        # Through the shared retention mechanism: one audit entry per applicant, by the
        # secretariat, naming the erased items and why — without their values.
        [entry] = [e for e in AuditEntry.objects.filter(object_pk=str(application.pk),
                                                        content_type__model="application")
                   if "消去しました" in str(e.changes)]
        assert entry.actor == secretariat and "小論文" in str(entry.changes) and "選考が終わった" in str(entry.changes)
        assert "taro@example.jp" not in str(entry.changes)
    assert Member.objects.get().name == "応募 花子"  # the member record stays


def test_application_form_counts_only_accepted_applications(client, open_call):
    for n in range(8):  # mistakes do not count towards the limit
        assert client.post(url(open_call), form(email=f"person{n}@example.jp", consent="")).status_code == 400
    for n in range(5):
        assert "応募を受け付けました" in client.post(url(open_call), form(email=f"person{n}@example.jp")).content.decode()
    assert Application.objects.count() == 5


def test_at_the_limit_the_form_keeps_what_was_typed_and_says_when_to_retry(client, open_call):
    for n in range(5):
        client.post(url(open_call), form(email=f"person{n}@example.jp"))
    response = client.post(url(open_call), form(email="one-more@example.jp", essay="窓口の改革について書きました。"))
    page = response.content.decode()
    assert response.status_code == 429
    assert "入力内容はそのまま残っています" in page and "分後にもう一度" in page
    assert 'value="one-more@example.jp"' in page and "窓口の改革について書きました。" in page
    assert Application.objects.count() == 5


def test_answers_with_an_applicants_data_are_not_cached(client, open_call):
    assert "no-store" not in client.get(url(open_call)).get("Cache-Control", "")  # the public page
    for data in (form(consent=""), form()):
        assert "no-store" in client.post(url(open_call), data)["Cache-Control"]


def test_phone_typed_in_full_width_is_stored_normalised(client, open_call):
    client.post(url(open_call), form(phone="０１１（２１１）２１１１", birth_year="昭和45"))
    application = Application.objects.get()
    assert application.phone == "011-211-2111" and application.birth_year == 1970
