"""A recorded grant is public: changing it is a correction (訂正) with a reason and a trail in
core.corrections, shown on the grant's public page; the first 実績報告 is filled in without one;
nothing half-saved when the reason is missing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.core.corrections import Correction
from kyodo.core.tests.factories import UserFactory, grant as grant_role
from kyodo.fund import actions
from kyodo.fund.models import Grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(coordinator, round_2003, general):
    return actions.save_grant(coordinator, Grant(
        round=round_2003, category=general, group_name="釧路湿原保全ボランティア", title="湿原の清掃",
        field="environment", area="釧路管内", amount=300_000))


def edit(grant, **changes):
    grant = Grant.objects.get(pk=grant.pk)
    for name, value in changes.items():
        setattr(grant, name, value)
    return grant


def test_a_correction_needs_a_reason_and_changes_nothing_without_one(coordinator, recorded):
    for save in (lambda g: actions.update_grant(coordinator, g, reason=" "),
                 lambda g: actions.save_grant(coordinator, g)):
        with pytest.raises(ValidationError) as error:
            save(edit(recorded, amount=250_000))
        assert "correction_reason" in error.value.message_dict
    assert Grant.objects.get(pk=recorded.pk).amount == 300_000
    assert not Correction.objects.exists()


def test_a_correction_keeps_who_when_why_and_the_values_before(coordinator, recorded):
    actions.update_grant(coordinator, edit(recorded, amount=250_000, field="children"),
                         reason="交付決定額の誤記")
    assert Grant.objects.get(pk=recorded.pk).amount == 250_000
    record = Correction.objects.get()
    assert (record.kind, record.reason, record.actor) == ("corrected", "交付決定額の誤記", coordinator)
    assert record.before == {"分野": "環境保全", "助成額(円)": "300,000円"}
    assert record.after["助成額(円)"] == "250,000円"


def test_the_first_report_needs_no_reason_but_changing_it_does(coordinator, recorded):
    actions.update_grant(coordinator, edit(recorded, report="延べ120人が参加しました。"))
    assert Grant.objects.get(pk=recorded.pk).report == "延べ120人が参加しました。"
    assert not Correction.objects.exists()
    with pytest.raises(ValidationError):
        actions.update_grant(coordinator, edit(recorded, report="延べ150人が参加しました。"))
    actions.update_grant(coordinator, edit(recorded, report="延べ150人が参加しました。"), reason="参加者数の集計誤り")
    assert Correction.objects.get().before == {"実績報告": "延べ120人が参加しました。"}


def test_only_the_fund_keepers_correct(hokkaido, hokkaido_department, recorded):
    staff = UserFactory()
    grant_role(staff, "department_staff", hokkaido, hokkaido_department)
    with pytest.raises(PermissionDenied):
        actions.update_grant(staff, edit(recorded, amount=1), reason="x")


def test_the_correction_through_the_screen_and_on_the_public_page(client, coordinator, recorded, round_2003,
                                                                  general):
    client.force_login(coordinator)
    url = f"/org/hokkaido/fund/manage/grants/{recorded.pk}/"
    form = client.get(url).content.decode()
    assert "訂正の理由" in form
    data = {"round": round_2003.pk, "category": general.pk, "group_name": "釧路湿原保全ボランティア",
            "title": "湿原の清掃と観察会", "field": "environment", "area": "釧路管内", "amount": "300000"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert 'id="id_correction_reason_error"' in refused.content.decode()
    assert Grant.objects.get(pk=recorded.pk).title == "湿原の清掃"
    done = client.post(url, {**data, "correction_reason": "事業名の記載漏れ"})
    assert done.status_code == 302
    client.logout()
    page = client.get(f"/org/hokkaido/fund/grants/{recorded.pk}/").content.decode()
    assert "湿原の清掃と観察会" in page and "事業名の記載漏れ" in page and "<del>湿原の清掃</del>" in page


@pytest.fixture
def kept(coordinator, round_2003, general, partner):
    """A second grant of the same round, which stays: the totals are its alone once ``recorded``
    is withdrawn; ``recorded`` is given to the partner so the partner's page lists both."""
    return actions.save_grant(coordinator, Grant(
        round=round_2003, category=general, group_name=partner.name, partner=partner, title="森の学校",
        field="environment", area="石狩管内", amount=100_000))


def test_a_withdrawn_grant_keeps_its_page_and_leaves_the_lists_totals_downloads_and_api(
        client, coordinator, recorded, kept, partner, fund):
    from kyodo.core import modules, pagecache

    Grant.objects.filter(pk=recorded.pk).update(partner=partner)
    pagecache.invalidate()
    edit_url = f"/org/hokkaido/fund/manage/grants/{recorded.pk}/"
    page_url = f"/org/hokkaido/fund/grants/{recorded.pk}/"
    client.force_login(coordinator)
    assert "この助成を取り消す" in client.get(edit_url).content.decode()
    refused = client.post(edit_url, {"step": "withdraw", "withdraw-reason": " "})
    assert refused.status_code == 400 and 'id="id_withdraw-reason_error"' in refused.content.decode()
    assert Grant.objects.get(pk=recorded.pk).withdrawn_at is None
    done = client.post(edit_url, {"step": "withdraw", "withdraw-reason": "同じ助成を二重に登録していました"})
    assert done.status_code == 302 and done.url == page_url
    assert Grant.objects.get(pk=recorded.pk).withdrawn_at is not None
    record = Correction.objects.get()
    assert (record.kind, record.actor) == ("withdrawn", coordinator)
    assert client.get(edit_url).status_code == 403  # nothing more to correct
    with pytest.raises(ValidationError):
        actions.update_grant(coordinator, edit(recorded, amount=1), reason="訂正")
    client.logout()

    page = client.get(page_url).content.decode()
    assert "湿原の清掃" in page and "同じ助成を二重に登録していました" in page and "取消" in page
    listing = client.get("/org/hokkaido/fund/grants/").content.decode()
    assert page_url not in listing and "森の学校" in listing and "1件" in listing
    assert "これまでの助成: 1件・10万円" in client.get("/org/hokkaido/fund/").content.decode()
    fund_page = client.get(f"/org/hokkaido/fund/{fund.pk}/").content.decode()
    assert "合計 1件・10万円" in fund_page and "1件・10万円</td>" in fund_page  # the round's too
    csv = b"".join(client.get("/org/hokkaido/fund/grants/download.csv").streaming_content).decode("utf-8-sig")
    assert "湿原の清掃" not in csv and "森の学校" in csv
    api = client.get("/api/v1/organisations/hokkaido/fund/grants").json()
    assert [row["id"] for row in api["items"]] == [kept.pk]
    assert client.get(f"/api/v1/fund/grants/{recorded.pk}").status_code == 404
    partner_page = client.get(f"/org/hokkaido/collaboration/partners/{partner.pk}/").content.decode()
    assert "森の学校" in partner_page and "湿原の清掃" not in partner_page
    docs = [d.title for s in modules.search_sources() if s.name == "fund.grant" for d in s.documents(None)]
    assert docs == [f"森の学校({partner.name})"]
    dataset = next(d for d in modules.datasets() if d.name == "fund.grants")
    assert dataset.rows(None) == {fund.organisation_id: 1}


def test_only_the_fund_keepers_withdraw_a_grant_and_only_once(hokkaido, hokkaido_department, coordinator,
                                                              recorded):
    staff = UserFactory()
    grant_role(staff, "department_staff", hokkaido, hokkaido_department)
    with pytest.raises(PermissionDenied):
        actions.withdraw_grant(staff, recorded, reason="誤り")
    with pytest.raises(ValidationError):
        actions.withdraw_grant(coordinator, recorded, reason="")
    actions.withdraw_grant(coordinator, recorded, reason="誤り")
    with pytest.raises(ValidationError, match="取り消した助成"):
        actions.withdraw_grant(coordinator, recorded, reason="二度目")
