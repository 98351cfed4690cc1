"""An adopted (策定済) plan's item number, theme and order, and an indicator's unit and
baseline, change only by a 見直し shown publicly (issue 14 §2); a theme's number and text are
fixed once the plan is adopted."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from kyodo.plans import actions
from kyodo.plans.models import ActionItem, Indicator, Revision, Theme

MANAGE = "/org/sapporo/plans/manage/"


@pytest.fixture
def second_theme(plan):
    return Theme.objects.create(plan=plan, number=2, title="市役所経営資源の改革")


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_setters_refuse_an_items_number_theme_and_order(plan, item, second_theme, coordinator):
    for name, value in (("code", "2-1"), ("theme", second_theme), ("sort_order", 5)):
        changed = ActionItem.objects.get(pk=item.pk)
        setattr(changed, name, value)
        with pytest.raises(ValidationError, match="「見直し」で理由とともに変更してください"):
            actions.save_item(coordinator, changed)
    item.refresh_from_db()
    assert (item.code, item.theme.number, item.sort_order) == ("1-1", 1, 0)


def test_the_setter_refuses_an_indicators_unit_and_baseline(indicator, coordinator):
    for name, value in (("unit", "件"), ("baseline", Decimal(300)), ("baseline_year", 2004)):
        changed = Indicator.objects.get(pk=indicator.pk)
        setattr(changed, name, value)
        with pytest.raises(ValidationError, match="策定済みの計画の.*は、「見直し」で"):
            actions.save_indicator(coordinator, changed)
    indicator.refresh_from_db()
    assert (indicator.unit, indicator.baseline, indicator.baseline_year) == ("回", Decimal(260), None)


def test_a_theme_of_an_adopted_plan_keeps_its_number_and_text(theme, coordinator):
    theme.title = "別の名前"
    with pytest.raises(ValidationError, match="策定済みの計画の重点項目"):
        actions.save_theme(coordinator, theme)
    theme.refresh_from_db()
    assert theme.title == "市民サービスの改革"


def test_a_draft_plans_theme_and_item_change_freely(plan, theme, item, indicator, coordinator):
    plan.status = plan.Status.DRAFT
    plan.save()
    theme.title = "別の名前"
    actions.save_theme(coordinator, theme)
    item = ActionItem.objects.get(pk=item.pk)
    item.code, item.sort_order = "1-9", 4
    actions.save_item(coordinator, item)
    indicator = Indicator.objects.get(pk=indicator.pk)
    indicator.unit = "件"
    actions.save_indicator(coordinator, indicator)
    item.refresh_from_db()
    assert (item.code, item.sort_order) == ("1-9", 4)
    assert not Revision.objects.exists()


def test_a_revision_changes_the_number_theme_order_and_indicator(item, indicator, second_theme, coordinator):
    revision = actions.revise_item(
        coordinator, item,
        {"code": "2-1", "theme": second_theme, "sort_order": "３",
         "indicators": {indicator: {"unit": "件", "baseline": "２８０", "baseline_year": "平成16年度"}}},
        "environment", "重点項目の組み替えに合わせる。")
    pk = indicator.pk
    assert revision.before == {"code": "1-1", "theme": "1 市民サービスの改革", "sort_order": 0,
                               f"indicator.{pk}.unit": "回", f"indicator.{pk}.baseline": "260",
                               f"indicator.{pk}.baseline_year": None}
    assert revision.after["theme"] == "2 市役所経営資源の改革" and revision.after["code"] == "2-1"
    assert revision.after[f"indicator.{pk}.baseline"] == "280"
    item.refresh_from_db()
    indicator.refresh_from_db()
    assert (item.code, item.theme_id, item.sort_order) == ("2-1", second_theme.pk, 3)
    assert (indicator.unit, indicator.baseline, indicator.baseline_year) == ("件", Decimal(280), 2004)
    labels = [str(label) for label, _before, _after in actions.revision_rows(revision, {pk: indicator})]
    assert labels == ["項目番号", "重点項目", "表示順", "出前講座の開催回数 の単位",
                      "出前講座の開催回数 の基準値", "出前講座の開催回数 の基準年度"]


def test_a_revision_refuses_a_theme_of_another_plan_and_a_bad_baseline(item, indicator, coordinator, sapporo):
    other = Theme.objects.create(plan=type(item.plan).objects.create(
        organisation=sapporo, title="別の計画", start_fiscal_year=2005, end_fiscal_year=2006), number=1, title="x")
    with pytest.raises(ValidationError) as refused:
        actions.revise_item(coordinator, item, {"theme": other, "indicators": {indicator: {"baseline": "多い"}}},
                            "other", "理由")
    assert refused.value.messages[0] == "重点項目は同じ計画のものを選んでください。"
    assert "数値で入力してください" in refused.value.messages[1]
    assert not Revision.objects.exists()


def test_the_indicator_screen_shows_unit_and_baseline_fixed(signed_in, item, indicator):
    form = {"name": indicator.name, "unit": "件", "baseline": "999", "higher_is_better": "on",
            "sort_order": 0, "target_2005": "300", "target_2006": "350"}
    response = signed_in.post(f"{MANAGE}items/{item.pk}/indicators/{indicator.pk}/", form)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.unit, indicator.baseline) == ("回", Decimal(260))


def test_the_theme_screen_shows_an_adopted_theme_fixed(signed_in, plan, theme):
    response = signed_in.post(f"{MANAGE}{plan.pk}/themes/{theme.pk}/",
                              {"number": 5, "title": "書き換え", "description": "x"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.number, theme.title) == (1, "市民サービスの改革")


def test_the_revision_screen_changes_the_number_and_unit_shown_publicly(
        client, signed_in, plan, item, indicator, second_theme, sapporo_department):
    form = {"reason_category": "environment", "reason": "組み替え", "title": item.title, "description": "",
            "departments": [sapporo_department.pk], "theme": second_theme.pk, "code": "2-1",
            "sort_order": 0, "target_2005_dummy": "",
            f"indicator_{indicator.pk}_unit": "件", f"indicator_{indicator.pk}_baseline": "260",
            f"indicator_{indicator.pk}_baseline_year": "",
            f"target_{indicator.pk}_2005": "300", f"target_{indicator.pk}_2006": "350"}
    response = signed_in.post(f"{MANAGE}items/{item.pk}/revise/", form)
    assert response.status_code == 302
    [revision] = Revision.objects.all()
    assert revision.after == {"code": "2-1", "theme": "2 市役所経営資源の改革",
                              f"indicator.{indicator.pk}.unit": "件"}
    client.logout()
    public = client.get(f"/org/sapporo/plans/{plan.pk}/items/{item.pk}/").content.decode()
    assert "出前講座の開催回数 の単位" in public and "組み替え" in public


def test_an_item_added_to_an_adopted_plan_needs_the_reason_and_is_recorded(theme, coordinator,
                                                                           sapporo_department):
    with pytest.raises(ValidationError) as refused:
        actions.save_item(coordinator, ActionItem(theme=theme, code="1-2", title="窓口の延長"),
                          departments=[sapporo_department])
    assert "追加の理由を入力してください" in refused.value.message_dict["reason"][0]
    assert not ActionItem.objects.filter(code="1-2").exists()
    item = actions.save_item(coordinator, ActionItem(theme=theme, code="1-2", title="窓口の延長"),
                             departments=[sapporo_department], reason_category="citizen_voice",
                             reason="市民会議の提言を受けて加える。")
    [revision] = item.revisions.all()
    assert (revision.before, revision.after) == ({"added": None}, {"added": "1-2 窓口の延長"})
    assert [(str(label), after) for label, _b, after in actions.revision_rows(revision)] == [
        ("取組項目の追加", "1-2 窓口の延長")]


def test_an_indicator_added_to_an_adopted_plan_is_recorded(item, coordinator):
    with pytest.raises(ValidationError, match="成果指標を追加するときは"):
        actions.save_indicator(coordinator, Indicator(item=item, name="満足度", unit="%"))
    indicator = actions.save_indicator(coordinator, Indicator(item=item, name="満足度", unit="%"),
                                       reason_category="evaluation", reason="評価を受けて。")
    [revision] = item.revisions.all()
    assert revision.after == {f"indicator.{indicator.pk}.added": "満足度"}
    assert [str(label) for label, _b, _a in actions.revision_rows(revision)] == ["成果指標の追加"]


def test_the_item_screen_asks_why_an_item_is_added(client, signed_in, plan, theme, sapporo_department):
    form = {"theme": theme.pk, "code": "1-2", "title": "窓口の延長", "description": "",
            "departments": [sapporo_department.pk], "sort_order": 0}
    page = signed_in.post(f"{MANAGE}{plan.pk}/items/new/", form).content.decode()
    assert 'id="id_reason_error"' in page and not ActionItem.objects.filter(code="1-2").exists()
    form.update(reason_category="citizen_voice", reason="提言を受けて加える。")
    assert signed_in.post(f"{MANAGE}{plan.pk}/items/new/", form).status_code == 302
    item = ActionItem.objects.get(code="1-2")
    client.logout()
    public = client.get(f"/org/sapporo/plans/{plan.pk}/items/{item.pk}/").content.decode()
    assert "取組項目の追加" in public and "提言を受けて加える。" in public


def test_the_indicator_screen_asks_why_an_indicator_is_added(signed_in, item):
    form = {"name": "満足度", "unit": "%", "higher_is_better": "on", "sort_order": 0,
            "target_2005": "80", "target_2006": "85"}
    url = f"{MANAGE}items/{item.pk}/indicators/new/"
    assert 'id="id_reason_error"' in signed_in.post(url, form).content.decode()
    form.update(reason_category="evaluation", reason="評価を受けて。")
    assert signed_in.post(url, form).status_code == 302
    assert item.revisions.get().after == {f"indicator.{Indicator.objects.get(name='満足度').pk}.added": "満足度"}


def test_an_import_adding_an_item_to_an_adopted_plan_asks_why_then_records_it(signed_in, plan, item, indicator):
    book = load_workbook(io.BytesIO(signed_in.get(f"{MANAGE}{plan.pk}/import/template.xlsx").content))
    book["取組項目"].append(["1-2", 1, "窓口の延長", "", "広報課"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "plan.xlsx"
    preview = signed_in.post(f"{MANAGE}{plan.pk}/import/", {"file": buffer})
    page = preview.content.decode()
    assert preview.status_code == 200 and "取組項目の追加" in page and "1-2 窓口の延長" in page
    assert not ActionItem.objects.filter(code="1-2").exists()
    done = signed_in.post(f"{MANAGE}{plan.pk}/import/", {
        "confirm": "1", "reason_category": "citizen_voice", "reason": "提言を受けて加える。"})
    assert done.status_code == 302
    added = ActionItem.objects.get(code="1-2")
    assert added.revisions.get().after == {"added": "1-2 窓口の延長"}
    assert not item.revisions.exists()  # the unchanged item records nothing
