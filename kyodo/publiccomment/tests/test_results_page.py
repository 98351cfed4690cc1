"""The results page (意見の概要と市の考え方): counts by channel and commenter type, the table,
the final text with the changes marked, no names or contacts anywhere — and a constant number
of queries from 1,000 to 100,000 comments (the lists and the API from 100 to 5,000)."""

import pytest
from django.urls import reverse

from kyodo.core.db import analyze
from kyodo.publiccomment.models import Call, Comment, OpinionItem

from .conftest import make_call


def build_published(sapporo, office, n_comments, *, items=20, publish_comments=True):
    call = make_call(sapporo, office, status=Call.Status.PUBLISHED, publish_comments=publish_comments,
                     title=f"案{n_comments}")
    section = call.sections.get()
    section.final_text = "案は30日以上公表し、結果の公表時期の目安を示します。"
    section.save()
    channels = ["web", "web", "post", "fax", "counter", "email"]
    kinds = ["resident", "commuter", "student", "business", "interested"]
    Comment.objects.bulk_create([
        Comment(call=call, sequence=i + 1, channel=channels[i % 6], commenter_type=kinds[i % 5],
                name=f"秘密の氏名{i}", email=f"secret{i}@example.jp", phone="011-000-0000",
                address_area="札幌市秘密区", body=f"意見の本文{i}", consent=True, section=section if i % 2 else None)
        for i in range(n_comments)], batch_size=1000)
    opinion_items = OpinionItem.objects.bulk_create([
        OpinionItem(call=call, number=n + 1, summary=f"概要{n}", response=f"考え方{n}", modified=n == 0,
                    modification="公表時期の目安を加えました" if n == 0 else "", section=section if n % 2 else None)
        for n in range(items)])
    through = OpinionItem.comments.through
    ids = list(call.comments.values_list("pk", flat=True))
    through.objects.bulk_create([through(opinionitem_id=opinion_items[i % items].pk, comment_id=pk)
                                 for i, pk in enumerate(ids)], batch_size=2000)
    analyze(Comment, OpinionItem, through)
    return call


def results_url(call):
    return reverse("publiccomment:results", args=[call.organisation.slug, call.pk])


def test_counts_the_table_and_the_marked_changes(client, sapporo, office):
    call = build_published(sapporo, office, 30, items=3)
    html = client.get(results_url(call)).content.decode()
    assert "提出意見 30件" in html
    assert "郵送" in html and "市内に通学する方" in html
    assert "考え方2" in html and "修正あり" in html and "公表時期の目安を加えました" in html
    # The final text shows what was added, with a label a screen reader reads.
    assert "<ins><span class=\"visually-hidden\">[追加:</span>" in html
    assert "、結果の公表時期の目安を示" in html


def test_the_results_pdf_carries_the_table_and_the_changes_but_no_commenter(client, sapporo, office, closed_call):
    from kyodo.core.tests.pdfcheck import pdf_text

    call = build_published(sapporo, office, 30, items=3)
    pdf = reverse("publiccomment:results_pdf", args=[sapporo.slug, call.pk])
    assert pdf in client.get(results_url(call)).content.decode()
    text = pdf_text(client.get(pdf))
    assert "意見募集の結果" in text and "概要2" in text and "考え方2" in text
    assert "公表時期の目安を加えました" in text and "修正あり" in text
    assert "秘密の氏名" not in text and "secret" not in text and "札幌市秘密区" not in text
    unpublished = reverse("publiccomment:results_pdf", args=[sapporo.slug, closed_call.pk])
    assert client.get(unpublished).status_code == 404


def test_counts_by_channel_and_type_are_exact(sapporo, office):
    from kyodo.publiccomment import queries

    call = build_published(sapporo, office, 12, items=2)
    counts = queries.counts(call)
    assert counts["total"] == 12
    assert {row["key"]: row["count"] for row in counts["by_channel"]} == {
        "web": 4, "post": 2, "fax": 2, "counter": 2, "email": 2}
    assert sum(row["count"] for row in counts["by_type"]) == 12


def test_no_name_address_or_contact_on_the_public_pages_api_or_export(client, sapporo, office):
    call = build_published(sapporo, office, 10, items=2)
    slug = call.organisation.slug
    pages = [results_url(call), reverse("publiccomment:call", args=[slug, call.pk]),
             reverse("publiccomment:index", args=[slug]), f"/api/v1/publiccomment/calls/{call.pk}/results",
             f"/api/v1/organisations/{slug}/publiccomment/calls", f"/api/v1/publiccomment/calls/{call.pk}/comments",
             reverse("publiccomment:results_comments", args=[slug, call.pk]),
             reverse("publiccomment:open_data_download", args=[slug, "csv"]),
             reverse("publiccomment:open_data_download", args=[slug, "json"])]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        for secret in ("秘密の氏名", "secret", "011-000-0000", "秘密区"):
            assert secret not in text, (url, secret)
    assert "意見の本文3" in client.get(reverse("publiccomment:results_comments", args=[slug, call.pk])).content.decode()


def test_comments_are_not_listed_when_the_call_does_not_publish_them(client, sapporo, office):
    call = build_published(sapporo, office, 5, items=1, publish_comments=False)
    assert "提出された意見(全文)" not in client.get(results_url(call)).content.decode()
    assert client.get(reverse("publiccomment:results_comments", args=[call.organisation.slug, call.pk])).status_code == 404
    assert client.get(f"/api/v1/publiccomment/calls/{call.pk}/results").json()["comments_published"] is False
    assert client.get(f"/api/v1/publiccomment/calls/{call.pk}/comments").status_code == 404


def test_results_are_not_public_before_publication(client, closed_call):
    assert client.get(results_url(closed_call)).status_code == 404
    assert client.get(f"/api/v1/publiccomment/calls/{closed_call.pk}/results").status_code == 404


@pytest.mark.parametrize("size", [1000, 100_000])
def test_the_results_page_runs_a_constant_number_of_queries(client, sapporo, office, size,
                                                           django_assert_max_num_queries):
    call = build_published(sapporo, office, size, items=40, publish_comments=True)
    client.get(results_url(call))  # warm the session and caches
    with django_assert_max_num_queries(14):
        response = client.get(results_url(call))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [100, 5000])
def test_the_index_and_api_run_a_constant_number_of_queries(client, sapporo, office, size,
                                                           django_assert_max_num_queries):
    call = build_published(sapporo, office, size, items=40)
    for n in range(5):
        make_call(sapporo, office, title=f"募集中の案{n}")
    slug = call.organisation.slug
    with django_assert_max_num_queries(6):
        assert client.get(reverse("publiccomment:index", args=[slug])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/publiccomment/calls/{call.pk}/results").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/api/v1/publiccomment/calls/{call.pk}/comments?page=2").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("publiccomment:results_comments", args=[slug, call.pk]) + "?page=3").status_code == 200


def test_the_diff_marks_an_added_line_as_one_addition_and_changed_words_within_a_line():
    from kyodo.publiccomment.queries import diff

    assert diff("一行目\n三行目", "一行目\n二行目を加えました。\n三行目") == [
        ("equal", "一行目\n"), ("insert", "二行目を加えました。\n"), ("equal", "三行目")]
    assert diff("30日以上とします。", "30日以上とし、結果も公表します。") == [
        ("equal", "30日以上とし"), ("insert", "、結果も公表し"), ("equal", "ます。")]
