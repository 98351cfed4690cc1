"""語の分析 of a call's comments (kyodo.surveys.textanalysis): the frequent words, the network
with its table, the comparison by commenter type and the comments behind a word — for those
who manage the call; the analysis reads the public (masked) text. It runs in the background
like a survey's (a django-tasks task storing its progress), never inside the page's request."""

import pytest
from django.urls import reverse

from kyodo.publiccomment import actions
from kyodo.publiccomment.models import Comment, CommentAnalysis
from kyodo.surveys import textanalysis

from .conftest import add_comments


def words_url(call):
    return reverse("publiccomment:words", args=[call.organisation.slug, call.pk])


def run_url(call):
    return reverse("publiccomment:words_run", args=[call.organisation.slug, call.pk])


def comments_with_texts(call):
    comments = add_comments(call, 3)
    texts = ["窓口の待ち時間が長い。", "窓口の待ち時間を知らせてほしい。", "電話の応対を改善してほしい。"]
    for comment, text in zip(comments, texts):
        Comment.objects.filter(pk=comment.pk).update(body=text)
    Comment.objects.filter(pk=comments[2].pk).update(body="[非公開]の電話の応対を改善してほしい。",
                                                     original_body="山田の電話の応対を改善してほしい。")
    return comments


def test_staff_run_the_analysis_then_read_the_words_and_the_comments_behind_one(
        client, sapporo, office_staff, other_staff, closed_call, django_capture_on_commit_callbacks):
    comments = comments_with_texts(closed_call)
    url = words_url(closed_call)
    client.force_login(office_staff)
    page = client.get(url).content.decode()
    assert "まだ分析していません" in page and "分析する" in page
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert client.post(run_url(closed_call)).status_code == 302
    # the task, queued once the request's transaction commits
    assert [c.__qualname__ for c in queued].count("request_analysis.<locals>.<lambda>") == 1
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "完了" in html and "窓口" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "提出意見の共起ネットワーク" in html
    assert "山田" not in html  # the masked original is never analysed
    behind = client.get(url + "?word=窓口").content.decode()
    assert comments[0].receipt_number in behind and comments[1].receipt_number in behind
    assert comments[2].receipt_number not in behind
    assert client.get(url + "?by=section").status_code == 200
    assert client.get(url + "?by=nonsense").status_code == 404
    client.force_login(other_staff)
    assert client.get(url).status_code == 403
    assert client.post(run_url(closed_call)).status_code == 403


def test_the_page_never_analyses_in_the_request_and_shows_the_progress(client, office_staff, closed_call,
                                                                       monkeypatch):
    comments_with_texts(closed_call)
    client.force_login(office_staff)
    CommentAnalysis.objects.create(call=closed_call, status=CommentAnalysis.Status.RUNNING, done=600, total=1200)

    def refuse(*args, **kwargs):
        raise AssertionError("the page analysed the comments itself")

    monkeypatch.setattr(textanalysis, "analyse", refuse)
    html = client.get(words_url(closed_call)).content.decode()
    assert "分析中" in html and 'value="50"' in html and "600 / 1200" in html
    assert 'data-testid="word-table"' not in html
    assert client.get(words_url(closed_call) + "?word=窓口").status_code == 200


def test_the_task_stores_its_progress_while_it_runs(closed_call, monkeypatch):
    add_comments(closed_call, 1200, email=False)
    analysis = CommentAnalysis.objects.create(call=closed_call, total=1200)
    seen = []
    rows = actions.comment_rows

    def watched(call):
        for number, row in enumerate(rows(call)):
            if number == 1001:  # progress is stored every 500 comments at this size
                seen.append(CommentAnalysis.objects.values_list("status", "done").get(pk=analysis.pk))
            yield row

    monkeypatch.setattr(actions, "comment_rows", watched)
    actions.analyse_comments.enqueue(analysis.pk)  # the immediate backend of the tests runs it now
    assert seen == [("running", 1000)]
    analysis.refresh_from_db()
    assert analysis.status == "done" and analysis.done == 1200 and analysis.seconds is not None
    assert analysis.result["documents"] == 1200


def test_a_failed_analysis_says_so_and_can_be_run_again(client, office_staff, closed_call, monkeypatch):
    comments_with_texts(closed_call)
    analysis = CommentAnalysis.objects.create(call=closed_call, total=3)

    def broken(*args, **kwargs):
        raise RuntimeError("dictionary missing")

    monkeypatch.setattr(textanalysis, "analyse", broken)
    with pytest.raises(RuntimeError):
        actions.run_analysis(analysis.pk)
    client.force_login(office_staff)
    html = client.get(words_url(closed_call)).content.decode()
    assert "失敗" in html and "分析が途中で止まりました" in html and "最新の意見で分析し直す" in html


def test_comments_added_or_masked_after_the_analysis_are_flagged(client, office_staff, closed_call,
                                                                 django_capture_on_commit_callbacks):
    comments = comments_with_texts(closed_call)
    client.force_login(office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(run_url(closed_call))
    assert "analysis-outdated" not in client.get(words_url(closed_call)).content.decode()
    actions.mask(office_staff, Comment.objects.get(pk=comments[0].pk), passages=["待ち時間"],
                 reason=Comment.MaskReason.PERSONAL_DATA)
    assert "analysis-outdated" in client.get(words_url(closed_call)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(run_url(closed_call))
    html = client.get(words_url(closed_call)).content.decode()
    assert "analysis-outdated" not in html
    add_comments(closed_call, 1, start=4)
    assert "analysis-outdated" in client.get(words_url(closed_call)).content.decode()


def test_with_the_production_queue_the_request_only_queues_and_a_worker_analyses(
        client, settings, office_staff, closed_call, django_capture_on_commit_callbacks):
    """As in production (django-tasks' database queue): pressing 「分析する」 stores the task and
    answers at once with 待機中; ``manage.py db_worker`` then runs it in the background."""
    from kyodo.core.tests.worker import run_db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    comments_with_texts(closed_call)
    client.force_login(office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(run_url(closed_call)).status_code == 302
    html = client.get(words_url(closed_call)).content.decode()
    assert "待機中" in html and 'id="analysis-progress"' in html and 'data-testid="word-table"' not in html
    run_db_worker()
    html = client.get(words_url(closed_call)).content.decode()
    assert "完了" in html and 'data-testid="word-table"' in html and "窓口" in html
