"""The free-text analysis that surveys and public comments share (issue 17 §5)."""

from kyodo.surveys import textanalysis


def words(text):
    return [word for word, _pos in textanalysis.tokenize(text)]


def test_two_character_words_are_kept_whole():
    found = words("市民との協働による防災の取組が大切です。")
    assert "協働" in found and "防災" in found and "大切" in found
    assert "協" not in found and "働" not in found


def test_inflected_forms_count_as_one_base_form():
    assert words("手続きが進んでいる。") == words("手続きが進む。")
    assert "長い" in words("待ち時間が長かった。")
    # Orthographic variants are one word.
    assert words("取組") == words("取り組み")


def test_stop_words_particles_and_numbers_are_dropped():
    found = words("これはとても良いことだと思います。3回ありました。")
    for dropped in ("これ", "こと", "思う", "良い", "ある", "は", "だ", "3"):
        assert dropped not in found


def test_empty_nul_and_very_long_texts():
    assert textanalysis.tokenize("") == []
    assert words("防災\x00訓練") == ["防災", "訓練"]
    long_text = "地域の防災訓練に参加しました。" * 5000  # well over Sudachi's input limit
    assert words(long_text).count("防災") == 5000


def rows():
    texts = {
        "20代": ["ホームページが見にくく、情報が探しにくい。", "手続きをオンラインでできるようにしてほしい。"],
        "70代": ["窓口の対応が丁寧で満足しています。", "窓口の待ち時間が長い。"],
    }
    number = 0
    for age, answers in texts.items():
        for _round in range(10):
            for text in answers:
                number += 1
                yield number, text, {"age_band": age}


def test_frequencies_co_occurrence_and_comparison_by_attribute():
    progress = []
    result = textanalysis.analyse(rows(), total=40, progress=lambda done, total: progress.append((done, total)),
                                  progress_every=10)
    assert result["documents"] == 40
    assert progress[0] == (10, 40) and progress[-1] == (40, 40)
    frequency = {w["word"]: w["documents"] for w in result["words"]}
    assert frequency["窓口"] == 20
    assert frequency["満足"] == 10
    assert result["words"][0]["word"] == "窓口"
    window = next(w for w in result["words"] if w["word"] == "窓口")
    assert sorted(window["ids"]) == list(range(21, 41))
    pairs = {(e["source"], e["target"]) for e in result["edges"]} | {
        (e["target"], e["source"]) for e in result["edges"]}
    assert ("窓口", "対応") in pairs
    assert ("窓口", "ホームページ") not in pairs
    by_age = result["by_attribute"]["age_band"]
    assert by_age["values"] == ["20代", "70代"]
    assert by_age["bases"] == {"20代": 20, "70代": 20}
    window_row = next(r for r in by_age["rows"] if r["word"] == "窓口")
    assert window_row["counts"] == {"20代": 0, "70代": 20}
    assert window_row["shares"] == {"20代": 0.0, "70代": 100.0}
    assert "窓口" in by_age["distinctive"]["70代"]
    assert "窓口" not in by_age["distinctive"]["20代"]


def test_answers_behind_a_word():
    result = textanalysis.analyse(rows())
    ids, total = textanalysis.answers_with_word(result, "満足")
    assert total == 10 and len(ids) == 10
    assert textanalysis.answers_with_word(result, "存在しない語") == ([], 0)


def test_network_picture_is_accessible_and_escapes_words():
    result = {"words": [{"word": "<b>", "documents": 5}, {"word": "防災", "documents": 9}],
              "edges": [{"source": "<b>", "target": "防災", "count": 4, "jaccard": 0.4}]}
    svg = textanalysis.network_svg(result)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert svg == textanalysis.network_svg(result)  # the same analysis draws the same picture
    assert textanalysis.network_svg({"words": [], "edges": []}) == ""


def test_the_benchmark_command_measures_the_analysis_and_leaves_nothing_behind(db):
    """``manage.py bench_survey_analysis`` (run by scripts/bench with 100,000 answers) runs the
    background task's code on generated answers and reports time and peak memory as JSON."""
    import json
    from io import StringIO

    from django.core.management import call_command

    from kyodo.surveys.models import Survey, SurveyAnalysis, SurveyAnswer

    out = StringIO()
    call_command("bench_survey_analysis", "--answers", "300", stdout=out)
    report = json.loads(out.getvalue())
    assert report["name"] == "surveys.word_analysis" and report["answers"] == 300
    assert report["seconds"] >= 0 and report["peak_memory_mib"] > 0 and report["distinct_words"] > 10
    assert report["top_words"]
    assert not Survey.objects.exists() and not SurveyAnswer.objects.exists() and not SurveyAnalysis.objects.exists()


def test_with_the_production_queue_the_request_only_queues_and_a_worker_analyses(
        client, settings, survey, coordinator, django_capture_on_commit_callbacks):
    """As in production (django-tasks' database queue): 「分析する」 stores the task and the page
    shows 待機中 with its progress bar; ``manage.py db_worker`` runs the analysis in the background."""
    from kyodo.core.tests.worker import run_db_worker
    from django.urls import reverse

    from .conftest import fill

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    fill(survey, 30)
    args = [survey.organisation.slug, survey.pk, survey.q["comment"].pk]
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("surveys:words_run", args=args)).status_code == 302
    html = client.get(reverse("surveys:words", args=args)).content.decode()
    assert "待機中" in html and 'id="analysis-progress"' in html and 'data-testid="word-table"' not in html
    run_db_worker()
    html = client.get(reverse("surveys:words", args=args)).content.decode()
    assert "完了" in html and 'data-testid="word-table"' in html and "<svg" in html
