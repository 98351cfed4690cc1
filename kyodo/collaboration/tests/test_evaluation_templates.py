"""The coordinator's evaluation templates (評価様式) and their criteria per stage."""

import pytest

from kyodo.collaboration import actions
from kyodo.collaboration.models import EvaluationCriterion, EvaluationTemplate, Side
from kyodo.core.models import AuditEntry

from .conftest import full_ratings, sheet_of

BASE = "/org/hokkaido/collaboration/manage/templates/"
SCALE = "5 はるかに上回った\n4 やや上回った\n3 想定の範囲\n2 やや低い\n1 はるかに低い"


def titles(template, stage="after"):
    return list(template.criteria.filter(stage=stage).order_by("number")
                .values_list("number", "title"))


def url(template, tail=""):
    return f"{BASE}{template.pk}/{tail}"


@pytest.fixture
def used(evaluation, env_staff):
    """The template, once the department has submitted a rated sheet with it."""
    actions.save_sheet(env_staff, sheet_of(evaluation, Side.ADMINISTRATION),
                       ratings=full_ratings(evaluation), submit=True)
    return evaluation.template


def test_the_list_shows_criteria_per_stage(client, coordinator, template):
    client.force_login(coordinator)
    page = client.get(BASE).content.decode()
    assert "協働事業評価シート" in page and "5段階" in page and "使用中" in page


def test_the_coordinator_creates_a_template_with_its_scale(client, coordinator, hokkaido):
    client.force_login(coordinator)
    response = client.post(BASE + "new/", {"name": "簡易評価シート", "scale": SCALE,
                                           "is_active": "on"})
    template = EvaluationTemplate.objects.get(name="簡易評価シート")
    assert response.status_code == 302 and response["Location"] == url(template)
    assert template.scale[0] == [5, "はるかに上回った"] and template.max_score == 5
    assert AuditEntry.objects.get_for_object(template).get().actor == coordinator


@pytest.mark.parametrize("scale, message", [
    ("5 よい", "2段階以上"),
    ("1 低い\n5 高い", "最も良い評価"),
    ("5 高い\n5 同じ", "重複"),
    ("高い\n低い", "1行目"),
    ("", "このフィールドは必須です"),
])
def test_a_bad_scale_is_explained_next_to_the_field(client, coordinator, hokkaido, scale, message):
    client.force_login(coordinator)
    body = client.post(BASE + "new/", {"name": "簡易評価シート", "scale": scale}).content.decode()
    assert 'id="id_scale_error"' in body and message in body
    assert not EvaluationTemplate.objects.exists()


def test_full_width_digits_are_accepted_in_the_scale(client, coordinator, hokkaido):
    client.force_login(coordinator)
    client.post(BASE + "new/", {"name": "全角", "scale": "３ 良い\n２ ふつう\n１ 悪い"})
    assert EvaluationTemplate.objects.get(name="全角").scale_values == [3, 2, 1]


def test_a_duplicate_name_is_refused_next_to_the_name(client, coordinator, template):
    client.force_login(coordinator)
    body = client.post(BASE + "new/", {"name": template.name, "scale": SCALE}).content.decode()
    assert 'id="id_name_error"' in body and "同じ名前の評価様式がすでにあります" in body


def test_the_template_page_lists_criteria_by_stage(client, coordinator, template):
    client.force_login(coordinator)
    page = client.get(url(template)).content.decode()
    assert "事前評価の項目" in page and "中間評価の項目" in page and "事後評価の項目" in page
    assert "1. 目的の共有" in page and "上へ" in page and "下へ" in page


def test_the_coordinator_adds_a_criterion_at_the_end_of_its_stage(client, coordinator, template):
    client.force_login(coordinator)
    response = client.post(url(template, "criteria/new/"), {
        "new-stage": "after", "new-title": "成果の共有", "new-question": "成果を双方で確認したか"})
    assert response.status_code == 302
    assert titles(template)[-1] == (4, "成果の共有")
    client.post(url(template, "criteria/new/"), {"new-stage": "midway", "new-title": "進捗の共有"})
    assert titles(template, "midway") == [(1, "進捗の共有")]


def test_a_criterion_needs_a_title_and_a_stage(client, coordinator, template):
    client.force_login(coordinator)
    body = client.post(url(template, "criteria/new/"), {"new-stage": "", "new-title": ""}).content.decode()
    assert 'id="id_new-title_error"' in body and 'id="id_new-stage_error"' in body
    assert template.criteria.count() == 4


def test_the_coordinator_edits_a_criterion(client, coordinator, template):
    criterion = template.criteria.get(title="対等な関係")
    client.force_login(coordinator)
    client.post(url(template, f"criteria/{criterion.pk}/edit/"),
                {"title": "対等なパートナーシップ", "question": "互いに意見を言えたか"})
    criterion.refresh_from_db()
    assert criterion.title == "対等なパートナーシップ" and criterion.number == 2
    assert criterion.stage == "after"


def test_up_and_down_swap_neighbours_within_the_stage(client, coordinator, template):
    third = template.criteria.get(title="役割分担")
    client.force_login(coordinator)
    response = client.post(url(template, f"criteria/{third.pk}/up/"))
    assert response.status_code == 302 and response["Location"].endswith("#stage-after")
    assert titles(template) == [(1, "目的の共有"), (2, "役割分担"), (3, "対等な関係")]
    client.post(url(template, f"criteria/{third.pk}/up/"))
    assert titles(template) == [(1, "役割分担"), (2, "目的の共有"), (3, "対等な関係")]
    client.post(url(template, f"criteria/{third.pk}/up/"))  # already first: nothing moves
    assert titles(template)[0] == (1, "役割分担")
    client.post(url(template, f"criteria/{third.pk}/down/"))
    assert titles(template) == [(1, "目的の共有"), (2, "役割分担"), (3, "対等な関係")]
    assert titles(template, "before") == [(1, "成果目標の合意")]  # other stages untouched


def test_deleting_renumbers_the_rest(client, coordinator, template):
    first = template.criteria.get(title="目的の共有")
    client.force_login(coordinator)
    client.post(url(template, f"criteria/{first.pk}/delete/"))
    assert titles(template) == [(1, "対等な関係"), (2, "役割分担")]


def test_a_used_template_refuses_changes_to_its_criteria(client, coordinator, used):
    criterion = used.criteria.get(title="目的の共有")
    client.force_login(coordinator)
    page = client.get(url(used)).content.decode()
    assert "すでに評価シートで使われているため" in page and "コピーして新しい様式を作る" in page
    assert f"criteria/{criterion.pk}/up/" not in page and "/delete/" not in page
    for tail in ("up/", "down/", "delete/"):
        response = client.post(url(used, f"criteria/{criterion.pk}/{tail}"), follow=True)
        assert "変更・削除できません" in response.content.decode()
    body = client.post(url(used, f"criteria/{criterion.pk}/edit/"),
                       {"title": "新しい名前"}).content.decode()
    assert "変更・削除できません" in body
    body = client.post(url(used, "criteria/new/"),
                       {"new-stage": "after", "new-title": "追加"}).content.decode()
    assert "変更・削除できません" in body
    assert titles(used) == [(1, "目的の共有"), (2, "対等な関係"), (3, "役割分担")]


def test_a_used_template_keeps_its_scale_but_may_be_renamed(client, coordinator, used):
    client.force_login(coordinator)
    client.post(url(used), {"name": "協働事業評価シート(平成17年度)", "scale": "3 よい\n1 わるい",
                            "is_active": ""})
    used.refresh_from_db()
    assert used.name == "協働事業評価シート(平成17年度)" and not used.is_active
    assert used.scale_values == [5, 4, 3, 2, 1]
    with pytest.raises(Exception, match="尺度は変更できません"):
        used.scale = [[3, "よい"], [1, "わるい"]]
        actions.save_template(coordinator, used)


def test_copy_as_new_copies_criteria_into_an_unused_template(client, coordinator, used):
    client.force_login(coordinator)
    response = client.post(url(used, "copy/"))
    copy = EvaluationTemplate.objects.exclude(pk=used.pk).get()
    assert response["Location"] == url(copy)
    assert copy.name == "協働事業評価シート(コピー)" and not copy.is_active
    assert titles(copy) == titles(used) and titles(copy, "before") == titles(used, "before")
    client.post(url(copy, "criteria/new/"), {"new-stage": "after", "new-title": "成果の共有"})
    assert len(titles(copy)) == 4 and len(titles(used)) == 3
    client.post(url(used, "copy/"))
    assert EvaluationTemplate.objects.filter(name="協働事業評価シート(コピー)2").exists()


def test_criteria_of_another_template_are_not_reachable(client, coordinator, template, hokkaido):
    other = EvaluationTemplate.objects.create(organisation=hokkaido, name="別様式",
                                              scale=[[2, "よい"], [1, "わるい"]])
    criterion = EvaluationCriterion.objects.create(template=other, stage="after", number=1,
                                                   title="別の項目")
    client.force_login(coordinator)
    assert client.post(url(template, f"criteria/{criterion.pk}/delete/")).status_code == 404


@pytest.mark.parametrize("count", [2, 20])
def test_list_and_template_pages_cost_the_same_at_any_size(client, coordinator, hokkaido, count,
                                                           django_assert_max_num_queries):
    for i in range(count):
        template = EvaluationTemplate.objects.create(organisation=hokkaido, name=f"様式{i}",
                                                     scale=[[2, "よい"], [1, "わるい"]])
        EvaluationCriterion.objects.bulk_create([
            EvaluationCriterion(template=template, stage=stage, number=n, title=f"項目{n}")
            for stage in ("before", "after") for n in range(1, count + 1)])
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(BASE).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url(template)).status_code == 200
