"""Published results (the adopted and rejected lists with the 選定の理由・講評 and the 審査講評)
are corrected by the coordinator with a reason through core.corrections — the results page
shows when and why with the earlier text readable — or withdrawn with a reason: the page stays
with the notice, the results leave the download, the open-data counts and the search (issue 14 §3)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kyodo.core.corrections import Correction
from kyodo.core.models import Notification
from kyodo.proposals import actions

from .test_screening import _published, screening  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(screening, citizen, reviewers, coordinator):  # noqa: F811
    return _published(screening, citizen, reviewers, coordinator, names=False)


def _urls(call):
    return (f"/org/nemuro/proposals/calls/{call.pk}/results/",
            f"/org/nemuro/proposals/manage/calls/{call.pk}/results/correction/")


def test_the_coordinator_corrects_published_results_with_a_reason_shown_on_the_page(
        client, screening, published, coordinator, citizen):  # noqa: F811
    results, correct = _urls(screening)
    client.force_login(coordinator)
    assert "公表した審査結果を訂正・取り下げる" in client.get(results).content.decode()
    form = client.get(correct).content.decode()
    assert "審査講評です。" in form and "公益性が高い" in form and "訂正・取下げの理由" in form
    field = f"decision_{published.pk}"
    data = {"review_comment": "審査講評です。", field: "地域の公益性が高い"}
    refused = client.post(correct, data)  # no reason
    assert refused.status_code == 400 and 'id="id_reason_error"' in refused.content.decode()
    unchanged = client.post(correct, {"review_comment": "審査講評です。", field: "公益性が高い", "reason": "誤記"})
    assert unchanged.status_code == 400 and "訂正する内容が変わっていません" in unchanged.content.decode()
    empty = client.post(correct, {**data, field: " ", "reason": "誤記"})
    assert empty.status_code == 400
    published.refresh_from_db()
    assert published.decision_reason == "公益性が高い" and not Correction.objects.exists()
    Notification.objects.all().delete()
    done = client.post(correct, {**data, "review_comment": "1件の提案を審査しました。", "reason": "講評の誤記を訂正"})
    assert done.status_code == 302 and done.url == results
    published.refresh_from_db()
    screening.refresh_from_db()
    assert published.decision_reason == "地域の公益性が高い"
    assert screening.review_comment == "1件の提案を審査しました。"
    assert published.status == "adopted"  # the decision stands
    record = Correction.objects.get()
    assert (record.kind, record.actor, record.object_id) == ("corrected", coordinator, screening.pk)
    assert record.before == {"審査講評": "審査講評です。", "選定の理由・講評「公開される提案」": "公益性が高い"}
    assert [n.recipient for n in Notification.objects.all()] == [citizen]
    client.logout()
    page = client.get(results).content.decode()
    assert "講評の誤記を訂正" in page and "訂正しました" in page
    assert "<del>審査講評です。</del>" in page and "<del>公益性が高い</del>" in page
    assert "地域の公益性が高い" in page and "1件の提案を審査しました。" in page
    api = client.get(f"/api/v1/proposals/calls/{screening.pk}/results").json()
    assert api["adopted"][0]["reason"] == "地域の公益性が高い" and api["withdrawn_at"] is None


def test_withdrawn_results_keep_their_page_and_leave_the_data(
        client, screening, published, coordinator, citizen):  # noqa: F811
    from kyodo.proposals.providers import DATASET, SEARCH_SOURCES

    results, correct = _urls(screening)
    organisation_id = screening.organisation_id
    assert DATASET.rows(None) == {organisation_id: 1}
    client.force_login(coordinator)
    refused = client.post(correct, {"step": "withdraw", "withdraw-reason": ""})
    assert refused.status_code == 400
    screening.refresh_from_db()
    assert screening.results_withdrawn_at is None
    Notification.objects.all().delete()
    done = client.post(correct, {"step": "withdraw", "withdraw-reason": "審査点の集計に誤りがありました"})
    assert done.status_code == 302
    screening.refresh_from_db()
    assert screening.results_withdrawn_at is not None
    assert [n.recipient for n in Notification.objects.all()] == [citizen]
    assert client.get(correct).status_code == 403  # nothing more to correct or withdraw
    client.logout()
    page = client.get(results).content.decode()
    assert page.count("審査点の集計に誤りがありました") == 1 and "取り下げました" in page
    assert "公開される提案" in page  # still readable
    assert "公表した審査結果を訂正" not in page
    index = client.get("/org/nemuro/proposals/").content.decode()
    assert "審査結果の公表を取下げ" in index
    assert "取下げの理由を見る" in client.get(f"/org/nemuro/proposals/calls/{screening.pk}/").content.decode()
    download = client.get("/org/nemuro/proposals/results.csv")
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert "公開される提案" not in body.decode("utf-8-sig")
    assert DATASET.rows(None) == {}
    results_source = next(s for s in SEARCH_SOURCES if s.name == "proposals.result")
    assert list(results_source.documents(None)) == []
    api = client.get(f"/api/v1/proposals/calls/{screening.pk}/results").json()
    assert api["withdrawn_at"] and api["withdrawal_reason"] == "審査点の集計に誤りがありました"


def test_only_the_coordinator_corrects_or_withdraws_and_only_standing_results(
        screening, published, coordinator, reviewers, tourism_staff):  # noqa: F811
    for actor in (reviewers[0], tourism_staff):
        with pytest.raises(PermissionDenied):
            actions.withdraw_results(actor, screening, reason="誤り")
        with pytest.raises(PermissionDenied):
            actions.correct_results(actor, screening, reason="誤り", review_comment="x", decision_reasons={})
    with pytest.raises(ValidationError):
        actions.correct_results(coordinator, screening, reason="誤り", review_comment=" ", decision_reasons={})
    actions.withdraw_results(coordinator, screening, reason="誤り")
    with pytest.raises(ValidationError, match="公表中の審査結果だけ"):
        actions.withdraw_results(coordinator, screening, reason="二度目")
    with pytest.raises(ValidationError, match="公表中の審査結果だけ"):
        actions.correct_results(coordinator, screening, reason="訂正", review_comment="新しい講評",
                                decision_reasons={})
